"""Proximity matching (``"kerja sama"~5``): words in any order, all within a stretch of positions.

A document matches when some stretch of ``distance + 1`` consecutive positions holds
every word of the group (a word asked twice, twice). Such a stretch can always be moved
to begin at an occurrence of one of the words, so only those starts are tried: for each
occurrence of any word, two binary searches per word count that word's occurrences from
there to ``distance`` positions on. The documents and positions are read through the
phrases' :class:`PhraseReads`, so a query's phrases and proximity groups share every
read, and only the documents holding every word are decoded.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from whoosh.query import Query, SpanNear2, SpanOr, Term
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.query.match.phrases import PhraseReads
from search.query.match.postings import POSITION_BITS, distinct_sorted, sorted_union

# One slot of the group: the index terms that may stand there (a word's stem, surface, exact form).
Slot = tuple[str, ...]


def near_parts(query: Query) -> tuple[str, list[Slot], int] | None:
    """The field, word slots and distance of an unordered span (``compile._near``), else None."""
    if type(query) is not SpanNear2 or query.ordered:
        return None
    fields: set[str] = set()
    slots: list[Slot] = []
    for part in query.qs:
        terms = [part] if type(part) is Term else part.subqs if isinstance(part, SpanOr) else None
        if not terms or any(type(term) is not Term for term in terms):
            return None
        fields.update(term.fieldname for term in terms)
        slots.append(tuple(term.text for term in terms))
    return (fields.pop(), slots, int(query.slop)) if len(fields) == 1 else None


def near_documents(searcher: Searcher, field: str, slots: list[Slot], distance: int, doc_count: int,
                   reads: PhraseReads | None = None) -> np.ndarray:
    """Mask of the documents where every slot's word stands within ``distance`` positions of the others."""
    reads = reads if reads is not None else PhraseReads()
    wanted = Counter(slots)
    found = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        found[offset + _segment_near(segment, offset, field, wanted, distance, reads)] = True
    return found


def _segment_near(segment: IndexReader, offset: int, field: str, wanted: Counter[Slot], distance: int,
                  reads: PhraseReads) -> np.ndarray:
    """The segment-local documents holding the group."""
    holding = None
    for slot in wanted:
        documents = sorted_union([reads.documents(segment, offset, field, term) for term in slot])
        holding = documents if holding is None else np.intersect1d(holding, documents, assume_unique=True)
        if not len(holding):
            return holding
    if holding is None:
        return np.empty(0, dtype=np.int64)
    keys = {slot: sorted_union([reads.positions(segment, offset, field, term, holding) for term in slot])
            for slot in wanted}
    starts = sorted_union(list(keys.values()))
    # A key is ``document << POSITION_BITS | position``; positions stay far below 2**32
    # (articles are cut at MAX_ARTICLE_CHARS), so a stretch never runs into the next document.
    kept = np.ones(len(starts), dtype=bool)
    for slot, times in wanted.items():
        inside = np.searchsorted(keys[slot], starts + distance, side="right") - np.searchsorted(keys[slot], starts)
        kept &= inside >= times
    return distinct_sorted(starts[kept] >> POSITION_BITS)
