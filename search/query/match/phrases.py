"""Phrase matching straight from postings, checked only where every word occurs.

Whoosh walks span matchers document by document and builds span objects for every
occurrence: hundreds of milliseconds for a phrase of common words. Here the documents
holding every word of the phrase are found with numpy first, and positions are decoded
only for those, so the cost follows the phrase's rarest word. The positions are then
matched as sorted numpy arrays, all candidates at once: the 60 x "jadi" phrase of issue 10
took 3 s decoding every slot again and walking each candidate in Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from whoosh.query import Query, SpanNear2, SpanOr, Term
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.query.match.postings import Postings, read_postings

# A term's occurrences as one sorted array: the document in the high bits, the position below.
_DOCUMENT_SHIFT = 32
_POSITION_MASK = (1 << _DOCUMENT_SHIFT) - 1


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
    read of its postings per segment, and one decode of its positions per document. Counts
    both, so tests can see that the work follows the distinct words, not the query's length."""

    def __init__(self) -> None:
        self.terms_read = 0
        self.positions_decoded = 0
        self._postings: dict[tuple[int, str, str], Postings | None] = {}
        self._positions: dict[tuple[int, str, str], dict[int, list[int]]] = {}

    def postings(self, segment: IndexReader, field: str, term: str) -> Postings | None:
        key = (id(segment), field, term)
        if key not in self._postings:
            self._postings[key] = read_postings(segment, field, term, values=True)
            self.terms_read += 1
        return self._postings[key]

    def positions(self, segment: IndexReader, field: str, term: str, posting: Postings,
                  candidates: np.ndarray) -> np.ndarray:
        """The term's positions in the candidate documents, as sorted ``document << 32 | position`` keys."""
        known = self._positions.setdefault((id(segment), field, term), {})
        decode = segment.schema[field].format.decoder("positions")
        values = posting.values
        assert values is not None, "phrase postings are read with their values"
        where = np.searchsorted(posting.ids, candidates)
        where[where == len(posting.ids)] = 0
        present = np.flatnonzero(posting.ids[where] == candidates)
        found = []
        for index in present.tolist():
            docnum = int(candidates[index])
            if docnum not in known:
                known[docnum] = decode(values[int(where[index])])
                self.positions_decoded += 1
            found.append(known[docnum])
        documents = np.repeat(candidates[present].astype(np.int64), [len(positions) for positions in found])
        flat = np.fromiter((position for positions in found for position in positions), dtype=np.int64,
                           count=len(documents))
        # Sorted and unique as built: candidates ascend, and so do a document's positions.
        return (documents << _DOCUMENT_SHIFT) | flat


def phrase_documents(searcher: Searcher, field: str, slots: list[_Slot], doc_count: int,
                     reads: PhraseReads | None = None) -> np.ndarray:
    """Mask of the documents where the slots' words stand at their relative positions;
    ``reads`` shares what is read with the query's other phrases."""
    reads = reads if reads is not None else PhraseReads()
    found = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        for docnum in _segment_matches(segment, field, slots, reads):
            found[offset + docnum] = True
    return found


def _segment_matches(segment: IndexReader, field: str, slots: list[_Slot], reads: PhraseReads) -> Iterator[int]:
    """The segment's documents holding the phrase."""
    postings = {term: reads.postings(segment, field, term)
                for term in dict.fromkeys(term for slot in slots for term in slot.terms)}
    candidates = None
    for alternatives in dict.fromkeys(slot.terms for slot in slots):
        present = [found.ids for found in (postings[term] for term in alternatives) if found is not None]
        ids = np.unique(np.concatenate(present)) if present else np.empty(0, dtype=np.int64)
        candidates = ids if candidates is None else np.intersect1d(candidates, ids, assume_unique=True)
        if not len(candidates):
            return
    if candidates is None:
        return
    starts = _slot_keys(slots[0], reads, segment, field, postings, candidates)
    for slot in slots[1:]:
        # Positions are decoded only where the phrase so far still stands: its rarest
        # stretch, not its commonest word, decides how much is decoded.
        candidates = np.unique(starts >> _DOCUMENT_SHIFT)
        starts = np.intersect1d(starts, _slot_keys(slot, reads, segment, field, postings, candidates),
                                assume_unique=True)
        if not len(starts):
            return
    yield from np.unique(starts >> _DOCUMENT_SHIFT).tolist()


def _slot_keys(slot: _Slot, reads: PhraseReads, segment: IndexReader, field: str,
               postings: dict[str, Postings | None], candidates: np.ndarray) -> np.ndarray:
    """Where a phrase would start, in the candidate documents, for the slot's terms to stand
    ``slot.offset`` positions after its start."""
    found = [reads.positions(segment, field, term, posting, candidates)
             for term in slot.terms if (posting := postings[term]) is not None]
    keys = found[0] if len(found) == 1 else np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)
    return keys[(keys & _POSITION_MASK) >= slot.offset] - slot.offset
