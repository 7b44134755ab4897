"""One facet as flat arrays, so counting it for a query is a few numpy passes.

Every (document, value) occurrence is one pair. Counting the values of the documents
in a mask is then a gather and a ``bincount`` over the pairs, whatever the number of
documents or values; pairs are grouped by value so a selection reads only the
documents of the values selected.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

from search.query.facets.value_words import ValueWords


def name_order(value: str) -> tuple[str, str]:
    """Ties in count are listed alphabetically, ignoring case; the value itself settles the rest."""
    return value.casefold(), value


def _alphabetical_rank(values: Sequence[str]) -> np.ndarray:
    """Each value's place in :func:`name_order`, so ties in count are broken without sorting strings per search."""
    order = np.asarray(sorted(range(len(values)), key=lambda value_id: name_order(values[value_id])), dtype=np.int64)
    rank = np.empty(len(values), dtype=np.int64)
    rank[order] = np.arange(len(values))
    return rank


class FacetColumn:
    """A facet's distinct values and the documents that carry each of them.

    ``pair_doc`` and ``pair_value`` are grouped by value (``pair_value`` ascending), as
    ``search.index.arrays`` saves them: they may be read-only maps of the saved files."""

    def __init__(self, values: Sequence[str], pair_doc: np.ndarray, pair_value: np.ndarray) -> None:
        self.values = list(values)
        self.value_ids = {value: value_id for value_id, value in enumerate(self.values)}
        self.pair_doc = pair_doc
        self.pair_value = pair_value
        per_value = np.bincount(self.pair_value, minlength=len(self.values))
        self.value_starts = np.concatenate(([0], np.cumsum(per_value))).astype(np.int64)
        self.name_rank = _alphabetical_rank(self.values)

    @cached_property
    def words(self) -> ValueWords:
        """The values' words for a facet's search box, built when a reader first searches one."""
        return ValueWords(self.values)

    def counts(self, docs: np.ndarray) -> np.ndarray:
        """How many of the documents in the ``docs`` mask carry each value."""
        return np.bincount(self.pair_value[docs[self.pair_doc]], minlength=len(self.values))

    def ids(self, values: Sequence[str]) -> list[int]:
        """The ids of the values this facet knows; the others are nowhere in the index."""
        return [self.value_ids[value] for value in values if value in self.value_ids]

    def documents_with_any(self, values: Sequence[str], doc_count: int) -> np.ndarray:
        """Mask of the documents carrying at least one of ``values``."""
        docs = np.zeros(doc_count, dtype=bool)
        for value_id in self.ids(values):
            docs[self.pair_doc[self.value_starts[value_id]:self.value_starts[value_id + 1]]] = True
        return docs
