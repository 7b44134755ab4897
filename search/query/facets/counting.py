"""Multi-select facets: the documents a search keeps and, per facet, how many carry each value.

Within a facet the selected values are alternatives (OR); facets and the date range
narrow each other (AND). Each facet is counted with every filter except its own, so
a reader sees how many documents each further value of that facet would add. The
arrays behind this are read once per searcher (:class:`FacetIndex`); a search is then
a handful of numpy passes over them.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Sequence
from functools import reduce

import numpy as np
from whoosh.query import Query
from whoosh.searching import Searcher

from search.facet_table import FACETS
from search.index.arrays import IndexArrays, compute_arrays
from search.index.documents import date_number
from search.index.schema import UNDATED
from search.query.facets.by_document import DocumentValues
from search.query.facets.column import FacetColumn
from search.query.facets.listing import FacetCounts, FacetValue, list_facet
from search.query.facets.read import facet_columns
from search.query.match.masks import QueryMaskCache, query_documents
from search.query.match.postings import TermMemory
from search.query.request import SearchRequest

__all__ = ["FacetCounts", "FacetIndex", "FacetValue", "count_facets"]

log = logging.getLogger(__name__)

_LAST_DATE = int(np.iinfo(np.uint32).max)


class FacetIndex:
    """Per-searcher arrays, built once per index generation and shared by every search on it.

    Document numbers are the searcher's global ones; the arrays are read-only.
    """

    def __init__(self, live: np.ndarray, dates: np.ndarray, columns: dict[str, FacetColumn],
                 memory: TermMemory | None = None) -> None:
        self.doc_count = len(live)
        self.live = _read_only(live)
        self.dates = _read_only(dates)
        self.columns = columns
        self.query_masks = QueryMaskCache(self.doc_count)
        self.by_document = DocumentValues(columns, self.live)
        self.memory = memory

    @classmethod
    def build(cls, searcher: Searcher, memory: TermMemory | None = None,
              arrays: IndexArrays | None = None) -> FacetIndex:
        """The columns of the generation's saved ``arrays``, or, without them, of every facet
        field's postings read here, once, so that a search reads none. ``memory`` reads a
        query's terms (see ``query_documents``)."""
        started = time.perf_counter()
        if arrays is None:
            arrays = compute_arrays(searcher.reader())
        index = cls(arrays.live, arrays.dates, facet_columns(arrays), memory)
        log.info("facet index of %d documents, %d value occurrences, built in %.2f s", index.doc_count,
                 sum(len(column.pair_doc) for column in index.columns.values()), time.perf_counter() - started)
        return index

    def counts(self, facet: str, mask: np.ndarray,
               remembered: list[tuple[np.ndarray, np.ndarray]] | None = None) -> np.ndarray:
        """How many documents of ``mask`` (live documents only) carry each value of ``facet``.
        Every facet is counted at once (``DocumentValues``) and the counts kept in
        ``remembered`` with the mask, for the other facets counted over that same mask."""
        remembered = [] if remembered is None else remembered
        found = next((counts for counted_over, counts in remembered if counted_over is mask), None)
        if found is None:
            found = self.by_document.counts(mask)
            remembered.append((mask, found))
        return self.by_document.facet(found, facet)

    def values(self, facet: str) -> list[str]:
        """The facet's distinct values in live documents, in code point order."""
        return list(self.columns[facet].values)

    def query_mask(self, searcher: Searcher, query: Query | None) -> np.ndarray:
        """Live documents matching ``query``; all live documents when there is no query."""
        if query is None:
            return self.live
        return self.query_masks.get(query, lambda: query_documents(searcher, query, self.live, self.memory))

    def selection_mask(self, facet: str, values: Sequence[str]) -> np.ndarray:
        """Documents carrying any of ``values``; values the index does not know match nothing."""
        return self.columns[facet].documents_with_any(values, self.doc_count)

    def date_mask(self, date_from: dt.date | None, date_to: dt.date | None) -> np.ndarray | None:
        """Documents dated within the inclusive range; None without a range. An undated
        article cannot be shown to fall inside a range, so any range leaves it out."""
        if date_from is None and date_to is None:
            return None
        first = date_number(date_from) if date_from else UNDATED + 1
        last = date_number(date_to) if date_to else _LAST_DATE
        return (self.dates >= first) & (self.dates <= last)


def count_facets(index: FacetIndex, searcher: Searcher, query: Query | None,
                 request: SearchRequest, searched: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, FacetCounts]]:
    """The documents matching the query, every filter and the date range, and the counts
    of every facet in ``FACETS`` order. The mask may be read-only.

    ``searched``, when the caller already knows the query's live matches (the vectorised
    scorer does), saves computing them again."""
    if searched is None:
        searched = index.query_mask(searcher, query)
    in_range = index.date_mask(request.date_from, request.date_to)
    if in_range is not None:
        searched = searched & in_range
    searched = _all_of(searched, (index.selection_mask(facet, (value,))
                                  for facet, values in request.required.items() for value in values))
    selections = {facet: index.selection_mask(facet, values) for facet, values in request.filters.items()}
    matched = _all_of(searched, selections.values())
    facets = {}
    by_document: list[tuple[np.ndarray, np.ndarray]] = []
    for facet in FACETS:
        counted = matched if facet not in selections else _all_of(
            searched, (mask for other, mask in selections.items() if other != facet))
        column = index.columns[facet]
        facets[facet] = list_facet(column, index.counts(facet, counted, by_document), request.filters.get(facet, ()),
                                   request.facet_limit, request.facet_search.get(facet))
    return matched, facets


def _all_of(docs: np.ndarray, masks: Iterable[np.ndarray]) -> np.ndarray:
    return reduce(np.logical_and, masks, docs)


def _read_only(array: np.ndarray) -> np.ndarray:
    if array.flags.writeable:
        array.flags.writeable = False
    return array
