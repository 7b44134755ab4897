"""A term's positions as its posting blocks hold them: each block cut once, each
document's positions decoded once.

The scorer reads a term's blocks in one piece for its documents and weights
(``blocks.py``); its positions stay in those compressed blocks until documents are asked
for (a phrase's candidates, the re-rank's fifty hits). The blocks holding them are then
decompressed and their values cut (``BlockValues.cut``), once, and their texts kept; only
the asked documents are turned back into bytes and decoded, and their keys kept: the next
request for them costs two binary searches a document, for others of those blocks a numpy
decode. Decoding the asked
documents and forgetting everything made every warm request decompress and cut its
blocks again (``bench.peers`` p50 9.5 to 12.1 ms at 22k); decoding whole blocks at once
cost the first run of a hostile query of 32 common words a third more
(``bench/hostile_queries.py``, "distinct words": re-rank 83 ms against 52 in cProfile).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from search.query.match.blocks import BlockValues, CutTexts, StoredValues, cut_blocks
from search.query.match.postings import POSITION_BITS, decode_stored_positions, keys_of_documents
from search.query.match.runs import concatenated_ranges

_NO_KEYS = np.empty(0, dtype=np.int64)


class KeptPositions:
    """One term's positions over an index's segments: its global documents (ascending), each
    segment's compressed blocks, the texts of the blocks cut so far (``CutTexts``), and the
    sorted ``document << POSITION_BITS | position`` keys of the documents decoded so far.
    Safe to share between threads (a lock guards the decoding)."""

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
        self._cut = np.zeros(len(self._ends), dtype=bool)
        # The cut blocks' texts (posting i's at ``starts[i]``), and which postings are decoded
        # into ``_keys``; both made when first asked for.
        self._texts = _NO_TEXTS
        self._decoded = np.zeros(0, dtype=bool)
        self._keys = _NO_KEYS
        self._lock = threading.Lock()

    @property
    def nbytes(self) -> int:
        """Its memory now: the compressed blocks and the cut texts until every document is
        decoded, and the keys."""
        return (self.documents.nbytes + sum(found.nbytes for found in self._blocks) + self._texts.nbytes
                + self._keys.nbytes + self._ends.nbytes + self._cut.nbytes + self._decoded.nbytes)

    def keys_in(self, documents: np.ndarray) -> np.ndarray:
        """Sorted keys of the occurrences in those of ``documents`` (global numbers, ascending)
        that hold the term; those not decoded before are decoded now."""
        chosen = self._postings_of(documents)
        if not len(chosen):
            return _NO_KEYS
        with self._lock:
            self._decode(chosen)
            keys = self._keys
        return keys_of_documents(keys, self.documents[chosen])

    def all_keys(self) -> np.ndarray:
        """Every occurrence of the term, as sorted keys."""
        with self._lock:
            self._decode(np.arange(len(self.documents)))
            return self._keys

    def _postings_of(self, documents: np.ndarray) -> np.ndarray:
        """The numbers of the term's postings of those of ``documents`` (ascending) that hold it."""
        if not len(self.documents) or not len(documents):
            return _NO_KEYS
        where = np.minimum(np.searchsorted(self.documents, documents), len(self.documents) - 1)
        return where[self.documents[where] == documents]

    def _start(self) -> None:
        """Make the record of decoded postings and their texts, when first asked for."""
        if not len(self._decoded):
            self._decoded = np.zeros(len(self.documents), dtype=bool)
            size = len(self.documents)
            self._texts = CutTexts(np.empty(0, dtype=np.uint8), np.zeros(size, dtype=np.int64),
                                   np.zeros(size, dtype=np.int64))

    def _uncut_blocks(self, chosen: np.ndarray) -> np.ndarray:
        """The blocks (term-wide numbers, ascending) not cut yet that hold a posting of ``chosen``
        not decoded yet."""
        self._start()
        missing = chosen[~self._decoded[chosen]]
        blocks = np.unique(np.searchsorted(self._ends, missing, side="right"))
        return blocks[~self._cut[blocks]]

    def _decode(self, chosen: np.ndarray) -> None:
        """Decode those of the postings numbered in ``chosen`` (ascending) not decoded yet, from
        their blocks' texts (cut now for the blocks not cut yet), and keep their keys."""
        self._start()
        missing = chosen[~self._decoded[chosen]]
        if not len(missing):
            return
        blocks = self._uncut_blocks(chosen)
        parts = self._segment_parts(blocks)
        self._install(blocks, parts, [self._blocks[segment].cut(local) for segment, local, _ in parts])
        values = self._texts.values(missing)
        if values is None:
            values = self._read(missing)
        counts, flat = decode_stored_positions(values, self._decode_one)
        fresh = (np.repeat(self.documents[missing].astype(np.int64), counts) << POSITION_BITS) | flat
        self._keys = np.insert(self._keys, np.searchsorted(self._keys, fresh), fresh) if len(self._keys) else fresh
        self._decoded[missing] = True
        if self._decoded.all():
            self._blocks = []
            self._texts = _NO_TEXTS

    def _segment_parts(self, blocks: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """``blocks`` (term-wide numbers, ascending) by segment: its index, its blocks (numbered
        in the segment) and their postings (term-wide numbers)."""
        if not len(blocks):
            return []
        starts = np.concatenate(([0], self._ends[:-1]))[blocks]
        sizes = self._ends[blocks] - starts
        postings = concatenated_ranges(starts, sizes)
        segment_of_block = np.searchsorted(self._firsts, starts, side="right") - 1
        segment_of_posting = np.repeat(segment_of_block, sizes)
        first_block = np.searchsorted(self._ends, self._firsts[:-1], side="right")
        return [(index, blocks[segment_of_block == index] - first_block[index], postings[segment_of_posting == index])
                for index in np.unique(segment_of_block).tolist()]

    def _install(self, blocks: np.ndarray, parts: list[tuple[int, np.ndarray, np.ndarray]], cuts: list[CutTexts]) -> None:
        """Keep the texts ``cuts`` of ``blocks`` (term-wide numbers, in ``parts`` by segment:
        ``_segment_parts``) beside those cut before."""
        if not parts:
            return
        buffers = [self._texts.buffer]
        text_starts, lengths = self._texts.starts, self._texts.lengths
        used = len(self._texts.buffer)
        for (_, _, postings), cut in zip(parts, cuts, strict=True):
            text_starts[postings] = cut.starts + used
            lengths[postings] = cut.lengths
            buffers.append(cut.buffer)
            used += len(cut.buffer)
        self._texts = CutTexts(np.concatenate(buffers), text_starts, lengths)
        self._cut[blocks] = True

    def _read(self, postings: np.ndarray) -> StoredValues:
        """The values of ``postings`` (ascending) unpickled from their blocks by Whoosh's rule."""
        segments = np.searchsorted(self._firsts, postings, side="right") - 1
        return StoredValues.joining([found.read(postings[segments == index] - self._firsts[index])
                                     for index, found in enumerate(self._blocks) if (segments == index).any()])


def cut_together(kept: Sequence[KeptPositions], documents: np.ndarray) -> None:
    """Cut at once (``cut_blocks``: one pass of numpy over them all) the blocks of several
    terms that hold some of ``documents`` and are not cut yet, and keep each term's texts, as
    ``keys_in`` would one term at a time: the re-rank asks sixteen words for the same fifty
    documents, and the numpy calls of cutting each word's blocks apart were a third of its
    cut (``bench/hostile_queries.py``, "longest allowed text")."""
    plans = []
    for positions in kept:
        with positions._lock:
            blocks = positions._uncut_blocks(positions._postings_of(documents))
            plans.append((positions, blocks, positions._segment_parts(blocks), list(positions._blocks)))
    cuts = iter(cut_blocks([(values[segment], local) for _, _, parts, values in plans for segment, local, _ in parts]))
    for positions, blocks, parts, _ in plans:
        mine = [next(cuts) for _ in parts]
        with positions._lock:
            if parts and not positions._cut[blocks].any():  # another thread may have cut some since
                positions._install(blocks, parts, mine)


_NO_TEXTS = CutTexts(np.empty(0, dtype=np.uint8), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
