"""Read what facets need out of a Whoosh reader, segment by segment, in one pass per field.

Document numbers are global: a segment's local numbers are shifted by its offset in
the reader. Deleted documents are dropped at the end, with the values left without
a live document, so every path in here may ignore deletions.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

import numpy as np
from whoosh.reading import IndexReader, TermInfo

from search.index.schema import UNDATED
from search.query.facets.column import FacetColumn

DATE_FIELD = "date"


def read_live(reader: IndexReader) -> np.ndarray:
    """False for deleted documents; segments without deletions are filled without a per-document loop."""
    live = np.zeros(reader.doc_count_all(), dtype=bool)
    for segment, offset in reader.leaf_readers():
        if segment.has_deletions():
            live[offset + np.fromiter(segment.all_doc_ids(), dtype=np.int64)] = True
        else:
            live[offset:offset + segment.doc_count_all()] = True
    return live


def read_dates(reader: IndexReader) -> np.ndarray:
    """yyyymmdd per document from the sortable column, ``UNDATED`` where a segment has none."""
    dates = np.full(reader.doc_count_all(), UNDATED, dtype=np.uint32)
    for segment, offset in reader.leaf_readers():
        if segment.has_column(DATE_FIELD):
            size = segment.doc_count_all()
            dates[offset:offset + size] = np.fromiter(segment.column_reader(DATE_FIELD), dtype=np.uint32, count=size)
    return dates


def read_field_column(reader: IndexReader, field: str, live: np.ndarray) -> FacetColumn:
    """A keyword or ID field as a facet: its indexed terms are the values."""
    values: dict[str, int] = {}
    pair_docs: list[np.ndarray] = []
    pair_values: list[np.ndarray] = []
    for segment, offset in reader.leaf_readers():
        decode = segment.schema[field].from_bytes
        docs = array("q")
        term_ids = []
        term_sizes = []
        for term, info in segment.iter_field(field):
            before = len(docs)
            docs.extend(_term_documents(segment, field, term, info))
            term_ids.append(values.setdefault(decode(term), len(values)))
            term_sizes.append(len(docs) - before)
        pair_docs.append(np.frombuffer(docs, dtype=np.int64) + offset)
        pair_values.append(np.repeat(np.asarray(term_ids, dtype=np.int64), term_sizes))
    return _live_column(list(values), np.concatenate(pair_docs), np.concatenate(pair_values), live)


def _term_documents(segment: IndexReader, field: str, term: bytes, info: TermInfo) -> Iterable[int]:
    """Most entity names occur in one or two articles, and then the term info, which
    names the first and last document, is all there is to read: walking postings
    costs far more per term than per document."""
    frequency = info.doc_frequency()
    if frequency == 1:
        return (info.min_id(),)
    if frequency == 2:
        return info.min_id(), info.max_id()
    return segment.postings(field, term).all_ids()


def year_column(dates: np.ndarray, live: np.ndarray) -> FacetColumn:
    """The year facet, derived from dates: an undated document has no year."""
    dated = np.flatnonzero(dates != UNDATED)
    years, pair_value = np.unique(dates[dated] // 10000, return_inverse=True)
    return _live_column([str(year) for year in years], dated, pair_value, live)


def _live_column(values: Sequence[str], pair_doc: np.ndarray, pair_value: np.ndarray,
                 live: np.ndarray) -> FacetColumn:
    """The column of the live documents only, in value order, without values no live document carries."""
    kept = live[pair_doc]
    pair_doc, pair_value = pair_doc[kept], pair_value[kept]
    order = np.asarray(sorted(range(len(values)), key=values.__getitem__), dtype=np.int64)
    carried = np.bincount(pair_value, minlength=len(values))[order] > 0
    new_id = np.full(len(values), -1, dtype=np.int64)
    new_id[order[carried]] = np.arange(int(carried.sum()))
    return FacetColumn([values[value_id] for value_id in order[carried]], pair_doc, new_id[pair_value])
