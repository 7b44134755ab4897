"""Every facet's values grouped by document, so a search with few matches counts only theirs.

A facet column counts a mask with a gather over all of its (document, value) pairs: as
much work for a word found in 200 articles as for the whole index, eight times per search
(one per facet; 0.7-1.3 ms of a search at 22k, ``bench/search_stages.py``). Grouped by
document the arrays cost a copy of the pairs (1.1 MB at 22k, 5.6 MB at 110k), built at open
(13 and 75 ms), and a search's work follows the smaller of its matches and the rest. Grouped by
document, with every facet's value ids in one numbering, the values of the matching
documents are read with one gather and counted with one ``bincount`` for all facets.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from search.query.facets.column import FacetColumn
from search.query.match.runs import concatenated_ranges

# A mask holding more than this share of the live documents is counted from its complement:
# the counts of every live document, known at open, less those of the live documents outside
# it. All eight facets over random masks at 22k / 110k (CLICK-ID), by document against by
# column: 1% of the articles 0.03 / 0.08 ms against 0.38 / 2.6; 30% 0.26 / 2.1 against
# 1.2 / 6.7; half 0.41 / 2.6 against 1.5 / 8.1; 80% (from the complement) 0.20 / 1.3 against
# 1.1 / 6.2; every article 0.03 / 0.09 against 0.73 / 4.4.
COMPLEMENT_SHARE = 0.5


class DocumentValues:
    """The value ids of every facet per document: ``values[starts[doc]:starts[doc + 1]]``,
    ids numbered facet after facet (``spans``: each facet's first id and end), and the counts
    over every ``live`` document."""

    def __init__(self, columns: Mapping[str, FacetColumn], live: np.ndarray) -> None:
        doc_count = len(live)
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
        self.live = live
        self.live_documents = int(np.count_nonzero(live))
        self.live_counts = self.of_documents(np.flatnonzero(live))
        self.live_counts.flags.writeable = False

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """How many documents of ``mask`` (live documents only) carry each value id."""
        docs = np.flatnonzero(mask)
        if len(docs) <= COMPLEMENT_SHARE * self.live_documents:
            return self.of_documents(docs)
        return self.live_counts - self.of_documents(np.flatnonzero(self.live & ~mask))

    def of_documents(self, docs: np.ndarray) -> np.ndarray:
        """How many of the documents ``docs`` (numbers, no repeats) carry each value id."""
        starts = self.starts[docs]
        places = concatenated_ranges(starts, self.starts[docs + 1] - starts)
        return np.bincount(self.values[places], minlength=self.value_count)

    def facet(self, counts: np.ndarray, name: str) -> np.ndarray:
        """One facet's counts out of all the counts of :meth:`counts`."""
        first, end = self.spans[name]
        return counts[first:end]
