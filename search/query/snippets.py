"""Highlighted snippets: the sentences that best show why an article matched.

Matching runs on analysed tokens, so a query for ``sepakat`` marks ``kesepakatan``
and ``menyepakati`` too. All article text is HTML-escaped; ``<mark>`` is the only
markup a snippet can contain.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from whoosh.analysis import Analyzer

from search.analysis.analyzer import EXACT_MARK

SNIPPET_CHARS = 200
MAX_FRAGMENTS = 3
# A leftover budget smaller than this is not worth another fragment.
_MIN_FRAGMENT_CHARS = 50
ELLIPSIS = "…"

# Words this short are looked for whole; longer ones without their first letter.
_SHORT_WORD = 3

_SENTENCE = re.compile(r"[^\n.!?…]*(?:[.!?…]+[\"'”’)]*|\n|$)")


@dataclass(frozen=True)
class Match:
    """A token of the text that a query term matches, by character offsets."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    matches: tuple[Match, ...]

    @property
    def distinct(self) -> int:
        return len({match.term for match in self.matches})


def make_snippet(text: str, analyzer: Analyzer, terms: Collection[str], limit: int = SNIPPET_CHARS) -> str:
    """Up to three fragments (about ``limit`` characters in all), best fragment first."""
    sentences = _sentences_with_matches(text, analyzer, terms) if terms else []
    if not sentences:
        return opening(text, limit)
    fragments: list[str] = []
    budget = limit
    for sentence in sorted(sentences, key=lambda s: (-s.distinct, -len(s.matches), s.start)):
        if len(fragments) == MAX_FRAGMENTS or budget < _MIN_FRAGMENT_CHARS:
            break
        start, end = _window(text, sentence, budget)
        fragments.append(_render(text, start, end, sentence.matches))
        budget -= end - start
    return f" {ELLIPSIS} ".join(fragments)


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The article's first ``limit`` characters, cut at a word boundary, escaped."""
    start = len(text) - len(text.lstrip())
    end = _word_end(text, start + limit)
    return _render(text, start, end, ())


def _sentences_with_matches(text: str, analyzer: Analyzer, terms: Collection[str]) -> list[_Sentence]:
    """Sentences holding a match, in text order.

    Stemming every word of an article costs more than the rest of a search, so only
    sentences that could hold a match are analysed: an affixed form contains its root
    (all but the root's first letter, which a nasal prefix may replace). A sentence is
    analysed alone, so a name opening it may be stemmed: its surface matches then.
    """
    keys = _match_keys(terms)
    found = []
    for sentence in _SENTENCE.finditer(text):
        start, end = sentence.span()
        lowered = sentence.group().lower()
        if start == end or not any(key in lowered for key in keys):
            continue
        matches = find_matches(sentence.group(), analyzer, terms, offset=start)
        if matches:
            found.append(_Sentence(start, end, matches))
    return found


def find_matches(text: str, analyzer: Analyzer, terms: Collection[str], offset: int = 0) -> tuple[Match, ...]:
    """Every token of ``text`` whose analysed form (or, for a name stemmed by mistake, its
    surface) is one of ``terms``; offsets are shifted by ``offset``."""
    return tuple(
        Match(offset + token.startchar, offset + token.endchar, token.text)
        for token in analyzer(text, chars=True, positions=True, mode="index")
        if token.text in terms or token.surface in terms
    )


def _match_keys(terms: Collection[str]) -> set[str]:
    words = {term.removeprefix(EXACT_MARK) for term in terms}
    return {word[1:] if len(word) > _SHORT_WORD else word for word in words if word}


def _window(text: str, sentence: _Sentence, budget: int) -> tuple[int, int]:
    """The sentence, or a word-aligned cut of it centred on its first match when too long."""
    start, end = sentence.start, sentence.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= budget:
        return start, end
    first = sentence.matches[0]
    lead = max(start, first.start - budget // 3)
    lead = _word_start(text, lead, floor=start)
    return lead, _word_end(text, lead + budget, ceiling=end)


def _word_start(text: str, position: int, floor: int) -> int:
    while position > floor and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int, ceiling: int | None = None) -> int:
    ceiling = len(text) if ceiling is None else ceiling
    if position >= ceiling:
        return ceiling
    while position > 0 and not text[position].isspace() and not text[position - 1].isspace():
        position -= 1
    return position if position > 0 else min(ceiling, len(text))


def _render(text: str, start: int, end: int, matches: Collection[Match]) -> str:
    parts = [ELLIPSIS if start > 0 and not _is_sentence_start(text, start) else ""]
    cursor = start
    for match in matches:
        if match.start < cursor or match.end > end:
            continue
        parts.append(escape(text[cursor:match.start]))
        parts.append(f"<mark>{escape(text[match.start:match.end])}</mark>")
        cursor = match.end
    parts.append(escape(text[cursor:end]))
    if end < len(text.rstrip()) and text[end - 1] not in ".!?…\"”":
        parts.append(ELLIPSIS)
    return _squash("".join(parts))


def _is_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t")
    return not before or before[-1] in ".!?…\n\"”"


def _squash(html: str) -> str:
    return " ".join(html.split())
