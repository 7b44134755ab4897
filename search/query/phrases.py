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


def phrase_documents(searcher: Searcher, field: str, slots: list[_Slot], doc_count: int) -> np.ndarray:
    """Mask of the documents where the slots' words stand at their relative positions."""
    found = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        for docnum in _segment_matches(segment, field, slots):
            found[offset + docnum] = True
    return found


def _segment_matches(segment: IndexReader, field: str, slots: list[_Slot]) -> Iterator[int]:
    postings = [[read_postings(segment, field, term, values=True) for term in slot.terms] for slot in slots]
    candidates = None
    for alternatives in postings:
        present = [posting.ids for posting in alternatives if posting is not None]
        ids = np.unique(np.concatenate(present)) if present else np.empty(0, dtype=np.int64)
        candidates = ids if candidates is None else np.intersect1d(candidates, ids, assume_unique=True)
        if not len(candidates):
            return
    decode = segment.schema[field].format.decoder("positions")
    positions = [_positions_at(alternatives, candidates, decode) for alternatives in postings]
    for index, docnum in enumerate(candidates.tolist()):
        starts = positions[0][index]
        for slot, slot_positions in zip(slots[1:], positions[1:]):
            wanted = slot_positions[index]
            starts = {start for start in starts if start + slot.offset in wanted}
            if not starts:
                break
        else:
            yield docnum


def _positions_at(alternatives: list[Postings | None], candidates: np.ndarray,
                  decode: Callable[[bytes], list[int]]) -> list[set[int]]:
    """For each candidate document, the positions of any of the slot's terms."""
    merged: list[set[int]] = [set() for _ in range(len(candidates))]
    for posting in alternatives:
        if posting is None:
            continue
        where = np.searchsorted(posting.ids, candidates)
        where[where == len(posting.ids)] = 0
        for index in np.flatnonzero(posting.ids[where] == candidates).tolist():
            merged[index].update(decode(posting.values[int(where[index])]))
    return merged
