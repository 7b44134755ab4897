"""Phrase matching straight from postings, checked only where every word occurs.

Whoosh walks span matchers document by document and builds span objects for every
occurrence: hundreds of milliseconds for a phrase of common words. Here the documents
holding every word of the phrase are found with numpy first, and positions are decoded
only for those, so the cost follows the phrase's rarest word. The positions are then
matched as sorted numpy arrays, all candidates at once: the 60 x "jadi" phrase of issue 10
took 3 s decoding every slot again and walking each candidate in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh.query import Query, SpanNear2, SpanOr, Term
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.query.match.blocks import read_postings
from search.query.match.postings import (
    POSITION_BITS,
    TermMemory,
    distinct_sorted,
    in_sorted,
    read_positions,
    sorted_union,
)

# A term's occurrences as one sorted array: the document in the high bits, the position below.
_DOCUMENT_SHIFT = POSITION_BITS
_POSITION_MASK = (1 << _DOCUMENT_SHIFT) - 1
_NO_KEYS = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class _Slot:
    """One word of a phrase: the index terms that may stand there, and its position
    relative to the phrase's first word."""

    terms: tuple[str, ...]
    offset: int


def phrase_parts(query: Query) -> tuple[str, list[_Slot]] | None:
    """The field and word slots of a phrase built as a chain of exact-distance spans."""
    if isinstance(query, SpanNear2):
        if len(query.qs) != 2 or query.slop != query.mindist or not query.ordered:
            return None
        left, right = phrase_parts(query.qs[0]), phrase_parts(query.qs[1])
        if left is None or right is None or left[0] != right[0] or len(right[1]) != 1:
            return None
        last = left[1][-1].offset
        return left[0], [*left[1], _Slot(right[1][0].terms, last + query.slop)]
    if isinstance(query, SpanOr) and all(type(sub) is Term for sub in query.subqs):
        fields = {sub.fieldname for sub in query.subqs}
        if len(fields) == 1:
            return fields.pop(), [_Slot(tuple(sub.text for sub in query.subqs), 0)]
    if type(query) is Term:
        return query.fieldname, [_Slot((query.text,), 0)]
    return None


class PhraseReads:
    """The postings and positions one query's phrases have read, each read once: a term shared
    by several phrases (``"a b" OR "b c"``) or repeated in one (``"jadi jadi jadi"``) costs one
    read of its documents per segment, and one decode of its positions per document. Counts
    both, so tests can see that the work follows the distinct words, not the query's length.

    A term's documents and positions come from ``memory`` (the scorer's memory of decoded
    terms) when given; without it, positions are read only from the posting blocks holding
    the candidates (``read_positions``). Reading every block of every word took 190 ms at
    22k for a phrase of eight common words (``bench/hostile_queries.py``)."""

    def __init__(self, memory: TermMemory | None = None) -> None:
        self.memory = memory
        self.terms_read = 0
        self.positions_decoded = 0
        self._documents: dict[tuple[int, str, str], np.ndarray] = {}
        self._positions: dict[tuple[int, str, str], np.ndarray] = {}

    def documents(self, segment: IndexReader, offset: int, field: str, term: str) -> np.ndarray:
        """The segment-local documents holding the term, ascending (deleted ones included)."""
        key = (id(segment), field, term)
        if key not in self._documents:
            self._documents[key] = self._read_documents(segment, offset, field, term)
            self.terms_read += 1
        return self._documents[key]

    def _read_documents(self, segment: IndexReader, offset: int, field: str, term: str) -> np.ndarray:
        if self.memory is None:
            found = read_postings(segment, field, term)
            return found.ids if found is not None else np.empty(0, dtype=np.int64)
        documents = self.memory.postings(field, term)[0]
        low, high = np.searchsorted(documents, (offset, offset + segment.doc_count_all()))
        return documents[low:high] - offset

    def positions(self, segment: IndexReader, offset: int, field: str, term: str,
                  candidates: np.ndarray) -> np.ndarray:
        """The term's positions in the candidate documents (segment-local numbers), as sorted
        ``document << POSITION_BITS | position`` keys."""
        holding = self._holding(segment, field, term, candidates)
        if self.memory is not None:
            return self.memory.positions_in(field, term, holding + offset) - (offset << _DOCUMENT_SHIFT)
        key = (id(segment), field, term)
        known = self._positions.get(key, _NO_KEYS)
        unread = holding[~np.isin(holding, known >> _DOCUMENT_SHIFT)]
        if len(unread):
            read = read_positions(segment, field, term, unread)
            self.positions_decoded += len(read.documents)
            fresh = (read.of_documents() << _DOCUMENT_SHIFT) | read.flat
            known = np.union1d(known, fresh) if len(known) else fresh
            self._positions[key] = known
        return known[np.isin(known >> _DOCUMENT_SHIFT, holding)]

    def _holding(self, segment: IndexReader, field: str, term: str, candidates: np.ndarray) -> np.ndarray:
        documents = self._documents[(id(segment), field, term)]
        return candidates[in_sorted(candidates, documents)].astype(np.int64)


def phrase_documents(searcher: Searcher, field: str, slots: list[_Slot], doc_count: int,
                     reads: PhraseReads | None = None) -> np.ndarray:
    """Mask of the documents where the slots' words stand at their relative positions;
    ``reads`` shares what is read with the query's other phrases."""
    reads = reads if reads is not None else PhraseReads()
    found = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        found[offset + _segment_matches(segment, offset, field, slots, reads)] = True
    return found


def _segment_matches(segment: IndexReader, offset: int, field: str, slots: list[_Slot],
                     reads: PhraseReads) -> np.ndarray:
    """The segment's documents holding the phrase (segment-local, ascending). Sorted arrays
    are intersected by binary search (``in_sorted``), not by ``np.intersect1d``, which sorts
    both again."""
    documents = {term: reads.documents(segment, offset, field, term)
                 for term in dict.fromkeys(term for slot in slots for term in slot.terms)}
    candidates = None
    for alternatives in dict.fromkeys(slot.terms for slot in slots):
        ids = sorted_union([documents[term] for term in alternatives if len(documents[term])])
        candidates = ids if candidates is None else candidates[in_sorted(candidates, ids)]
        if not len(candidates):
            return _NO_KEYS
    if candidates is None:
        return _NO_KEYS
    starts = _slot_keys(slots[0], reads, segment, offset, field, candidates)
    for slot in slots[1:]:
        # Positions are decoded only where the phrase so far still stands: its rarest
        # stretch, not its commonest word, decides how much is decoded.
        candidates = distinct_sorted(starts >> _DOCUMENT_SHIFT)
        starts = starts[in_sorted(starts, _slot_keys(slot, reads, segment, offset, field, candidates))]
        if not len(starts):
            return _NO_KEYS
    return distinct_sorted(starts >> _DOCUMENT_SHIFT)


def _slot_keys(slot: _Slot, reads: PhraseReads, segment: IndexReader, offset: int, field: str,
               candidates: np.ndarray) -> np.ndarray:
    """Where a phrase would start, in the candidate documents, for the slot's terms to stand
    ``slot.offset`` positions after its start."""
    found = [reads.positions(segment, offset, field, term, candidates) for term in slot.terms]
    keys = sorted_union([keys for keys in found if len(keys)])
    return keys[(keys & _POSITION_MASK) >= slot.offset] - slot.offset
