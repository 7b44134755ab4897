"""How close a passage puts a word of the asked-for type to the question's words.

    ctx(d) = max over answer words a of  Σ_g idf_g · exp(−dist(a, g) / τ)  /  Σ_g idf_g

g runs over the distinct query terms, dist is the position gap from a to g's nearest
occurrence in d (a term d lacks adds 0), idf_g is the idf of g's most frequent form.
The passage that states the answer tends to put it right beside the question's words;
a neighbouring passage on the same story matches the words as well but not that pattern.

Long articles are analysed only in windows around the question's words
(``search.query.rank.answer_windows``): an answer farther away adds almost nothing.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from whoosh.analysis import Analyzer

from search.analysis.analyzer import QueryTerm
from search.query.rank.answer_tokens import AnswerClass, Known, PassageWord, is_answer
from search.query.rank.answer_windows import WINDOW_CHARS, Anchors, Span, make_anchors, windows

# Positions left between two windows, so no distance is measured across the unread text.
_WINDOW_GAP = 10_000


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
    anchors: Anchors


def make_question(answer: AnswerClass, terms: Sequence[QueryTerm], idf: Callable[[str], float]) -> Question | None:
    """The re-rank's view of a question; None when it has no searchable term."""
    groups = tuple(dict.fromkeys(frozenset((term.stem, term.surface)) for term in terms))
    if not groups:
        return None
    forms: dict[str, tuple[int, ...]] = {}
    for number, group in enumerate(groups):
        for form in group:
            forms[form] = (*forms.get(form, ()), number)
    weights = tuple(min(map(idf, group)) for group in groups)
    numbered = [(groups.index(frozenset((term.stem, term.surface))), term) for term in terms]
    return Question(answer, groups, weights, forms, make_anchors(numbered, weights))


def context(question: Question, text: str, known: Known, analyzer: Analyzer, tau: float,
            radius: int | None = WINDOW_CHARS) -> float:
    """ctx of ``text`` (see the module docstring); ``radius`` None analyses the whole text."""
    spans = [(0, len(text))] if radius is None else windows(text, question.anchors, radius)
    words = analyse(text, spans, analyzer)
    found: list[list[int]] = [[] for _ in question.groups]
    forms = question.forms
    for word in words:
        if word.text in forms or word.surface in forms:
            for number in {*forms.get(word.text, ()), *forms.get(word.surface, ())}:
                found[number].append(word.pos)
    present = [(weight, positions) for weight, positions in zip(question.weights, found, strict=True) if positions]
    if not present:
        return 0.0
    best = 0.0
    for word in words:
        if word.text in forms or word.surface in forms:
            continue
        if not is_answer(question.answer, word, text, known):
            continue
        best = max(best, sum(weight * math.exp(-_distance(positions, word.pos) / tau)
                             for weight, positions in present))
    return best / sum(question.weights)


def _distance(positions: list[int], pos: int) -> int:
    """Gap from ``pos`` to the nearest of the sorted ``positions``."""
    index = bisect_left(positions, pos)
    return min(abs(positions[near] - pos) for near in (index - 1, index) if 0 <= near < len(positions))


def analyse(text: str, spans: Sequence[Span], analyzer: Analyzer) -> list[PassageWord]:
    """The analysed words of ``text`` inside ``spans``, positions kept apart between spans."""
    words: list[PassageWord] = []
    pos = 0
    for start, end in spans:
        for token in analyzer(text[start:end], positions=True, chars=True, mode="query",
                              start_pos=pos, start_char=start):
            words.append(PassageWord(token.pos, token.text, token.surface, token.startchar,
                              text[token.startchar].isupper(), token.name))
        pos = (words[-1].pos if words else pos) + _WINDOW_GAP
    return words
