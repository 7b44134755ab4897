"""Phrase matching straight from postings, checked only where every word occurs.

Whoosh walks span matchers document by document and builds span objects for every
occurrence: hundreds of milliseconds for a phrase of common words. Here the documents
holding every word of the phrase are found with numpy first, and positions are decoded
only for those, so the cost follows the phrase's rarest word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from whoosh.query import Query, SpanNear2, SpanOr, Term
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.query.postings import Postings, read_postings


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


@dataclass
class PhraseWork:
    """What matching phrases read: the terms whose postings were read and the position lists
    decoded. Kept so tests (and anyone profiling) can see that the work follows the distinct
    words of a phrase and the documents holding them all, not the phrase's length."""

    terms_read: int = 0
    positions_decoded: int = 0


def phrase_documents(searcher: Searcher, field: str, slots: list[_Slot], doc_count: int,
                     work: PhraseWork | None = None) -> np.ndarray:
    """Mask of the documents where the slots' words stand at their relative positions."""
    found = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        for docnum in _segment_matches(segment, field, slots, work if work is not None else PhraseWork()):
            found[offset + docnum] = True
    return found


def _segment_matches(segment: IndexReader, field: str, slots: list[_Slot], work: PhraseWork) -> Iterator[int]:
    """The segment's documents holding the phrase. A word repeated in the phrase (``jadi jadi
    jadi``) is read and decoded once, however many slots it stands in."""
    postings: dict[str, Postings | None] = {}
    for term in dict.fromkeys(term for slot in slots for term in slot.terms):
        postings[term] = read_postings(segment, field, term, values=True)
        work.terms_read += 1
    candidates = None
    for alternatives in dict.fromkeys(slot.terms for slot in slots):
        present = [postings[term].ids for term in alternatives if postings[term] is not None]
        ids = np.unique(np.concatenate(present)) if present else np.empty(0, dtype=np.int64)
        candidates = ids if candidates is None else np.intersect1d(candidates, ids, assume_unique=True)
        if not len(candidates):
            return
    decode = segment.schema[field].format.decoder("positions")
    positions = {term: _positions_at(found, candidates, decode, work)
                 for term, found in postings.items() if found is not None}
    for index, docnum in enumerate(candidates.tolist()):
        starts = _slot_positions(slots[0], positions, index)
        for slot in slots[1:]:
            wanted = _slot_positions(slot, positions, index)
            starts = {start for start in starts if start + slot.offset in wanted}
            if not starts:
                break
        else:
            yield docnum


def _slot_positions(slot: _Slot, positions: dict[str, list[frozenset[int]]], index: int) -> frozenset[int]:
    """Positions of any of the slot's terms in the ``index``-th candidate."""
    found = [positions[term][index] for term in slot.terms if term in positions]
    return found[0] if len(found) == 1 else frozenset().union(*found)


def _positions_at(posting: Postings, candidates: np.ndarray, decode: Callable[[bytes], list[int]],
                  work: PhraseWork) -> list[frozenset[int]]:
    """For each candidate document, the term's positions there (empty where it is absent)."""
    at: list[frozenset[int]] = [frozenset()] * len(candidates)
    where = np.searchsorted(posting.ids, candidates)
    where[where == len(posting.ids)] = 0
    for index in np.flatnonzero(posting.ids[where] == candidates).tolist():
        at[index] = frozenset(decode(posting.values[int(where[index])]))
        work.positions_decoded += 1
    return at
