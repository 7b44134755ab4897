"""The words articles use, as written, with how many articles use each: what a word
being typed may become (autocomplete, the query's open last word).

Read from the term index once per searcher (titles and bodies, exact forms as the
surface the reader typed) and kept beside it; bodies count because many sources give
no headline.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left, bisect_right

import numpy as np
from whoosh.reading import IndexReader

from search.analysis.analyzer import EXACT_MARK, written_forms
from search.query.facets.counting import FacetIndex
from search.query.live import IndexView
from search.query.match.postings import live_doc_frequency

COMPLETION_FIELDS = ("title", "body")
# Shorter words complete nothing useful ("di", "ke") and numbers are not typed by prefix.
MIN_WORD_CHARS = 3
# Sorts after any character a word can continue with, so ``prefix + _LAST_CHAR`` bounds the prefix's words.
_LAST_CHAR = chr(0x10FFFF)


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

    def completions(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to ``limit`` words starting with ``prefix``, in most articles first (ties in
        alphabetical order)."""
        start = bisect_left(self.words, prefix)
        end = bisect_right(self.words, prefix + _LAST_CHAR, start)
        counts = self.counts[start:end]
        order = np.argsort(-counts, kind="stable").tolist()
        if self._exact:
            return [(self.words[start + i], int(counts[i])) for i in order[:limit]]
        best: list[tuple[str, int]] = []
        for i in order:
            # A live count never exceeds the stored one: once the stored count of the next
            # word is below the last kept live count, no later word can reach it.
            if len(best) >= limit and counts[i] < best[limit - 1][1]:
                break
            word = self.words[start + i]
            best.append((word, self._live_count(word)))
            best.sort(key=lambda pair: (-pair[1], pair[0]))
        return [(word, count) for word, count in best[:limit] if count > 0]

    def _live_count(self, word: str) -> int:
        return max(live_doc_frequency(self._reader, field, form)
                   for field in COMPLETION_FIELDS for form in written_forms(word))


_cache: weakref.WeakKeyDictionary[FacetIndex, ArticleWords] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def article_words(view: IndexView) -> ArticleWords:
    """The article words of the view's searcher, read on first use; a rebuilt index gets its own."""
    with _cache_lock:
        words = _cache.get(view.facets)
        if words is None:
            words = _cache[view.facets] = ArticleWords(view.searcher.reader())
        return words
