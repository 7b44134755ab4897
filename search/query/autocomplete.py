"""Suggestions while a reader types: entities to filter by, and words to complete the query with.

Entities come from the facet index, matched by the start of any of their words,
case- and accent-insensitively (``lavr`` → Sergey Lavrov), most-covered first.
Completions finish the last word typed with words the articles use (titles and
bodies, as written, not stemmed), in most articles first; the word list is read once
per searcher and kept beside it. Bodies count because many sources give no headline.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader

from search.analysis.analyzer import EXACT_MARK
from search.entities.normalize import fold_key
from search.index.schema import ENTITY_FIELDS
from search.query.facet_words import folded_words
from search.query.facets import FacetIndex
from search.query.live import IndexView
from search.query.postings import live_doc_frequency

ENTITY_SUGGESTIONS = 5
WORD_SUGGESTIONS = 3
# Shorter words complete nothing useful ("di", "ke") and numbers are not typed by prefix.
MIN_WORD_CHARS = 3
COMPLETION_FIELDS = ("title", "body")
# Sorts after any character a word can continue with, so ``prefix + _LAST_CHAR`` bounds the prefix's words.
_LAST_CHAR = chr(0x10FFFF)


@dataclass(frozen=True)
class Suggestion:
    """``kind`` is ``entity`` (``facet`` names which) or ``query`` (``value`` is the whole query)."""

    kind: str
    value: str
    count: int
    facet: str | None = None


def suggest(view: IndexView, text: str, entities: int = ENTITY_SUGGESTIONS,
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


def ends_unfinished(view: IndexView, text: str) -> bool:
    """Whether the last word of ``text`` is no indexed word yet, so probably still being typed."""
    words = folded_words(text)
    return bool(words) and not article_words(view).contains(words[-1])


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
            for word, count in article_words(view).completions(prefix, limit) if word != prefix]


class ArticleWords:
    """The distinct words of titles and bodies, as written (not stemmed), sorted, with their article counts.

    Counts are read from the term index, where deleted articles still count; in an
    index with deletions each word offered is recounted over the live articles, so a
    word that only deleted articles held is never offered."""

    def __init__(self, reader: IndexReader) -> None:
        counts: dict[str, int] = {}
        for field in COMPLETION_FIELDS:
            decode = reader.schema[field].from_bytes
            for term, info in reader.iter_field(field):
                word = decode(term).removeprefix(EXACT_MARK)
                if len(word) >= MIN_WORD_CHARS and word.isalpha():
                    counts[word] = max(counts.get(word, 0), info.doc_frequency())
        self.words = sorted(counts)
        self.counts = np.fromiter((counts[word] for word in self.words), dtype=np.int64, count=len(self.words))
        self._reader = reader
        self._exact = not reader.has_deletions()

    def contains(self, word: str) -> bool:
        position = bisect_left(self.words, word)
        if position == len(self.words) or self.words[position] != word:
            return False
        return self._exact or self._live_count(word) > 0

    def completions(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to ``limit`` words starting with ``prefix``, most frequent first."""
        start = bisect_left(self.words, prefix)
        end = bisect_right(self.words, prefix + _LAST_CHAR, start)
        counts = self.counts[start:end]
        order = np.argsort(-counts, kind="stable").tolist()
        if self._exact:
            return [(self.words[start + i], int(counts[i])) for i in order[:limit]]
        best: list[tuple[str, int]] = []
        for i in order:
            # A live count never exceeds the stored one: once the stored count of the next
            # word cannot beat the last kept live count, no later word can either.
            if len(best) >= limit and counts[i] <= best[limit - 1][1]:
                break
            word = self.words[start + i]
            best.append((word, self._live_count(word)))
            best.sort(key=lambda pair: -pair[1])
        return [(word, count) for word, count in best[:limit] if count > 0]

    def _live_count(self, word: str) -> int:
        return max(live_doc_frequency(self._reader, field, form)
                   for field in COMPLETION_FIELDS for form in (word, EXACT_MARK + word))


_cache: weakref.WeakKeyDictionary[FacetIndex, ArticleWords] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def article_words(view: IndexView) -> ArticleWords:
    """The article words of the view's searcher, read on first use; a rebuilt index gets its own."""
    with _cache_lock:
        words = _cache.get(view.facets)
        if words is None:
            words = _cache[view.facets] = ArticleWords(view.searcher.reader())
        return words
