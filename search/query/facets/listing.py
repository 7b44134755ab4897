"""Choose which values of a facet to show, from its counts and the reader's selection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from search.query.facets.column import FacetColumn, name_order


@dataclass(frozen=True, slots=True)
class FacetValue:
    """A value as a facet lists it; ``selected`` lets the UI show it ticked, to be undone."""

    value: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """The values to show, most frequent first; ``total`` is how many could be shown in all
    (every value counted above zero that the facet's search lets through, and every
    selected value), so the UI can offer the rest."""

    values: list[FacetValue]
    total: int


def list_facet(column: FacetColumn, counts: np.ndarray, selected: Sequence[str], limit: int,
               search: str | None) -> FacetCounts:
    """The ``limit`` most frequent values plus every selected one, even at count 0 or
    unknown to the index: a reader must always see, and be able to undo, a selection."""
    listable = counts > 0
    if search:
        narrowed = column.words.matching(search)
        if narrowed is not None:
            listable &= narrowed
    candidates = np.flatnonzero(listable)
    top = _most_frequent(column, counts, candidates, limit)
    shown = {column.values[value_id]: int(counts[value_id]) for value_id in top}
    hidden_selections = 0
    for value in selected:
        value_id = column.value_ids.get(value)
        hidden_selections += value_id is None or not listable[value_id]
        shown.setdefault(value, 0 if value_id is None else int(counts[value_id]))
    chosen = set(selected)
    ordered = sorted(shown.items(), key=lambda item: (-item[1], *name_order(item[0])))
    return FacetCounts([FacetValue(value, count, value in chosen) for value, count in ordered],
                       len(candidates) + hidden_selections)


def _most_frequent(column: FacetColumn, counts: np.ndarray, candidates: np.ndarray, limit: int) -> np.ndarray:
    """The top ``limit`` candidates by count then name, found without sorting them all."""
    if len(candidates) <= limit:
        return candidates
    # One integer key orders by count descending, then by alphabetical rank.
    fewer = int(counts.max()) - counts[candidates].astype(np.int64)
    keys = fewer * len(column.values) + column.name_rank[candidates]
    return candidates[np.argpartition(keys, limit - 1)[:limit]]
