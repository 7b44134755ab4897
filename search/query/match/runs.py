"""Runs laid end to end: the numpy idiom behind every gather of several slices at once.

Reading the slices ``[starts[i], starts[i] + lengths[i])`` of an array in one gather,
instead of a Python loop over them, needs each element's place within its slice; the
postings' keys of chosen documents, a block's values, a document's facet values and a
cut block's texts are all read that way.
"""

from __future__ import annotations

import numpy as np


def offsets_within_runs(lengths: np.ndarray) -> np.ndarray:
    """``0 .. lengths[i] - 1`` for each run, concatenated (``sum(lengths)`` integers)."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def concatenated_ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[i] .. starts[i] + lengths[i] - 1`` for each run, concatenated: the indexes
    that gather every slice at once."""
    return np.repeat(starts, lengths) + offsets_within_runs(lengths)
