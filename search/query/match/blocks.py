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

import functools
import io
import pickle
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import whoosh
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermsReader
from whoosh.reading import IndexReader, SegmentReader

from search.query.match.runs import concatenated_ranges, offsets_within_runs

# The Whoosh release whose codec is read here (pyproject pins it; ``tests/test_query_match_blocks.py``
# compares every read with Whoosh's own).
PINNED_WHOOSH = "2.7.5"
if whoosh.versionstring() != PINNED_WHOOSH:
    raise ImportError(f"{__name__} reads the internals of Whoosh {PINNED_WHOOSH}, "
                      f"found {whoosh.versionstring()}: install whoosh-reloaded=={PINNED_WHOOSH}")

# What a block's info costs in memory (the object and its five integers).
_BLOCK_INFO_BYTES = 100
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
# The same bound for the common layout (a gap 2 bytes, a weight 9; the first gap at most 5,
# and the opcodes around the two tuples).
_COMMON_BYTES_PER_POSTING = 11
_COMMON_BYTES = 16


@dataclass(frozen=True)
class StoredValues:
    """Documents' encoded values as stored, joined: value ``i`` is ``lengths[i]`` bytes of
    ``joined`` from ``starts[i]``."""

    joined: bytes
    lengths: np.ndarray
    starts: np.ndarray

    @classmethod
    def of(cls, values: Sequence[bytes]) -> StoredValues:
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        return cls(b"".join(values), lengths, np.cumsum(lengths) - lengths)

    @classmethod
    def joining(cls, parts: Sequence[StoredValues]) -> StoredValues:
        lengths = np.concatenate([part.lengths for part in parts]) if parts else np.empty(0, np.int64)
        return cls(b"".join(part.joined for part in parts), lengths, np.cumsum(lengths) - lengths)

    @property
    def nbytes(self) -> int:
        return len(self.joined) + self.lengths.nbytes + self.starts.nbytes


@dataclass(frozen=True)
class BlockInfo:
    """Where one block's data lies in the term's bytes, and what its info says of it."""

    count: int
    last_id: int
    compression: int
    start: int
    stop: int


@dataclass(frozen=True)
class BlockValues:
    """A term's blocks in its bytes, whose encoded values (one per document, as Whoosh's
    ``Positions`` format stores them) are read from there when asked for; ``ends[b]``:
    the postings in blocks 0 to b."""

    raw: bytes
    blocks: tuple[BlockInfo, ...]
    ends: np.ndarray

    @property
    def nbytes(self) -> int:
        return len(self.raw) + self.ends.nbytes + len(self.blocks) * _BLOCK_INFO_BYTES

    def cut(self, blocks: np.ndarray) -> CutTexts:
        """Every value of ``blocks`` (ascending), in order, as the UTF-8 text its pickle holds:
        cut from the decompressed pickles with numpy (``cut_values``), or, when they have
        any other shape, unpickled by Whoosh and encoded the same way."""
        datas = self.decompressed(blocks)
        cut = cut_values(datas, [self.blocks[block].count for block in blocks.tolist()])
        if cut is not None:
            return cut
        return CutTexts.of_values([value for data in datas for value in pickle.loads(data)[2]])

    def decompressed(self, blocks: np.ndarray) -> list[bytes]:
        """The pickles of ``blocks``."""
        return [_decompressed(self.raw, self.blocks[block]) for block in blocks.tolist()]

    def read(self, chosen: np.ndarray | None = None) -> StoredValues:
        """The values of the postings numbered in ``chosen`` (ascending), or of all; only
        the blocks holding them are decompressed (``cut``)."""
        chosen = np.arange(self.ends[-1]) if chosen is None else np.asarray(chosen, dtype=np.int64)
        if not len(chosen):
            return StoredValues.of([])
        holding = np.searchsorted(self.ends, chosen, side="right")
        touched = np.unique(holding)
        firsts = np.concatenate(([0], self.ends[:-1]))
        counts = np.asarray([self.blocks[block].count for block in touched.tolist()], dtype=np.int64)
        # The chosen postings as records of the touched blocks, numbered from 0.
        records = chosen - firsts[holding] + (np.cumsum(counts) - counts)[np.searchsorted(touched, holding)]
        found = self.cut(touched).values(records)
        if found is not None:
            return found
        datas = [_decompressed(self.raw, self.blocks[block]) for block in touched.tolist()]
        values = [value for data in datas for value in pickle.loads(data)[2]]
        return StoredValues.of([values[index] for index in records.tolist()])


def cut_blocks(parts: Sequence[tuple[BlockValues, np.ndarray]]) -> list[CutTexts]:
    """``values.cut(blocks)`` of each part, the blocks of all cut by one ``cut_values`` (each
    part on its own when any block has another shape)."""
    datas = [values.decompressed(blocks) for values, blocks in parts]
    counts = [[values.blocks[block].count for block in blocks.tolist()] for values, blocks in parts]
    cut = cut_values([data for part in datas for data in part], [count for part in counts for count in part])
    if cut is None:
        return [values.cut(blocks) for values, blocks in parts]
    found, posting, byte = [], 0, 0
    for part, part_counts in zip(datas, counts, strict=True):
        postings, size = sum(part_counts), sum(map(len, part))
        found.append(CutTexts(cut.buffer[byte:byte + size], cut.starts[posting:posting + postings] - byte,
                              cut.lengths[posting:posting + postings]))
        posting, byte = posting + postings, byte + size
    return found


@dataclass(frozen=True)
class TermBlocks:
    """One term in one segment: segment-local document ids (ascending), their weights, and
    its blocks' values."""

    ids: np.ndarray
    weights: np.ndarray
    values: BlockValues
    # Blocks read whole by Whoosh's rule, their values included, and blocks whose documents
    # and weights were unpickled, not read with numpy (tests see the path taken).
    whole_blocks: int
    pickled_blocks: int = 0


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
    """A term's postings from its bytes as Whoosh 3 writes them: the documents and weights
    of the blocks of the common layout read with numpy (any field), the other blocks'
    unpickled from the start of their pickle when ``cut`` (a field whose values are
    positions, a tuple that the cut finds), else read whole."""
    blocks = _block_infos(raw)
    found = _parse(raw, blocks, cut)
    if found is None:
        found = _parse(raw, blocks, cut=False, whole=True)
    assert found is not None  # Whoosh's own reading is taken as it is
    return found


def _parse(raw: bytes, blocks: tuple[BlockInfo, ...], cut: bool, whole: bool = False) -> TermBlocks | None:
    """The term's documents and weights (``whole``: every block read by Whoosh's rule), or
    None when the documents read otherwise end anywhere but where the blocks' infos say."""
    counts = np.fromiter((block.count for block in blocks), dtype=np.int64, count=len(blocks))
    ends = np.cumsum(counts)
    if whole:
        read = np.zeros(len(blocks), dtype=bool)
        gaps, weights = np.zeros(int(ends[-1]), dtype=np.int64), np.ones(int(ends[-1]), dtype=np.float64)
    else:
        gaps, weights, read = _numpy_documents_and_weights([_prefix(raw, block, common=True) for block in blocks],
                                                           counts)
    read_whole = pickled = 0
    for number in np.flatnonzero(~read).tolist():
        block = blocks[number]
        parsed = _documents_and_weights(_prefix(raw, block), block.count) if cut and not whole else None
        if parsed is None:
            read_whole += 1
            parsed = _whoosh_block(raw, block)[:2]
        else:
            pickled += 1
        block_gaps, block_weights = parsed
        first = int(ends[number] - block.count)
        # Whoosh's ``_read_weights``: None is every weight 1.0, a float is every weight that
        # (in an ``array("f")``, so a float is rounded to 32 bits).
        listed: Sequence[float]
        if block_weights is None or isinstance(block_weights, float):
            listed = [1.0 if block_weights is None else float(np.float32(block_weights))] * block.count
        else:
            listed = block_weights
        if len(block_gaps) != block.count or len(listed) != block.count:
            if not whole:
                return None
            raise ValueError(f"posting block {number} holds {len(block_gaps)} documents and "
                             f"{len(listed)} weights, its info says {block.count}")
        gaps[first:first + block.count] = block_gaps
        weights[first:first + block.count] = listed
    # Each block's gaps start from 0: one running sum over the term, less the sum at the end
    # of the block before.
    running = np.cumsum(gaps)
    ids = running - np.repeat(np.concatenate(([0], running[ends[:-1] - 1])), counts)
    last_ids = np.fromiter((block.last_id for block in blocks), dtype=np.int64, count=len(blocks))
    if not whole and read_whole < len(blocks) and not np.array_equal(ids[ends - 1], last_ids):
        return None
    return TermBlocks(ids, weights, BlockValues(raw, blocks, ends), read_whole, pickled)


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


Weights = tuple[float, ...] | float | None


def _prefix(raw: bytes, block: BlockInfo, *, common: bool = False) -> bytes:
    """The start of the block's pickle that holds its documents and weights, and the values'
    first opcodes; ``common``: only as much as the common layout takes (``_common_layout``):
    decompressing is most of a cold term's read, a quarter less with this bound."""
    data = raw[block.start:block.stop]
    bound = (_COMMON_BYTES_PER_POSTING * block.count + _COMMON_BYTES if common
             else _PREFIX_BYTES_PER_POSTING * block.count + _PREFIX_BYTES)
    return zlib.decompressobj().decompress(data, bound) if block.compression else data[:bound]


def _documents_and_weights(start: bytes, count: int) -> tuple[tuple[int, ...], Weights] | None:
    """A block's document gaps and weights (as pickled: a tuple, a float, or None), unpickled
    from the start of its pickle (``_prefix``), or None when the values are not where they should be."""
    at = start.find(_VALUES_GLOBAL)
    if count > 3:
        at = at - 1 if at > 0 and start[at - 1] == _MARK else -1
    if at <= 0:
        return None
    try:
        gaps, weights = pickle.loads(start[:at] + _TUPLE2_STOP)
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError, IndexError):
        return None
    if type(gaps) is not tuple or len(gaps) != count:
        return None
    if weights is None or type(weights) is float:
        return gaps, weights
    if type(weights) is not tuple or len(weights) != count:
        return None
    return gaps, weights


# A block's documents and weights as pickle protocol 2 writes them for more than three
# postings: PROTO 2, the gaps tuple (MARK, a BININT1 ``K``, BININT2 ``M`` or BININT ``J`` per
# gap, TUPLE, memo put 0), then the weights: NONE (every weight 1.0), one BINFLOAT ``G`` (all
# equal), or a tuple (MARK, a BINFLOAT per posting, TUPLE, memo put 1).
_HEAD = b"\x80\x02("
_BININT1, _BININT2, _BININT, _BINFLOAT, _NONE = b"K"[0], b"M"[0], b"J"[0], b"G"[0], b"N"[0]
_GAPS_CLOSE, _WEIGHTS_CLOSE = b"tq\x00", b"tq\x01"
_FLOAT_BYTES = 9
_GAP_RECORD = np.dtype([("opcode", np.uint8), ("value", np.uint8)])
_FLOAT_RECORD = np.dtype([("opcode", np.uint8), ("value", ">f8")])
# Records standing in for a block's first gap (read apart) and for what is read otherwise.
_NO_GAP = b"K\x00"
_ONE_WEIGHT = b"G" + struct.pack(">d", 1.0)


def _common_layout(prefix: bytes, count: int) -> tuple[int, bytes, bytes] | None:
    """A block's first gap, its later gaps as BININT1 records (``K`` and the byte) and its
    weights as BINFLOAT records (``G`` and eight bytes), one a posting, when the start of its
    pickle (``_prefix``) is the layout above with every later gap under 256 (most blocks of a
    common word), else None (then pickle reads it)."""
    if count <= 3 or prefix[:len(_HEAD)] != _HEAD:
        return None
    opcode = prefix[3]
    if opcode == _BININT1:
        first, rest = prefix[4], 5
    elif opcode == _BININT2:
        first, rest = int.from_bytes(prefix[4:6], "little"), 6
    elif opcode == _BININT:
        first, rest = int.from_bytes(prefix[4:8], "little", signed=True), 8
    else:
        return None
    close = rest + 2 * (count - 1)
    if prefix[close:close + len(_GAPS_CLOSE)] != _GAPS_CLOSE:
        return None
    kind = prefix[close + 3]
    floats = close + 4
    if kind == _HEAD[-1]:
        end = floats + _FLOAT_BYTES * count
        if prefix[end:end + len(_WEIGHTS_CLOSE)] != _WEIGHTS_CLOSE:
            return None
        return first, prefix[rest:close], prefix[floats:end]
    if kind == _NONE:
        return first, prefix[rest:close], _ONE_WEIGHT * count
    if kind == _BINFLOAT and len(prefix) >= floats + 8:
        # Whoosh's ``_read_weights``: a float is every weight that, in an ``array("f")``.
        weight = float(np.float32(struct.unpack(">d", prefix[floats:floats + 8])[0]))
        return first, prefix[rest:close], (b"G" + struct.pack(">d", weight)) * count
    return None


def _numpy_documents_and_weights(prefixes: list[bytes], counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The term's gaps and weights (block after block) and which blocks were read: those of
    the common layout (``_common_layout``), their records joined and read with numpy at once
    (the others' entries are left for pickle). One ``pickle.loads`` a block and a Python tuple
    of every posting were most of a cold term's read (``bench/hostile_queries.py``)."""
    gap_parts: list[bytes] = []
    weight_parts: list[bytes] = []
    firsts: list[int] = []
    read = np.zeros(len(prefixes), dtype=bool)
    for number, (prefix, count) in enumerate(zip(prefixes, counts.tolist(), strict=True)):
        layout = _common_layout(prefix, count)
        if layout is None:
            firsts.append(0)
            gap_parts.append(_NO_GAP * count)
            weight_parts.append(_ONE_WEIGHT * count)
            continue
        read[number] = True
        firsts.append(layout[0])
        gap_parts += (_NO_GAP, layout[1])
        weight_parts.append(layout[2])
    gaps = np.frombuffer(b"".join(gap_parts), dtype=_GAP_RECORD)
    weights = np.frombuffer(b"".join(weight_parts), dtype=_FLOAT_RECORD)
    ends = np.cumsum(counts)
    # A record whose opcode is another (a gap of 256 or more, a weight that is no float) leaves its block to pickle.
    wrong = np.flatnonzero((gaps["opcode"] != _BININT1) | (weights["opcode"] != _BINFLOAT))
    read[np.searchsorted(ends, wrong, side="right")] = False
    found_gaps = gaps["value"].astype(np.int64)
    found_gaps[(ends - counts)[read]] = np.asarray(firsts, dtype=np.int64)[read]
    return found_gaps, weights["value"].astype(np.float64), read


def _decompressed(raw: bytes, block: BlockInfo) -> bytes:
    data = raw[block.start:block.stop]
    return zlib.decompress(data) if block.compression else data


def _whoosh_block(raw: bytes, block: BlockInfo) -> tuple:
    """The block's whole data tuple, as Whoosh's ``W3LeafMatcher._read_data`` reads it."""
    return pickle.loads(_decompressed(raw, block))


# Pickle protocol 2 writes a ``bytes`` value as ``_codecs.encode(<its latin-1 text>, "latin1")``:
# the first value of a block as the global, memo put, ``X`` (length, UTF-8 text), memo put,
# the text ``latin1``, memo put, TUPLE2, memo put, REDUCE, memo put; every later value as
# memo get of the global, ``X``, memo put, memo get of ``latin1``, TUPLE2, memo put, REDUCE,
# memo put. A memo put is ``q`` and one byte, or from index 256 ``r`` and four.
_GET, _PUT, _LONG_PUT, _UNICODE, _REDUCE, _STOP = b"h", b"q", b"r", b"X", b"R", b"."
_TUPLE, _TUPLE1, _TUPLE2, _TUPLE3 = b"t", 0x85, 0x86, 0x87
_LATIN1 = b"X\x06\x00\x00\x00latin1"
_FIRST_HEAD = len(_VALUES_GLOBAL) + 2 + 5  # the global, its memo put, X and the length
_FIRST_TAIL = 2 + len(_LATIN1) + 2 + 1 + 2 + 1 + 2


@dataclass(frozen=True)
class CutTexts:
    """Values as the UTF-8 texts pickle protocol 2 writes a ``bytes`` value as (every
    character under 256), in ``buffer`` (the blocks' joined pickles): value ``i`` is
    ``lengths[i]`` bytes from ``starts[i]``. Turned back into bytes only for the values asked
    for (``values``): for all of a block it was a third of a re-rank's cold positions."""

    buffer: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray

    @classmethod
    def of_values(cls, values: Sequence[bytes]) -> CutTexts:
        """Values unpickled by Whoosh, as the texts their pickle holds."""
        return cls.of_texts([value.decode("latin-1").encode("utf-8") for value in values])

    @classmethod
    def of_texts(cls, texts: Sequence[bytes]) -> CutTexts:
        stored = StoredValues.of(texts)
        return cls(np.frombuffer(stored.joined, dtype=np.uint8), stored.starts, stored.lengths)

    @property
    def nbytes(self) -> int:
        return self.buffer.nbytes + self.starts.nbytes + self.lengths.nbytes

    def values(self, records: np.ndarray) -> StoredValues | None:
        """The values numbered in ``records`` as bytes, or None when a text is not one
        ``bytes`` value's (then Whoosh unpickles them)."""
        return _latin1(self, records)


def _put(index: int) -> bytes:
    return _PUT + bytes((index,)) if index < 256 else _LONG_PUT + index.to_bytes(4, "little")


@functools.lru_cache(maxsize=256)
def _first_tail(memo: int) -> bytes:
    """What follows the first value's text, its global's memo index ``memo``."""
    return _put(memo + 1) + _LATIN1 + _put(memo + 2) + bytes((_TUPLE2,)) + _put(memo + 3) + _REDUCE + _put(memo + 4)


@functools.lru_cache(maxsize=4096)
def _trailer(memo: int, count: int) -> bytes:
    """How a block of ``count`` values ends (the values' tuple, the block's), its global's memo index ``memo``."""
    last = memo + 3 * count + 2
    return (_TUPLE if count > 3 else bytes((_TUPLE1 + count - 1,))) + _put(last) + bytes((_TUPLE3,)) + _put(last + 1) + _STOP


def cut_values(datas: list[bytes], counts: list[int]) -> CutTexts | None:
    """The values of whole decompressed blocks, found without unpickling them, or None
    when any block is not exactly the layout above (then Whoosh unpickles them).

    Each later value's record is found by its first three bytes (memo get of the global,
    ``X``); the records are accepted only when they chain exactly from the first value to
    the tuple's end, every byte between the texts as the layout says: then they are what
    pickle would read."""
    joined = b"".join(datas)
    buffer = np.frombuffer(joined, dtype=np.uint8)
    base = 0
    memos: list[int] = []
    record_starts: list[int] = []
    record_stops: list[int] = []
    first_starts: list[int] = []
    first_lengths: list[int] = []
    for data, count in zip(datas, counts, strict=True):
        at = data.find(_VALUES_GLOBAL)
        if at < 0 or (count > 3 and data[at - 1:at] != b"("):
            return None
        global_end = at + len(_VALUES_GLOBAL)
        memo = data[global_end + 1] if data[global_end:global_end + 1] == _PUT else 256
        length = int.from_bytes(data[at + _FIRST_HEAD - 4:at + _FIRST_HEAD], "little")
        tail = at + _FIRST_HEAD + length
        if (memo + 4 >= 256 or data[at + _FIRST_HEAD - 5:at + _FIRST_HEAD - 4] != _UNICODE
                or data[tail:tail + _FIRST_TAIL] != _first_tail(memo)):
            return None
        trailer = _trailer(memo, count)
        if not data.endswith(trailer) or (count == 1 and tail + _FIRST_TAIL != len(data) - len(trailer)):
            return None
        first_starts.append(base + at + _FIRST_HEAD)
        first_lengths.append(length)
        memos.append(memo)
        record_starts.append(base + tail + _FIRST_TAIL)
        record_stops.append(base + len(data) - len(trailer))
        base += len(data)
    # Each block's first value apart (its record is the one above), the later ones found at once.
    block_counts = np.asarray(counts, dtype=np.int64)
    firsts = np.cumsum(block_counts) - block_counts
    starts = np.zeros(int(block_counts.sum()), dtype=np.int64)
    lengths = np.zeros(len(starts), dtype=np.int64)
    starts[firsts], lengths[firsts] = first_starts, first_lengths
    later = block_counts - 1
    if later.sum():
        found = _later_records(buffer, np.asarray(memos), np.asarray(record_starts), np.asarray(record_stops), later)
        if found is None:
            return None
        slots = np.ones(len(starts), dtype=bool)
        slots[firsts] = False
        starts[slots], lengths[slots] = found
    return CutTexts(buffer, starts, lengths)


def _later_records(buffer: np.ndarray, memos: np.ndarray, record_starts: np.ndarray, record_stops: np.ndarray,
                   later: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The texts (starts, lengths) of every value after each block's first, the blocks'
    records lying from ``record_starts`` to ``record_stops``, ``later`` of them in each."""
    size = len(buffer)
    heads = np.flatnonzero((buffer[:-2] == _GET[0]) & (buffer[2:] == _UNICODE[0]))
    block = np.searchsorted(record_starts, heads, side="right") - 1
    heads, block = heads[block >= 0], block[block >= 0]
    inside = (heads < record_stops[block]) & (buffer[heads + 1] == memos[block])
    heads, block = heads[inside], block[inside]
    if not np.array_equal(np.bincount(block, minlength=len(later)), later):
        return None
    ordinal = offsets_within_runs(later) + 1
    memo = memos[block]
    text = memo + 3 * ordinal + 2  # the memo index of the value's text

    def at(offsets: np.ndarray) -> np.ndarray:
        return buffer[np.minimum(offsets, size - 1)].astype(np.int64)

    length = at(heads + 3) | at(heads + 4) << 8 | at(heads + 5) << 16 | at(heads + 6) << 24
    tail = heads + 7 + length
    ok = tail + 9 <= size

    def put_ok(offsets: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        short = index < 256
        fits = np.where(short, (at(offsets) == _PUT[0]) & (at(offsets + 1) == index),
                        (at(offsets) == _LONG_PUT[0]) & (at(offsets + 1) == index & 0xFF)
                        & (at(offsets + 2) == index >> 8 & 0xFF) & (at(offsets + 3) == index >> 16 & 0xFF)
                        & (at(offsets + 4) == index >> 24))
        return fits, offsets + np.where(short, 2, 5)

    fits, after = put_ok(tail, text)
    ok &= fits & (at(after) == _GET[0]) & (at(after + 1) == memo + 2) & (at(after + 2) == _TUPLE2)
    fits, after = put_ok(after + 3, text + 1)
    ok &= fits & (at(after) == _REDUCE[0])
    fits, after = put_ok(after + 1, text + 2)
    ok &= fits
    # Each record ends where the next begins, the last of a block where its tuple closes.
    following = np.append(heads[1:], 0)
    holding = later > 0
    lasts = (np.cumsum(later) - 1)[holding]
    following[lasts] = record_stops[holding]
    firsts = lasts - later[holding] + 1
    if not (ok.all() and np.array_equal(after, following) and np.array_equal(heads[firsts], record_starts[holding])):
        return None
    return heads + 7, length


def _latin1(cut: CutTexts, records: np.ndarray) -> StoredValues | None:
    """The chosen records' values: their UTF-8 texts back to the bytes they encode (every
    character is under 256, so at most two UTF-8 bytes, ``0xC2``/``0xC3`` and one
    continuation), or None for any other text."""
    starts, lengths = cut.starts[records], cut.lengths[records]
    owner = np.repeat(np.arange(len(records)), lengths)
    text = cut.buffer[concatenated_ranges(starts, lengths)]
    lead = (text & 0xFE) == 0xC2
    continuation = (text & 0xC0) == 0x80
    if ((text >= 0xC4) | ((text & 0xE0) == 0xC0) & ~lead).any():
        return None
    if len(text) and (lead[-1] or continuation[0]):
        return None
    if not np.array_equal(continuation[1:], lead[:-1]) or (owner[1:][lead[:-1]] != owner[:-1][lead[:-1]]).any():
        return None
    leads = np.flatnonzero(lead)
    decoded = text.copy()
    decoded[leads + 1] = ((text[leads] & 0x03) << 6) | (text[leads + 1] & 0x3F)
    decoded_lengths = lengths - np.bincount(owner[leads], minlength=len(records))
    return StoredValues(decoded[~lead].tobytes(), decoded_lengths, np.cumsum(decoded_lengths) - decoded_lengths)
