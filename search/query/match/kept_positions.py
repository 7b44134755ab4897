"""A term's positions as its posting blocks hold them, decoded a block at a time, once.

The scorer reads a term's blocks in one piece for its documents and weights
(``blocks.py``); its positions stay in those compressed blocks until documents are asked
for (a phrase's candidates, the re-rank's fifty hits). A block is then decompressed and
cut once, all its documents' positions decoded, and the keys kept: the next request that
touches it costs two binary searches a document. Decoding only the asked documents and
forgetting them made every warm request decompress and cut its blocks again
(``bench.peers`` p50 9.5 to 12.1 ms at 22k); decoding the whole term at its first request
was most of a hostile query's first run (``bench/hostile_queries.py``, "distinct words":
367 ms cold at 22k, against 122 with blocks decoded as touched).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from search.query.match.blocks import BlockValues, StoredValues
from search.query.match.postings import POSITION_BITS, decode_stored_positions, keys_of_documents

_NO_KEYS = np.empty(0, dtype=np.int64)


class KeptPositions:
    """One term's positions over an index's segments: its global documents (ascending), each
    segment's blocks, and the sorted ``document << POSITION_BITS | position`` keys of the
    blocks decoded so far. Safe to share between threads (a lock guards the decoding)."""

    def __init__(self, documents: np.ndarray, blocks: list[BlockValues],
                 decode_one: Callable[[bytes], list[int]]) -> None:
        """``blocks``: each segment's, in order, holding ``documents`` between them;
        ``decode_one``: Whoosh's decoder, for a value the numpy decoder does not read."""
        self.documents = documents
        self._blocks = blocks
        self._decode_one = decode_one
        # Where each segment's postings start, and where each block's end, over the term.
        self._firsts = np.cumsum([0] + [int(found.ends[-1]) for found in blocks])
        self._ends = (np.concatenate([found.ends + first for found, first in zip(blocks, self._firsts, strict=False)])
                      if blocks else np.empty(0, dtype=np.int64))
        self._decoded = np.zeros(len(self._ends), dtype=bool)
        self._keys = _NO_KEYS
        self._lock = threading.Lock()

    @property
    def nbytes(self) -> int:
        """Its memory now: the compressed blocks until every one is decoded, and the keys."""
        return (self.documents.nbytes + sum(found.nbytes for found in self._blocks) + self._keys.nbytes
                + self._ends.nbytes + self._decoded.nbytes)

    def keys_in(self, documents: np.ndarray) -> np.ndarray:
        """Sorted keys of the occurrences in those of ``documents`` (global numbers, ascending)
        that hold the term; the blocks holding them are decoded now if they were not."""
        if not len(self.documents) or not len(documents):
            return _NO_KEYS
        where = np.minimum(np.searchsorted(self.documents, documents), len(self.documents) - 1)
        chosen = where[self.documents[where] == documents]
        if not len(chosen):
            return _NO_KEYS
        with self._lock:
            self._decode(np.unique(np.searchsorted(self._ends, chosen, side="right")))
            keys = self._keys
        return keys_of_documents(keys, self.documents[chosen])

    def all_keys(self) -> np.ndarray:
        """Every occurrence of the term, as sorted keys."""
        with self._lock:
            self._decode(np.arange(len(self._ends)))
            return self._keys

    def _decode(self, blocks: np.ndarray) -> None:
        """Decode those of ``blocks`` (term-wide numbers, ascending) not decoded yet, and keep
        their keys; the compressed blocks are let go once all are decoded."""
        missing = blocks[~self._decoded[blocks]]
        if not len(missing):
            return
        starts = np.concatenate(([0], self._ends[:-1]))[missing]
        sizes = self._ends[missing] - starts
        chosen = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))
        counts, flat = decode_stored_positions(self._values(chosen), self._decode_one)
        fresh = (np.repeat(self.documents[chosen].astype(np.int64), counts) << POSITION_BITS) | flat
        self._keys = np.insert(self._keys, np.searchsorted(self._keys, fresh), fresh) if len(self._keys) else fresh
        self._decoded[missing] = True
        if self._decoded.all():
            self._blocks = []

    def _values(self, chosen: np.ndarray) -> StoredValues:
        """The encoded values of the postings numbered in ``chosen`` (ascending)."""
        segments = np.searchsorted(self._firsts, chosen, side="right") - 1
        return StoredValues.joining([found.read(chosen[segments == index] - self._firsts[index])
                                     for index, found in enumerate(self._blocks) if (segments == index).any()])
