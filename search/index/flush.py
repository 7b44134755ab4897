"""A segment's postings written from the term pool at the flush: the bytes Whoosh's
``FieldWriter.add_postings`` writes (its W3 codec: ``W3PostingsWriter`` blocks in the
postings file, a ``W3TermInfo`` row per term in the term table), made a term at a time.

The flush runs alone at the end of a build, the index workers idle, so its time is wall
time. Through the codec's own writers (a term started, its block buffer filled, finished,
its term info added to the table) it was 0.97 ms an article on 3,000 CLICK-ID articles
against the stock writer's 1.45; most of what remained was the codec's bookkeeping per
term (two ``tell`` calls on the postings file and two on the term table, a new block
buffer, its statistics gathered again by the term info), not the pickling and compression
of the blocks. So each term's blocks and its term table row are made here, from the pooled
columns, with the positions of both files counted instead of asked. The bytes are the
codec's (tests/test_index_writer.py compares every file with Whoosh's stock writer). On
3,000 CLICK-ID articles, one process, a loaded machine: 0.75 ms an article against 0.86
and 0.90 through the codec's writers.

Not done, measured: writing half of the terms in a forked copy of the writer (appending
its postings file, moving its terms' offsets). The commit's other parts (sorting the terms,
the term table's hash index, the columns) stay in one process, and the copy cost more than
it saved: 0.78 + 0.58 ms of CPU an article against 0.97, for a commit at most 0.2 ms an
article shorter on an idle machine and longer on a busy one.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from pickle import dumps
from typing import Any

from whoosh.fields import Schema
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from search.index.term_pool import TermPool, columns

# The term table's row head (key and value lengths) and its hash of a key: the codec's
# ``HashWriter`` (MD5, its type 0).
_ROW_LENGTHS = struct.Struct("!ii")
_PICKLE_PROTOCOL = 2


def write_postings(fieldwriter: Any, schema: Schema, lengths: Any, pool: TermPool) -> None:
    """Write every pooled term through ``fieldwriter`` (the codec's ``W3FieldWriter``), with
    the field lengths ``lengths`` (the per-document reader) holds."""
    field_lengths = {name: lengths.field_lengths(name) if lengths is not None else []
                     for name, field in schema.items() if field.indexed}
    # The codec's block header and term info layout, read from the module of the codec in
    # use (only search.query.match.blocks imports whoosh.codec, tests/test_layout.py).
    codec = sys.modules[type(fieldwriter).__module__]
    magic, term_info = codec.WHOOSH3_HEADER_MAGIC, codec.W3TermInfo._struct
    postfile = fieldwriter._postfile
    table = _TermTable(fieldwriter._tindex)
    offset = postfile.tell()
    write = postfile.write
    current = None
    blocks: Any = None
    for (fieldname, term), postings in pool.terms():
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            current = fieldname
            blocks = fieldwriter._postwriter
            if blocks._inlinelimit > 1 or blocks._byteids:
                raise ValueError(f"the flush writes neither inlined postings nor byte ids ({fieldname!r})")
            field_id = pack_ushort(fieldwriter._fieldid)
            term_blocks = _TermBlocks(magic, term_info, blocks._blocklimit, blocks._compression,
                                      fieldwriter._format.fixed_value_size(), field_lengths[fieldname])
        docnums, weights, values = columns(postings)
        data, info = term_blocks.encode(docnums, weights, values)
        write(data)
        table.add(field_id + term, info + pack_long(offset) + pack_int(len(data)))
        offset += len(data)
    if current is not None:
        fieldwriter.finish_field()
    if postfile.tell() != offset:
        raise RuntimeError("the postings file was written to outside the flush")
    table.close()


class _TermBlocks:
    """One field's terms as the codec writes them: a term's blocks (``W3PostingsWriter``:
    ``start_postings``, ``add_posting`` per posting, ``finish_postings``) and its term info
    (``W3TermInfo`` after ``add_block`` per block) without its extent."""

    def __init__(self, magic: bytes, term_info: struct.Struct, limit: int, compression: int,
                 fixed_size: int | None, lengths: list[int]) -> None:
        self.magic = magic
        self.term_info = term_info
        self.limit = limit
        self.compression = compression
        self.fixed_size = fixed_size
        self.lengths = lengths

    def encode(self, docnums: tuple[int, ...], weights: tuple[float, ...],
               values: list[bytes]) -> tuple[bytes, bytes]:
        """The term's bytes in the postings file and its term info's head (``!BfIBBfII``)."""
        limit = self.limit
        count = len(docnums)
        parts = [self.magic]
        total = 0.0
        minlength: int | None = None
        maxlength = 0
        maxweight: float = 0
        for start in range(0, count, limit):
            end = min(start + limit, count)
            block, block_min, block_max, block_weight, block_total = self._block(
                docnums[start:end], weights[start:end], values[start:end], end == count)
            parts.append(block)
            total += block_total
            minlength = block_min if minlength is None else min(minlength, block_min)  # type: ignore[type-var]
            maxlength = max(maxlength, block_max)
            maxweight = max(maxweight, block_weight)
        info = self.term_info.pack(False, total, count, 0 if minlength is None else length_to_byte(minlength),
                               length_to_byte(maxlength), maxweight, docnums[0], docnums[-1])
        return b"".join(parts), info

    def _block(self, docnums: tuple[int, ...], weights: tuple[float, ...], values: list[bytes],
               last: bool) -> tuple[bytes, int | None, int, float, float]:
        """A block's bytes (length, info, data), its shortest and longest field lengths, its
        largest weight and the sum of its weights as the term info adds them."""
        stored = array("f", weights).tolist()  # the block buffer keeps weights as 32-bit floats
        first = stored[0]
        mini_weights: Any = (None if all(weight == 1.0 for weight in stored)
                             else first if all(weight == first for weight in stored) else tuple(stored))
        kept = [value for value in values if value]
        fixed = self.fixed_size
        mini_values: Any = tuple(kept) if fixed is None or fixed < 0 else None if fixed == 0 else b"".join(kept)
        deltas = tuple(docnum - previous for docnum, previous in zip(docnums, (0, *docnums), strict=False))
        data = dumps((deltas, mini_weights, mini_values), _PICKLE_PROTOCOL)
        if self.compression:
            data = zlib.compress(data, self.compression)
        lengths = self.lengths
        present = [length for length in map(lengths.__getitem__, docnums) if length] if lengths else []
        shortest = min(present) if present else None
        longest = max((0, *present))
        largest = max((0, *weights))  # from 0, by the weights as given, as ``add_posting`` keeps it
        info = dumps((len(docnums), docnums[-1], largest, self.compression, length_to_byte(shortest),
                      length_to_byte(longest)), _PICKLE_PROTOCOL)
        size = len(info) + len(data)
        return pack_int(-size if last else size) + info + data, shortest, longest, largest, sum(stored)


class _TermTable:
    """The codec's term table (``OrderedHashWriter``) filled as its ``add`` fills it, the
    file's position counted instead of asked twice a term."""

    def __init__(self, writer: OrderedHashWriter) -> None:
        self.writer = writer
        self.position = writer.dbfile.tell()
        self.hash = writer.hashfn

    def add(self, key: bytes, value: bytes) -> None:
        writer = self.writer
        if key <= writer.lastkey:
            raise ValueError(f"Keys must increase: {writer.lastkey!r}..{key!r}")
        position = self.position
        writer.index.append(position)
        row = _ROW_LENGTHS.pack(len(key), len(value)) + key + value
        writer.dbfile.write(row)
        hashed = self.hash(key)
        writer.buckets[hashed & 255].append((hashed, position))
        writer.lastkey = key
        self.position = position + len(row)

    def close(self) -> None:
        """Check that the file is where the rows put it (nothing else wrote to it meanwhile)."""
        if self.writer.dbfile.tell() != self.position:
            raise RuntimeError("the term table was written to outside the flush")
