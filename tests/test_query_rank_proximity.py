"""The proximity re-rank's vectorised pair test against its definition, pair by pair."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from search.config import TUNING
from search.query.match.postings import POSITION_BITS
from search.query.rank.proximity import _near_documents

occurrences = st.sets(st.tuples(st.integers(0, 12), st.integers(0, 40)), max_size=80)


def _keys(found: set[tuple[int, int]]) -> np.ndarray:
    return np.asarray(sorted((document << POSITION_BITS) | position for document, position in found), dtype=np.int64)


@settings(max_examples=300, deadline=None)
@given(occurrences, occurrences, st.sets(st.integers(0, 14), min_size=1))
def test_near_documents_equal_the_definition(left: set[tuple[int, int]], right: set[tuple[int, int]],
                                              documents: set[int]):
    docnums = np.asarray(sorted(documents), dtype=np.int64)
    expected = [int(any((document, position + step) in right for found, position in left if found == document
                        for step in range(1, TUNING.proximity_window + 1))) for document in docnums.tolist()]
    wanted = {pair for pair in left if pair[0] in documents}, {pair for pair in right if pair[0] in documents}
    assert _near_documents(_keys(wanted[0]), _keys(wanted[1]), docnums).tolist() == expected
