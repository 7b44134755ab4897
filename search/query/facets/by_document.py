"""Every facet's values grouped by document, so a search with few matches counts only theirs.

A facet column counts a mask with a gather over all of its (document, value) pairs: as
much work for a word found in 200 articles as for the whole index, eight times per search
(one per facet; 0.7-1.3 ms of a search at 22k, ``bench/search_stages.py``). Grouped by
document the arrays cost a copy of the pairs (1.1 MB at 22k, 5.6 MB at 110k), built at open
(13 and 75 ms). Grouped by
document, with every facet's value ids in one numbering, the values of the matching
documents are read with one gather and counted with one ``bincount`` for all facets.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from search.query.facets.column import FacetColumn

# Counting by document reads each matching document's start and length, and its values with
# some index arithmetic; counting by column reads each pair once, but over every document.
# Measured over random masks of every facet at 22k and 110k (CLICK-ID): by document takes
# 0.04 / 0.12 ms for 1% of the articles, 0.43 / 3.7 ms for half (by column: 0.60 / 4.4 and
# 1.5 / 10.9), and by column wins only above about 90% (at 100%: 0.73 / 4.6 against 0.90 / 5.4).
BY_DOCUMENT_SHARE = 0.8


class DocumentValues:
    """The value ids of every facet per document: ``values[starts[doc]:starts[doc + 1]]``,
    ids numbered facet after facet (``spans``: each facet's first id and end)."""

    def __init__(self, columns: Mapping[str, FacetColumn], doc_count: int) -> None:
        sizes = [len(column.values) for column in columns.values()]
        offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        self.spans = {name: (int(offsets[i]), int(offsets[i + 1])) for i, name in enumerate(columns)}
        self.value_count = int(offsets[-1])
        docs = np.concatenate([np.asarray(column.pair_doc, dtype=np.int32) for column in columns.values()]
                              or [np.empty(0, dtype=np.int32)])
        ids = np.concatenate([np.asarray(column.pair_value, dtype=np.int32) + np.int32(offsets[i])
                              for i, column in enumerate(columns.values())] or [np.empty(0, dtype=np.int32)])
        order = np.argsort(docs, kind="stable")
        self.values = ids[order]
        per_doc = np.bincount(docs, minlength=doc_count)
        self.starts = np.concatenate(([0], np.cumsum(per_doc))).astype(np.int64)
        self.pairs = len(ids)

    def cheaper(self, docs: np.ndarray) -> bool:
        """Whether the documents ``docs`` (numbers) are counted faster here than by column."""
        return len(docs) < BY_DOCUMENT_SHARE * (len(self.starts) - 1)

    def counts(self, docs: np.ndarray) -> np.ndarray:
        """How many of the documents ``docs`` (numbers, no repeats) carry each value id."""
        starts = self.starts[docs]
        lengths = self.starts[docs + 1] - starts
        total = int(lengths.sum())
        if not total:
            return np.zeros(self.value_count, dtype=np.int64)
        # Each document's run of positions: a running index, shifted at every document by the
        # gap between where its values start and where the previous document's ended.
        shifts = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return np.bincount(self.values[np.arange(total) + shifts], minlength=self.value_count)

    def facet(self, counts: np.ndarray, name: str) -> np.ndarray:
        """One facet's counts out of all the counts of :meth:`counts`."""
        first, end = self.spans[name]
        return counts[first:end]
