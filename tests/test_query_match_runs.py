"""The runs idiom against the loop it replaces: each slice gathered one at a time."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from search.query.match.runs import concatenated_ranges, offsets_within_runs

_RUNS = st.lists(st.tuples(st.integers(0, 1_000), st.integers(0, 6)), max_size=30)


@given(_RUNS)
def test_concatenated_ranges_are_every_slice_in_order(runs):
    starts = np.asarray([start for start, _ in runs], dtype=np.int64)
    lengths = np.asarray([length for _, length in runs], dtype=np.int64)
    expected = [start + step for start, length in runs for step in range(length)]
    assert concatenated_ranges(starts, lengths).tolist() == expected
    assert offsets_within_runs(lengths).tolist() == [step for _, length in runs for step in range(length)]
