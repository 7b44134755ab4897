"""How close a passage puts a word of the asked-for type to the question's words.

    ctx(d) = max over answer words a of  Σ_g idf_g · exp(−dist(a, g) / τ)  /  Σ_g idf_g

g runs over the distinct query terms, dist is the position gap from a to g's nearest
occurrence in d (a term d lacks adds 0), idf_g is the idf of g's most frequent form.
The passage that states the answer tends to put it right beside the question's words;
a neighbouring passage on the same story matches the words as well but not that pattern.

Analysis is the cost, so a long article is analysed only in windows around the places
its text contains a question word; an answer farther away than a window's radius would
add under exp(−radius/τ) of a term's weight, which the radius keeps negligible.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from whoosh.analysis import Analyzer

from search.analysis.analyzer import QueryTerm
from search.query.answer_tokens import AnswerClass, Known, Word, is_answer

# Characters analysed on each side of a question word's occurrence: about 40 positions at
# ~7 characters a position, where exp(-40/6) leaves 0.1% of a term's weight at the largest τ.
WINDOW_CHARS = 280
# At most about this many characters of one passage are analysed (windows in text order),
# so a 20,000-character article costs what a long ordinary one does.
MAX_ANALYSED_CHARS = 4000
# Positions left between two windows, so no distance is measured across the unread text.
_WINDOW_GAP = 10_000
# Consonants a meN-/peN- prefix absorbs (``tulis`` → ``menulis``): a stem starting with one
# is searched without it too, so the windows still find its inflected forms.
_ABSORBED = frozenset("kpst")
_MIN_ANCHOR = 3
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Question:
    """A question as the re-rank sees it: the answer type asked for and its distinct terms.

    ``groups`` holds each term's index forms (stem and surface), ``weights`` their idf,
    ``forms`` maps a form to the groups it belongs to, ``anchors`` finds the terms in raw text.
    """

    answer: AnswerClass
    groups: tuple[frozenset[str], ...]
    weights: tuple[float, ...]
    forms: Mapping[str, tuple[int, ...]]
    anchors: re.Pattern[str]


def make_question(answer: AnswerClass, terms: Sequence[QueryTerm], idf: Callable[[str], float]) -> Question | None:
    """The re-rank's view of a question; None when it has no searchable term."""
    groups = tuple(dict.fromkeys(frozenset((term.stem, term.surface)) for term in terms))
    if not groups:
        return None
    forms: dict[str, tuple[int, ...]] = {}
    for number, group in enumerate(groups):
        for form in group:
            forms[form] = (*forms.get(form, ()), number)
    anchors = sorted({anchor for term in terms for anchor in _anchors(term)}, key=len, reverse=True)
    return Question(
        answer=answer,
        groups=groups,
        weights=tuple(min(map(idf, group)) for group in groups),
        forms=forms,
        anchors=re.compile("|".join(map(re.escape, anchors)), re.IGNORECASE),
    )


def _anchors(term: QueryTerm) -> Iterator[str]:
    yield term.surface
    yield term.stem
    if term.stem[:1] in _ABSORBED and len(term.stem) > _MIN_ANCHOR:
        yield term.stem[1:]


def context(question: Question, text: str, known: Known, analyzer: Analyzer, tau: float,
            radius: int | None = WINDOW_CHARS) -> float:
    """ctx of ``text`` (see the module docstring); ``radius`` None analyses the whole text."""
    spans = [(0, len(text))] if radius is None else windows(text, question.anchors, radius)
    words = analyse(text, spans, analyzer)
    found: list[list[int]] = [[] for _ in question.groups]
    for word in words:
        for number in _groups_of(question, word):
            found[number].append(word.pos)
    present = [(weight, positions) for weight, positions in zip(question.weights, found) if positions]
    if not present:
        return 0.0
    best = 0.0
    for word in words:
        if word.text in question.forms or word.surface in question.forms:
            continue
        if not is_answer(question.answer, word, text, known):
            continue
        best = max(best, sum(weight * math.exp(-_distance(positions, word.pos) / tau)
                             for weight, positions in present))
    return best / sum(question.weights)


def _groups_of(question: Question, word: Word) -> set[int]:
    forms = question.forms
    return {*forms.get(word.text, ()), *forms.get(word.surface, ())}


def _distance(positions: list[int], pos: int) -> int:
    """Gap from ``pos`` to the nearest of the sorted ``positions``."""
    index = bisect_left(positions, pos)
    return min(abs(positions[near] - pos) for near in (index - 1, index) if 0 <= near < len(positions))


def windows(text: str, anchors: re.Pattern[str], radius: int) -> list[tuple[int, int]]:
    """(start, end) of the text around every anchor, merged, on word boundaries, in text
    order, until about ``MAX_ANALYSED_CHARS`` are covered."""
    spans: list[tuple[int, int]] = []
    covered = 0
    for match in anchors.finditer(text):
        if covered >= MAX_ANALYSED_CHARS:
            break
        start, end = _word_start(text, match.start() - radius), _word_end(text, match.end() + radius)
        if spans and start <= spans[-1][1]:
            covered += end - spans[-1][1]
            spans[-1] = (spans[-1][0], end)
        else:
            covered += end - start
            spans.append((start, end))
    return spans


def _word_start(text: str, offset: int) -> int:
    if offset <= 0:
        return 0
    space = _SPACE.search(text, offset)
    return space.end() if space else len(text)


def _word_end(text: str, offset: int) -> int:
    space = _SPACE.search(text, offset) if offset < len(text) else None
    return space.start() if space else len(text)


def analyse(text: str, spans: Sequence[tuple[int, int]], analyzer: Analyzer) -> list[Word]:
    """The analysed words of ``text`` inside ``spans``, positions kept apart between spans."""
    words: list[Word] = []
    pos = 0
    for start, end in spans:
        for token in analyzer(text[start:end], positions=True, chars=True, mode="query",
                              start_pos=pos, start_char=start):
            words.append(Word(token.pos, token.text, token.surface, token.startchar,
                              text[token.startchar].isupper(), token.name))
        pos = (words[-1].pos if words else pos) + _WINDOW_GAP
    return words
