"""Read a term's postings a block at a time into numpy arrays.

Whoosh's matchers hand out one posting per Python call; its block matcher already
holds each block's ids, weights and encoded values as arrays. Reading those directly
is what makes vectorised scoring and phrase matching fast. The block matcher's
attributes are private, which is safe only because the Whoosh version is pinned
(``tests/test_scoring.py`` and ``tests/test_phrases.py`` catch any change).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.reading import IndexReader


@dataclass(frozen=True)
class Postings:
    """One term in one segment: segment-local document ids, weights, encoded values."""

    ids: np.ndarray
    weights: np.ndarray
    values: list[bytes] | None


def read_postings(segment: IndexReader, field: str, text: str, *, values: bool = False) -> Postings | None:
    """The term's postings in ``segment`` (deleted documents included), or None when absent."""
    if (field, text) not in segment:
        return None
    leaf = leaf_matcher(segment.postings(field, text))
    ids, weights, encoded = [], [], []
    while leaf.is_active():
        leaf._read_ids()
        leaf._read_weights()
        ids.append(np.asarray(leaf._ids, dtype=np.int64))
        weights.append(np.asarray(leaf._weights, dtype=np.float64))
        if values:
            leaf._read_values()
            encoded.extend(leaf._values)
        leaf._next_block()
    return Postings(np.concatenate(ids), np.concatenate(weights), encoded if values else None)


def leaf_matcher(matcher: Matcher) -> W3LeafMatcher:
    """The block matcher under Whoosh's wrappers (deletion filters)."""
    while not isinstance(matcher, W3LeafMatcher):
        child = getattr(matcher, "child", None)
        if child is None:
            raise TypeError(f"cannot read postings from {type(matcher).__name__}")
        matcher = child
    return matcher
