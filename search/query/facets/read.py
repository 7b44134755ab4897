"""Facet columns out of the arrays of a generation (``search.index.arrays``): the saved or
computed pairs of each field facet, and the year facet derived from the dates.

Document numbers are global: a segment's local numbers are shifted by its offset in
the reader. Deleted documents are dropped from the pairs, with the values left without
a live document, so every path in here may ignore deletions.
"""

from __future__ import annotations

import numpy as np

from search.facet_table import FACET_OF, FACETS, FacetKind
from search.index.arrays import IndexArrays, live_pairs
from search.index.schema import UNDATED
from search.query.facets.column import FacetColumn


def facet_columns(arrays: IndexArrays) -> dict[str, FacetColumn]:
    """Every facet's column, in ``FACETS`` order: the year from the dates, every other
    facet from the pairs of the field of its own name."""
    return {facet: year_column(arrays.dates, arrays.live) if FACET_OF[facet].kind is FacetKind.YEAR
            else FacetColumn(arrays.facets[facet].values, arrays.facets[facet].pair_doc, arrays.facets[facet].pair_value)
            for facet in FACETS}


def year_column(dates: np.ndarray, live: np.ndarray) -> FacetColumn:
    """The year facet, derived from dates: an undated document has no year."""
    dated = np.flatnonzero(dates != UNDATED)
    years, pair_value = np.unique(dates[dated] // 10000, return_inverse=True)
    pairs = live_pairs([str(year) for year in years], dated, pair_value, live)
    return FacetColumn(pairs.values, pairs.pair_doc, pairs.pair_value)
