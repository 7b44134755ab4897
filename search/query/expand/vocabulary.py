"""The words articles use, as written, with how many articles use each, read from the term
index once per index version (``IndexView``): what a word being typed may become
(:class:`ArticleWords`: autocomplete, the query's open last word) and what a mistyped word
may have meant (:class:`NearestWords`: typo tolerance, "did you mean").

Titles and bodies are read, exact forms as the surface the reader typed; bodies count
because many sources give no headline. Scanning 100k+ words per lookup is too slow in
Python, so nearest-word candidates are first narrowed with numpy: an insertion or deletion
changes a word's length and its letter counts by one, a substitution its letter counts by
two, so ``letter count difference + length difference`` is at most twice the edit
distance. The few survivors get the real distance.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

import numpy as np
from whoosh.reading import IndexReader

from search.analysis.analyzer import written_forms
from search.query.match.postings import live_doc_frequency
from search.query.parse.compile import TEXT_FIELDS

# Shorter words complete nothing useful ("di", "ke") and numbers are not typed by prefix.
MIN_WORD_CHARS = 3
# Sorts after any character a word can continue with, so ``prefix + _LAST_CHAR`` bounds the prefix's words.
_LAST_CHAR = chr(0x10FFFF)


class ArticleWords:
    """The distinct words of titles and bodies, as written (not stemmed), sorted, with their article counts.

    Counts are read from the term index, where deleted articles still count; in an
    index with deletions each word offered is recounted over the live articles, so a
    word that only deleted articles held is never offered."""

    def __init__(self, reader: IndexReader, words: Sequence[str], counts: np.ndarray) -> None:
        """``words`` in code point order with their ``counts`` (``IndexArrays.words``)."""
        kept = np.fromiter((len(word) >= MIN_WORD_CHARS for word in words), dtype=bool, count=len(words))
        self.words = [word for word, keep in zip(words, kept.tolist(), strict=True) if keep]
        self.counts = np.asarray(counts)[kept]
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
            best.append((word, live_frequency(self._reader, set(written_forms(word)))))
            best.sort(key=lambda pair: (-pair[1], pair[0]))
        return [(word, count) for word, count in best[:limit] if count > 0]


# Letter counts: a-z, then one bucket for everything else.
_BUCKETS = 27
_OTHER = _BUCKETS - 1
_MOST_LETTERS = 127


# Rare words of one query looked up in the vocabulary, by typo widening and by
# did-you-mean alike: each lookup scans the words of similar length, and a query of 32
# unknown words took 110 ms (bench/hostile_queries.py).
MAX_RESPELT_WORDS = 4


class NearestWords:
    """Indexed words with their document frequencies, arranged for near-neighbour lookups.

    The frequencies are Whoosh's, deleted documents included: upper bounds, exact for an
    index without deletions. Callers check the few candidates they weigh against the
    live documents (:func:`live_frequency`), so a word that only deleted articles held is
    never offered."""

    def __init__(self, words: Sequence[str], frequencies: np.ndarray) -> None:
        """``words`` in code point order with their document ``frequencies`` (``IndexArrays.words``)."""
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        by_length = np.argsort(lengths, kind="stable")
        self.words = [words[index] for index in by_length.tolist()]
        self.frequencies = np.asarray(frequencies)[by_length]
        self.lengths = lengths[by_length]
        self.length_starts = np.searchsorted(self.lengths, np.arange(int(self.lengths.max(initial=0)) + 2))
        # Letter by letter in memory (column-major), so one letter's counts of a run of lengths are contiguous.
        self.counts = np.asfortranarray(_letter_counts(self.words, self.lengths))

    def nearest(self, word: str, max_distance: int) -> list[tuple[int, int, str]]:
        """(distance, -frequency, word) of the words within ``max_distance`` edits, best first."""
        low = min(max(len(word) - max_distance, 0), len(self.length_starts) - 1)
        high = min(len(word) + max_distance + 1, len(self.length_starts) - 1)
        start, end = int(self.length_starts[low]), int(self.length_starts[high])
        counts = _letter_counts([word], np.array([len(word)]))[0]
        # The bound over the word's own letters first (a part of the sum, so never above it),
        # then the whole bound over the few rows left: a third of the work per lookup.
        letters = np.flatnonzero(counts)
        partial = np.abs(self.lengths[start:end] - len(word))
        for letter in letters.tolist():
            partial += np.abs(self.counts[start:end, letter] - counts[letter])
        rows = np.flatnonzero(partial <= 2 * max_distance) + start
        bound = np.abs(self.counts[rows] - counts).sum(axis=1) + np.abs(self.lengths[rows] - len(word))
        found = []
        for index in rows[bound <= 2 * max_distance].tolist():
            candidate = self.words[index]
            distance = edit_distance(word, candidate, max_distance)
            if distance <= max_distance:
                found.append((distance, -int(self.frequencies[index]), candidate))
        return sorted(found)


def _letter_counts(words: list[str], lengths: np.ndarray) -> np.ndarray:
    """One row of letter counts per word, computed for all words at once (a Python loop
    over 100k words would take longer than building everything else). A count is capped
    at 127 to fit a byte (half the memory of 16 bits): the difference of two capped counts
    is never above the true difference, so the bound stays a lower bound, and differences
    of counts in 0..127 fit a signed byte."""
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    buckets = np.where((codes >= ord("a")) & (codes <= ord("z")), codes - ord("a"), _OTHER)
    rows = np.repeat(np.arange(len(words)), lengths)
    flat = np.bincount(rows * _BUCKETS + buckets, minlength=len(words) * _BUCKETS)
    return np.minimum(flat.reshape(len(words), _BUCKETS), _MOST_LETTERS).astype(np.int8)


def edit_distance(left: str, right: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap neighbours) from ``left`` to ``right``;
    any answer above ``limit`` is ``limit + 1``, so hopeless pairs stop early."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, 1):
        current = [i]
        for j, b in enumerate(right, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == right[j - 2] and left[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def live_frequency(reader: IndexReader, forms: Iterable[str]) -> int:
    """The most live documents any of the forms occurs in, in a title or a body."""
    return max(live_doc_frequency(reader, field, form) for field in TEXT_FIELDS for form in forms)
