"""A term's posting blocks read in one piece from the postings file, documents and weights
parsed without unpickling every document's positions.

Whoosh 3 writes a term's postings as a header (``W3Bl``) and blocks of up to 128
postings; a block is its length (4 bytes, negative for the last), a pickled info tuple
(postings, last document, ..., compression) and the zlib-compressed pickle (protocol 2)
of ``(document gaps, weights, values)``. Whoosh reads a block by unpickling all of it,
and a positions value unpickles as one call of ``_codecs.encode`` per document: a
hundred-odd microseconds a block, most of a common word's read (``bench/hostile_queries.py``,
"distinct words": 106 of 160 ms was ``pickle.loads``), though scoring wants only the
documents and weights.

So here a block's values are cut off: only the start of the block is decompressed (the
documents and weights take at most ``_PREFIX_BYTES_PER_POSTING`` a posting), the values
tuple is found by its first opcode (the global ``_codecs.encode``), and pickle reads the
part before it. A block that does not have that shape is read whole by Whoosh's own
rule, and a term whose documents do not end where every block's info says they end is
read again that way: a wrong cut can cost time, never a wrong answer. The values stay
in the term's bytes, unpickled only for the blocks whose documents are asked for.
"""

from __future__ import annotations

import io
import pickle
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import whoosh
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermsReader
from whoosh.reading import IndexReader, SegmentReader

# The Whoosh release whose codec is read here (pyproject pins it; ``tests/test_query_match_blocks.py``
# compares every read with Whoosh's own).
PINNED_WHOOSH = "2.7.5"
if whoosh.versionstring() != PINNED_WHOOSH:
    raise ImportError(f"{__name__} reads the internals of Whoosh {PINNED_WHOOSH}, "
                      f"found {whoosh.versionstring()}: install whoosh-reloaded=={PINNED_WHOOSH}")

# The pickle opcodes the cut looks for: the values tuple of more than three values opens
# with MARK, its first value with the global Whoosh's protocol-2 bytes are rebuilt with.
_MARK = ord("(")
_VALUES_GLOBAL = b"c_codecs\nencode\n"
_TUPLE2_STOP = b"\x86."
# An upper bound on a block's documents and weights in its pickle: a gap is at most 5 bytes
# (BININT), a weight 9 (BINFLOAT); the rest (opcodes, memo) fits in the constant, with
# room for the values' first opcodes to be found after them.
_PREFIX_BYTES_PER_POSTING = 14
_PREFIX_BYTES = 64 + len(_VALUES_GLOBAL)


@dataclass(frozen=True)
class BlockInfo:
    """Where one block's data lies in the term's bytes, and what its info says of it."""

    count: int
    last_id: int
    compression: int
    start: int
    stop: int


@dataclass(frozen=True)
class TermBlocks:
    """One term in one segment: segment-local document ids (ascending), their weights, and
    the term's bytes, from which a block's encoded values (one per document, as Whoosh's
    ``Positions`` format stores them) are unpickled when asked for."""

    ids: np.ndarray
    weights: np.ndarray
    ends: np.ndarray
    blocks: tuple[BlockInfo, ...]
    raw: bytes
    # Blocks read whole by Whoosh's rule, their values included (tests see the cut taken).
    whole_blocks: int

    @property
    def nbytes(self) -> int:
        return len(self.raw) + self.ids.nbytes + self.weights.nbytes + self.ends.nbytes

    def block_values(self, block: int) -> Sequence[bytes]:
        """The block's values, decoded as Whoosh decodes them."""
        return _whoosh_block(self.raw, self.blocks[block])[2]

    def values(self, chosen: np.ndarray | None = None) -> list[bytes]:
        """The values of the postings numbered in ``chosen`` (ascending), or of all; only
        the blocks holding them are unpickled."""
        if chosen is None:
            return [value for block in range(len(self.blocks)) for value in self.block_values(block)]
        found: list[bytes] = []
        holding = np.searchsorted(self.ends, chosen, side="right")
        firsts = np.concatenate(([0], self.ends[:-1]))
        for block in np.unique(holding).tolist():
            values = self.block_values(block)
            found.extend(values[index] for index in (chosen[holding == block] - firsts[block]).tolist())
        return found


def read_postings(segment: IndexReader, field: str, text: str) -> TermBlocks | None:
    """The term's postings in ``segment``, deleted documents included, or None when absent:
    its documents and weights, and its blocks' encoded values when asked for (the term is
    read in one piece, so its positions cost no second read of its blocks)."""
    if (field, text) not in segment:
        return None
    if not isinstance(segment, SegmentReader):
        raise TypeError(f"postings are read per segment, not from {type(segment).__name__}")
    terms = segment._terms
    if not isinstance(terms, W3TermsReader):
        raise TypeError(f"cannot read postings from {type(terms).__name__}")
    terminfo = terms.term_info(field, segment._text_to_bytes(field, text))
    if terminfo.is_inlined():
        raise TypeError(f"cannot read inlined postings of {field}:{text!r}")
    offset, length = terminfo.extent()
    # Whoosh 2.7.5 reads the length back as a one-element tuple (``unpack_int(...)``).
    length = length[0] if isinstance(length, tuple) else length
    return parse_term_blocks(terms._postfile.get(offset, length),
                             cut=type(segment.schema[field].format) is formats.Positions)


def parse_term_blocks(raw: bytes, *, cut: bool = True) -> TermBlocks:
    """A term's postings from its bytes as Whoosh 3 writes them; ``cut``: read the documents
    and weights without the values (a field whose values are positions)."""
    blocks = _block_infos(raw)
    found = _parse(raw, blocks, cut)
    if found is None:
        found = _parse(raw, blocks, cut=False)
    assert found is not None  # Whoosh's own reading is taken as it is
    return found


def _parse(raw: bytes, blocks: tuple[BlockInfo, ...], cut: bool) -> TermBlocks | None:
    """The term's documents and weights, or None when the cut documents end anywhere but
    where the blocks' infos say."""
    gaps: list[int] = []
    weights: list[float] = []
    whole = 0
    for block in blocks:
        parsed = _documents_and_weights(raw, block) if cut else None
        if parsed is None:
            whole += 1
            parsed = _whoosh_block(raw, block)[:2]
        block_gaps, block_weights = parsed
        gaps.extend(block_gaps)
        # Whoosh's ``_read_weights``: None is every weight 1.0, a float is every weight that
        # (in an ``array("f")``, so a float is rounded to 32 bits).
        if block_weights is None or isinstance(block_weights, float):
            uniform = 1.0 if block_weights is None else float(np.float32(block_weights))
            weights.extend([uniform] * block.count)
        else:
            weights.extend(block_weights)
    counts = np.fromiter((block.count for block in blocks), dtype=np.int64, count=len(blocks))
    ends = np.cumsum(counts)
    if len(gaps) != ends[-1] or len(weights) != len(gaps):
        if cut:
            return None
        raise ValueError(f"posting blocks hold {len(gaps)} documents and {len(weights)} weights, "
                         f"their infos say {ends[-1]}")
    # Each block's gaps start from 0: one running sum over the term, less the sum at the end
    # of the block before.
    running = np.cumsum(np.asarray(gaps, dtype=np.int64))
    ids = running - np.repeat(np.concatenate(([0], running[ends[:-1] - 1])), counts)
    last_ids = np.fromiter((block.last_id for block in blocks), dtype=np.int64, count=len(blocks))
    if cut and whole < len(blocks) and not np.array_equal(ids[ends - 1], last_ids):
        return None
    return TermBlocks(ids, np.asarray(weights, dtype=np.float64), ends, blocks, raw, whole)


def _block_infos(raw: bytes) -> tuple[BlockInfo, ...]:
    """Every block's info and the place of its data, walking the blocks' lengths."""
    if raw[:len(WHOOSH3_HEADER_MAGIC)] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"postings do not start with Whoosh's block tag: {raw[:4]!r}")
    stream = io.BytesIO(raw)
    infos = pickle.Unpickler(stream)
    position = len(WHOOSH3_HEADER_MAGIC)
    blocks = []
    while True:
        length = int.from_bytes(raw[position:position + 4], "big", signed=True)
        stop = position + 4 + abs(length)
        if stop > len(raw):
            raise ValueError(f"a posting block runs past the term's {len(raw)} bytes")
        stream.seek(position + 4)
        count, last_id, _, compression, _, _ = infos.load()
        blocks.append(BlockInfo(count, last_id, compression, stream.tell(), stop))
        if length < 0:
            return tuple(blocks)
        position = stop


def _documents_and_weights(raw: bytes, block: BlockInfo) -> tuple[tuple[int, ...], object] | None:
    """The block's document gaps and weights (as pickled: a tuple, a float, or None), read
    from the start of its pickle, or None when the values are not where they should be."""
    data = raw[block.start:block.stop]
    bound = _PREFIX_BYTES_PER_POSTING * block.count + _PREFIX_BYTES
    start = zlib.decompressobj().decompress(data, bound) if block.compression else data[:bound]
    at = start.find(_VALUES_GLOBAL)
    if block.count > 3:
        at = at - 1 if at > 0 and start[at - 1] == _MARK else -1
    if at <= 0:
        return None
    try:
        gaps, weights = pickle.loads(start[:at] + _TUPLE2_STOP)
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError, IndexError):
        return None
    if type(gaps) is not tuple or len(gaps) != block.count:
        return None
    if weights is None or type(weights) is float:
        return gaps, weights
    if type(weights) is not tuple or len(weights) != block.count:
        return None
    return gaps, weights


def _whoosh_block(raw: bytes, block: BlockInfo) -> tuple:
    """The block's whole data tuple, as Whoosh's ``W3LeafMatcher._read_data`` reads it."""
    data = raw[block.start:block.stop]
    return pickle.loads(zlib.decompress(data) if block.compression else data)
