"""Read a term's postings a block at a time into numpy arrays; the one place that
touches Whoosh's codec internals.

Whoosh's matchers hand out one posting per Python call; its block matcher already
holds each block's ids, weights and encoded values as arrays. Reading those directly
is what makes vectorised scoring and phrase matching fast. The block matcher's
attributes are private, which is safe only because the Whoosh version is pinned: in
``pyproject.toml``, and asserted here on import (``tests/test_query_rank_bm25f.py`` and
``tests/test_index_states.py`` catch any change of behaviour).

Postings are read *with* deleted documents, from the term's raw matcher: Whoosh's
own ``postings()`` wraps a segment with deletions in a filter that has already
stepped past deleted documents, whole blocks of them, before anything is read, and
when every posting of a term is deleted it has nothing left at all. Callers mask
with the live documents instead (``FacetIndex.live``), which is one numpy ``&``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader, SegmentReader

# The Whoosh release whose block matcher internals are read below (pyproject pins it).
PINNED_WHOOSH = "2.7.5"
if whoosh.versionstring() != PINNED_WHOOSH:
    raise ImportError(f"{__name__} reads the internals of Whoosh {PINNED_WHOOSH}, "
                      f"found {whoosh.versionstring()}: install whoosh-reloaded=={PINNED_WHOOSH}")


@dataclass(frozen=True)
class Postings:
    """One term in one segment: segment-local document ids, weights, encoded values."""

    ids: np.ndarray
    weights: np.ndarray
    values: list[bytes] | None


def read_postings(segment: IndexReader, field: str, text: str, *,
                  values: bool = False) -> Postings | None:
    """The term's postings in ``segment``, deleted documents included, or None when absent."""
    if (field, text) not in segment:
        return None
    leaf = _raw_matcher(segment, field, text)
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
    if not ids:
        return None
    return Postings(np.concatenate(ids), np.concatenate(weights), encoded if values else None)


def _raw_matcher(segment: IndexReader, field: str, text: str) -> W3LeafMatcher:
    """The term's block matcher with no deletion filter around it."""
    if not isinstance(segment, SegmentReader):
        raise TypeError(f"postings are read per segment, not from {type(segment).__name__}")
    term = segment._text_to_bytes(field, text)
    matcher = segment._terms.matcher(field, term, segment.schema[field].format)
    if not isinstance(matcher, W3LeafMatcher):
        raise TypeError(f"cannot read postings from {type(matcher).__name__}")
    return matcher


def live_doc_frequency(reader: IndexReader, field: str, text: str) -> int:
    """Documents not deleted that hold the term. Whoosh's ``doc_frequency`` counts deleted
    ones too: right for BM25's idf (its scores are the reference), wrong for anything
    that offers the term to a reader (spelling, completions), which would then find nothing."""
    total = 0
    for segment, _ in reader.leaf_readers():
        if not segment.has_deletions():
            total += segment.doc_frequency(field, text)
            continue
        found = read_postings(segment, field, text)
        if found is not None:
            deleted = np.fromiter(segment.deleted_docs_set, dtype=np.int64)
            total += int(np.count_nonzero(~np.isin(found.ids, deleted)))
    return total
