"""Suggestions while a reader types: entities to filter by, and words to complete the query with.

Entities come from the facet index, matched by the start of any of their words,
case- and accent-insensitively (``lavr`` → Sergey Lavrov), most-covered first.
Completions finish the last word typed with the words articles use
(``search.query.expand.vocabulary``), in most articles first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.entities.normalize import fold_key
from search.index.schema import ENTITY_FIELDS
from search.query.facets.counting import FacetIndex
from search.query.facets.value_words import folded_words
from search.query.live import IndexView

ENTITY_SUGGESTIONS = 5
WORD_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    """``kind`` is ``entity`` (``facet`` names which) or ``query`` (``value`` is the whole query)."""

    kind: str
    value: str
    count: int
    facet: str | None = None


def complete(view: IndexView, text: str, entities: int = ENTITY_SUGGESTIONS,
            words: int = WORD_SUGGESTIONS) -> list[Suggestion]:
    """Entity suggestions first (they narrow best), then query completions."""
    if not folded_words(text):
        return []
    return entity_suggestions(view.facets, text, entities) + query_completions(view, text, words)


def entity_suggestions(facets: FacetIndex, text: str, limit: int) -> list[Suggestion]:
    """Entities of any kind whose words start with every word typed, by number of articles."""
    found: list[Suggestion] = []
    for facet in ENTITY_FIELDS:
        column = facets.columns[facet]
        matched = column.words.matching(text)
        if matched is None:
            continue
        documents = np.diff(column.value_starts)
        candidates = np.flatnonzero(matched & (documents > 0))
        best = candidates[np.argsort(-documents[candidates], kind="stable")[:limit]]
        found += [Suggestion("entity", column.values[i], int(documents[i]), facet) for i in best]
    found.sort(key=lambda suggestion: -suggestion.count)
    return found[:limit]


def query_completions(view: IndexView, text: str, limit: int) -> list[Suggestion]:
    """The query with its last, possibly unfinished, word completed by frequent article words."""
    stripped = text.rstrip()
    if stripped != text:
        return []
    head, _, last = stripped.rpartition(" ")
    prefix = fold_key(last)
    if len(prefix) < 2:
        return []
    lead = f"{head} " if head else ""
    return [Suggestion("query", lead + word, count)
            for word, count in view.article_words.completions(prefix, limit) if word != prefix]
