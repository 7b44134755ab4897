"""'Did you mean': respell unknown query words with the index's own vocabulary.

The vocabulary is every alphabetic word of the text fields, exact forms
(``=kesepakatan``) read as the surface the reader would type, so a suggestion
reads like a word and not like a stem. Scanning 100k+ words per query is too
slow in Python, so candidates are first narrowed with numpy: an insertion or
deletion changes a word's length and its letter counts by one, a substitution
its letter counts by two, so ``letter count difference + length difference``
is at most twice the edit distance. The few survivors get the real distance.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import replace

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.analysis.analyzer import EXACT_MARK, query_terms, written_forms
from search.query.match.postings import live_doc_frequency
from search.query.parse.compile import TEXT_FIELDS
from search.query.parse.syntax import Leaf, Node, Word, map_leaves, parse, unparse

log = logging.getLogger(__name__)

# A word found in at most this many documents may be a typo of a far more common one...
RARE_DOC_FREQUENCY = 3
# ...when the correction is this many times more frequent; an absent word takes any correction.
FREQUENCY_GAIN = 20
# Shorter words have too many neighbours to correct; longer ones tolerate two edits.
MIN_CORRECTABLE_LENGTH = 4
TWO_EDITS_FROM_LENGTH = 6

# Words of a query that may be respelt (a query of 32 unknown words must not scan the
# vocabulary 32 times: bench/hostile_queries.py).
MAX_RESPELT_WORDS = 4

# Letter counts: a-z, then one bucket for everything else.
_BUCKETS = 27
_OTHER = _BUCKETS - 1


class Vocabulary:
    """Indexed words with their document frequencies, arranged for near-neighbour lookups.

    The frequencies are Whoosh's, deleted documents included: upper bounds, exact for an
    index without deletions. ``_respelt`` checks the few candidates it weighs against
    the live documents, so a word that only deleted articles held is never offered."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        words = sorted(frequencies, key=len)
        self.words = words
        self.frequencies = np.array([frequencies[word] for word in words], dtype=np.int64)
        self.lengths = np.array([len(word) for word in words], dtype=np.int64)
        self.length_starts = np.searchsorted(self.lengths, np.arange(int(self.lengths.max(initial=0)) + 2))
        self.counts = _letter_counts(words, self.lengths)

    @classmethod
    def from_reader(cls, reader: IndexReader) -> Vocabulary:
        frequencies: dict[str, int] = {}
        for field in TEXT_FIELDS:
            for raw, info in reader.iter_field(field):
                word = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).removeprefix(EXACT_MARK)
                if word.isalpha():
                    frequencies[word] = max(frequencies.get(word, 0), info.doc_frequency())
        return cls(frequencies)

    def nearest(self, word: str, max_distance: int) -> list[tuple[int, int, str]]:
        """(distance, -frequency, word) of the words within ``max_distance`` edits, best first."""
        low = min(max(len(word) - max_distance, 0), len(self.length_starts) - 1)
        high = min(len(word) + max_distance + 1, len(self.length_starts) - 1)
        start, end = self.length_starts[low], self.length_starts[high]
        counts = _letter_counts([word], np.array([len(word)]))[0]
        bound = np.abs(self.counts[start:end] - counts).sum(axis=1) + np.abs(self.lengths[start:end] - len(word))
        found = []
        for index in (np.flatnonzero(bound <= 2 * max_distance) + start).tolist():
            candidate = self.words[index]
            distance = edit_distance(word, candidate, max_distance)
            if distance <= max_distance:
                found.append((distance, -int(self.frequencies[index]), candidate))
        return sorted(found)


def _letter_counts(words: list[str], lengths: np.ndarray) -> np.ndarray:
    """One row of letter counts per word, computed for all words at once (a Python loop
    over 100k words would take longer than building everything else)."""
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    buckets = np.where((codes >= ord("a")) & (codes <= ord("z")), codes - ord("a"), _OTHER)
    rows = np.repeat(np.arange(len(words)), lengths)
    flat = np.bincount(rows * _BUCKETS + buckets, minlength=len(words) * _BUCKETS)
    return flat.reshape(len(words), _BUCKETS).astype(np.int16)


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


_vocabularies: weakref.WeakKeyDictionary[IndexReader, Vocabulary] = weakref.WeakKeyDictionary()
_vocabularies_lock = threading.Lock()


def vocabulary(reader: IndexReader) -> Vocabulary:
    """The reader's vocabulary, built on first use and kept as long as the reader lives."""
    with _vocabularies_lock:
        found = _vocabularies.get(reader)
        if found is None:
            started = time.perf_counter()
            found = _vocabularies[reader] = Vocabulary.from_reader(reader)
            log.info("spelling vocabulary of %d words built in %.2f s", len(found.words),
                     time.perf_counter() - started)
        return found


def respell(searcher: Searcher, query: Node | str | None, stemmer: str) -> str | None:
    """The query with its unknown words respelt, as query text; None when no word changes."""
    node = parse(query) if isinstance(query, str) else query
    if node is None:
        return None
    reader = searcher.reader()
    looked_at = 0

    def respelt(leaf: Leaf) -> Leaf:
        # Each word looked at scans the vocabulary: the first few carry what was meant.
        nonlocal looked_at
        looked_at += 1
        return _respelt(leaf, reader, stemmer) if looked_at <= MAX_RESPELT_WORDS else leaf

    corrected = map_leaves(node, respelt)
    return unparse(corrected) if corrected != node else None


def _respelt(leaf: Leaf, reader: IndexReader, stemmer: str) -> Leaf:
    """Phrases and words that are not one plain alphabetic word are left as typed."""
    terms = query_terms(leaf.text, stemmer) if isinstance(leaf, Word) else []
    if len(terms) != 1 or not terms[0].surface.isalpha() or len(terms[0].surface) < MIN_CORRECTABLE_LENGTH:
        return leaf
    term = terms[0]
    frequency = live_frequency(reader, {term.stem, term.surface, term.exact})
    if frequency > RARE_DOC_FREQUENCY:
        return leaf
    needed = max(1, frequency * FREQUENCY_GAIN)
    most_edits = 2 if len(term.surface) >= TWO_EDITS_FROM_LENGTH else 1
    # One edit first: most typos are one edit away, and the two-edit search costs more.
    for edits in range(1, most_edits + 1):
        ranked = sorted((distance, -live_frequency(reader, set(written_forms(candidate))), candidate)
                        for distance, most, candidate in vocabulary(reader).nearest(term.surface, edits)
                        if -most >= needed and candidate != term.surface)
        for _, negative_frequency, candidate in ranked:
            if -negative_frequency >= needed:
                return replace(leaf, text=_same_case(leaf.text, candidate))
    return leaf


def live_frequency(reader: IndexReader, forms: set[str]) -> int:
    """The most live documents any of the forms occurs in, in a title or a body."""
    return max(live_doc_frequency(reader, field, form) for field in TEXT_FIELDS for form in forms)


def _same_case(typed: str, word: str) -> str:
    """The suggestion keeps the reader's capitals, so only the spelling looks changed."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word.capitalize() if typed[:1].isupper() else word
