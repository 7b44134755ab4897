"""Which stretches of a long article the answer re-rank analyses.

Analysis is the re-rank's cost, and an answer only counts near the question's words
(``search.query.rank.answer_context``), so only windows around their occurrences are read:
found in the raw text by plain substring search, the windows where the rarest question
words gather first, up to a budget of characters per article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from search.analysis.analyzer import QueryTerm
from search.config import TUNING

# Characters read on each side of a question word: about 17 positions at ~7 characters a
# position, where an answer keeps under exp(-17/6) = 6% of a term's weight at the largest τ.
WINDOW_CHARS = 120
# Characters analysed per article at most: the best few windows. On 20 CLICK-ID candidates
# (the retired experiment bench/facqa.py --clickid 3000, in git history) the re-rank's first hit is the whole-body one on 98.7% of
# questions, in 9 ms instead of 14 (p50; docs/ranking.md).
MAX_ANALYSED_CHARS = TUNING.answer_analysed_chars
# Occurrences looked at per article: a word on every line of a 20,000-character article
# must not make window choice the cost.
_MAX_OCCURRENCES = 200
# Consonants a meN-/peN- prefix absorbs (``tulis`` → ``menulis``): a stem starting with one
# is searched without it too, so its inflected forms are found.
_ABSORBED = frozenset("kpst")
_MIN_ANCHOR = 3
_SPACE = re.compile(r"\s")

Span = tuple[int, int]


@dataclass(frozen=True)
class Anchors:
    """Lower-case strings that find the question's words in raw text; ``groups`` maps each
    to the distinct query terms it stands for, ``weights`` holds each term's weight."""

    pattern: re.Pattern[str]
    groups: Mapping[str, frozenset[int]]
    weights: tuple[float, ...]


def make_anchors(terms: Sequence[tuple[int, QueryTerm]], weights: tuple[float, ...]) -> Anchors:
    """Anchors of ``terms`` given as (term group number, term) pairs."""
    groups: dict[str, set[int]] = {}
    for number, term in terms:
        for anchor in _anchor_strings(term):
            groups.setdefault(anchor, set()).add(number)
    pattern = "|".join(map(re.escape, sorted(groups, key=len, reverse=True)))
    return Anchors(re.compile(pattern), {anchor: frozenset(found) for anchor, found in groups.items()}, weights)


def _anchor_strings(term: QueryTerm) -> Iterator[str]:
    yield term.surface
    yield term.stem
    if term.stem[:1] in _ABSORBED and len(term.stem) > _MIN_ANCHOR:
        yield term.stem[1:]


def windows(text: str, anchors: Anchors, radius: int = WINDOW_CHARS,
            budget: int = MAX_ANALYSED_CHARS) -> list[Span]:
    """(start, end) stretches of ``text`` on word boundaries, in text order: around the
    occurrences whose neighbourhood holds the most weight of distinct terms, until about
    ``budget`` characters are covered."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would drift
        return [(0, _word_end(text, budget))]
    found = []
    for match in anchors.pattern.finditer(lowered):
        found.append((match.start(), match.end(), anchors.groups[match.group()]))
        if len(found) == _MAX_OCCURRENCES:
            break
    starts = [start for start, _, _ in found]
    ranked = sorted((-_weight_near(found, starts, start - radius, end + radius, anchors.weights), start, end)
                    for start, end, _ in found)
    chosen: list[Span] = []
    for _, start, end in ranked:
        if _length(chosen) >= budget:
            break
        chosen = _merged([*chosen, (_word_start(text, start - radius), _word_end(text, end + radius))])
    return chosen


def _weight_near(found: list[tuple[int, int, frozenset[int]]], starts: list[int], low: int, high: int,
                 weights: tuple[float, ...]) -> float:
    near = found[bisect_left(starts, low):bisect_right(starts, high)]
    return sum(weights[number] for number in frozenset().union(*(groups for _, _, groups in near)))


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _length(spans: list[Span]) -> int:
    return sum(end - start for start, end in spans)


def _word_start(text: str, offset: int) -> int:
    """``offset``, moved forward past a cut word."""
    if offset <= 0:
        return 0
    space = _SPACE.search(text, offset - 1)
    return space.end() if space else len(text)


def _word_end(text: str, offset: int) -> int:
    """``offset``, moved forward to the end of a cut word."""
    space = _SPACE.search(text, offset) if offset < len(text) else None
    return space.start() if space else len(text)
