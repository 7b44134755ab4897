"""A term's postings as numpy arrays, and its positions in some documents.

Whoosh's matchers hand out one posting per Python call; reading a term's blocks straight
into arrays (``blocks.py``, the one reader of Whoosh's codec internals) is what makes
vectorised scoring and phrase matching fast.

Postings are read *with* deleted documents, from the term's blocks: Whoosh's own
``postings()`` wraps a segment with deletions in a filter that has already stepped past
deleted documents, whole blocks of them, before anything is read, and when every
posting of a term is deleted it has nothing left at all. Callers mask with the live
documents instead (``FacetIndex.live``), which is one numpy ``&``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from whoosh import formats
from whoosh.reading import IndexReader

from search.query.match.blocks import StoredValues, read_postings
from search.query.match.runs import concatenated_ranges, offsets_within_runs

# Positions packed with their document into one sortable integer: ``document << POSITION_BITS | position``.
POSITION_BITS = 32


def keys_of_documents(keys: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """The sorted position keys (``document << POSITION_BITS | position``) that belong to
    ``documents`` (ascending): each document's keys are one slice, found by two binary
    searches, rather than a pass over every key of a common word."""
    starts = np.searchsorted(keys, documents.astype(np.int64) << POSITION_BITS)
    ends = np.searchsorted(keys, (documents.astype(np.int64) + 1) << POSITION_BITS)
    return keys[concatenated_ranges(starts, ends - starts)]


def sorted_union(arrays: list[np.ndarray]) -> np.ndarray:
    """The distinct values of sorted arrays, sorted: a stable sort of their concatenation
    (runs already in order, merged in linear time) and one comparison with the neighbour.
    ``np.unique`` hashes or sorts from scratch: 30 of 120 ms of a query of proximity groups
    of common words (``bench/hostile_queries.py``, cProfile)."""
    if len(arrays) == 1:
        return arrays[0]
    if not arrays:
        return np.empty(0, dtype=np.int64)
    return distinct_sorted(np.sort(np.concatenate(arrays), kind="stable"))


def in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Mask of the ``values`` found in ``sorted_values`` (ascending): one binary search each,
    where ``np.isin`` and ``np.intersect1d`` sort both arrays again."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    where = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[where] == values


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array."""
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


class TermMemory(Protocol):
    """A shared memory of decoded terms (``ScoringIndex``) that stands in for reading them:
    global document numbers (ascending, deleted documents included) and weights, and the
    occurrences in some documents as sorted ``document << POSITION_BITS | position`` keys."""

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]: ...

    def positions_in(self, field: str, text: str, documents: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Positions:
    """Positions of one term in some documents: ``documents`` ascending, ``counts[i]`` of the
    positions in ``flat`` belonging to ``documents[i]``, in order."""

    documents: np.ndarray
    counts: np.ndarray
    flat: np.ndarray

    def of_documents(self) -> np.ndarray:
        """The document of each entry of ``flat``."""
        return np.repeat(self.documents, self.counts)

    def as_dict(self) -> dict[int, list[int]]:
        cuts = np.cumsum(self.counts)[:-1]
        return dict(zip(self.documents.tolist(), (part.tolist() for part in np.split(self.flat, cuts)), strict=False))


NO_POSITIONS = Positions(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))


def read_positions(segment: IndexReader, field: str, text: str, docnums: np.ndarray) -> Positions:
    """The term's positions in those of ``docnums`` (segment-local, ascending) that hold it,
    deleted documents included. Only the blocks holding one of them have their values
    unpickled: a common word has hundreds of blocks where a phrase or a re-rank wants a
    few documents."""
    found = read_postings(segment, field, text) if len(docnums) else None
    if found is None:
        return NO_POSITIONS
    stored = segment.schema[field].format
    if type(stored) is not formats.Positions:
        raise TypeError(f"field {field!r} stores {type(stored).__name__}, not positions")
    where = np.minimum(np.searchsorted(found.ids, docnums), len(found.ids) - 1)
    present = found.ids[where] == docnums
    if not present.any():
        return NO_POSITIONS
    counts, flat = decode_stored_positions(found.values.read(where[present]), stored.decode_positions)
    return Positions(docnums[present].astype(np.int64), counts, flat)


# Whoosh's ``Positions`` format stores a document's positions as a 4-byte big-endian count,
# then the pickle (protocol 2) of the list of gaps between them. Gaps under 256 are one
# opcode byte ``K`` and the value, so a list of n such gaps has a fixed layout:
# ``\x80\x02 ] q\x00`` then, for n > 1, ``(``, n x ``K v``, ``e``; for n = 1, ``K v a``.
_COUNT_BYTES = 4
_SMALL_GAP = ord("K")
_PICKLE_STOP = ord(".")


def decode_positions(values: list[bytes], decode_one: Callable[[bytes], list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each value's count of positions and all positions, flat, in order: the common layout
    (every gap under 256) decoded for all values at once with numpy, any other by
    ``decode_one`` (Whoosh's own decoder). Decoding one value at a time in Python was most
    of a phrase query's time: 100,000 values for sixteen ORed phrases of common words."""
    return decode_stored_positions(StoredValues.of(values), decode_one)


def decode_stored_positions(stored: StoredValues, decode_one: Callable[[bytes], list[int]],
                            chosen: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``decode_positions`` of values already joined: all of them, or those numbered in
    ``chosen`` (a phrase or a re-rank wants a few documents of a common word)."""
    lengths = stored.lengths if chosen is None else stored.lengths[chosen]
    starts = stored.starts if chosen is None else stored.starts[chosen]
    values_count = len(lengths)
    raw = np.frombuffer(stored.joined, dtype=np.uint8)
    counts = np.zeros(values_count, dtype=np.int64)
    for byte in range(_COUNT_BYTES):
        counts = (counts << 8) | raw[starts + byte]
    body = lengths - _COUNT_BYTES - (raw[starts + lengths - 1] == _PICKLE_STOP)
    many = counts > 1
    small = (counts >= 1) & (body == np.where(many, 7 + 2 * counts, 8))
    first_gap = starts + _COUNT_BYTES + np.where(many, 6, 5)
    owner = np.repeat(np.flatnonzero(small), counts[small])
    within = offsets_within_runs(counts[small])
    opcode = first_gap[owner] + 2 * within
    if len(opcode):
        wrong = np.zeros(values_count, dtype=bool)
        wrong[owner[raw[opcode] != _SMALL_GAP]] = True
        small &= ~wrong
    offsets = np.cumsum(counts) - counts
    flat = np.zeros(int(counts.sum()), dtype=np.int64)
    keep = small[owner]
    owner, within, gaps = owner[keep], within[keep], raw[opcode[keep] + 1].astype(np.int64)
    running = np.cumsum(gaps)
    before = np.concatenate(([0], running))[np.searchsorted(owner, owner, side="left")]
    flat[offsets[owner] + within] = running - before
    for index in np.flatnonzero(~small).tolist():
        decoded = decode_one(stored.joined[starts[index]:starts[index] + lengths[index]])
        if len(decoded) != counts[index]:
            raise ValueError(f"positions value {index} holds {len(decoded)} positions, its count says {counts[index]}")
        flat[offsets[index]:offsets[index] + counts[index]] = decoded
    return counts, flat


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
