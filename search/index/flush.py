"""A segment's postings written from the term pool at the flush: what Whoosh's
``FieldWriter.add_postings`` writes, a term and a block at a time, and for a large pool in
two processes.

The flush runs after the last article is added, when the index workers have stopped, so
one of the machine's two cores would sit idle through it. For a large pool a forked copy
of the writer writes the second half of the terms (in ``(field, term)`` order) into a file
of its own while this process writes the first half; this process then appends the
copy's postings to the segment's postings file and adds its terms to the term table with
their offsets moved by where the copy's bytes landed. Postings blocks hold no offsets, so
the segment is the one a single process writes, byte for byte (tests/test_index_writer.py).
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
from array import array
from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.fields import Schema
from whoosh.filedb.structfile import StructFile
from whoosh.system import pack_ushort

from search.index.term_pool import TermPool, TermPosting, TermPostings

log = logging.getLogger(__name__)

# Below this many pooled postings the flush stays in one process (forking and copying cost
# more than half of a small flush). A CLICK-ID article brings about 180.
PARALLEL_FROM_POSTINGS = 200_000
# Writing a term costs about as much as this many of its postings (its first block's
# pickling and compression, its term-table row): the work is split by this measure.
_TERM_COST = 24
# The share of the work this process keeps: it also copies the other half and adds its terms.
_OWN_SHARE = 0.55


def write_postings(fieldwriter: Any, schema: Schema, lengths: Any, pool: TermPool, codec: Any, folder: str,
                   parallel_from: int = PARALLEL_FROM_POSTINGS) -> None:
    """Write every pooled term through ``fieldwriter`` (the codec's ``W3FieldWriter``), with
    the field lengths ``lengths`` (the per-document reader) holds; in two processes from
    ``parallel_from`` postings, the second one's files in ``folder``."""
    field_lengths = {name: lengths.field_lengths(name) if lengths is not None else []
                     for name, field in schema.items() if field.indexed}
    out = _TermWriter(fieldwriter, schema, field_lengths)
    middle = pool.middle_term(_OWN_SHARE, _TERM_COST) if pool.postings >= parallel_from else None
    if middle is None:
        out.write(pool.terms())
    else:
        pid, files = _write_in_copy(codec, schema, field_lengths, pool.terms(start=middle), folder)
        try:
            out.write(pool.terms(stop=middle))
        finally:
            _, status = os.waitpid(pid, 0)
        if status:
            raise RuntimeError(f"the flush's second process failed (wait status {status}); see its log above")
        out.append(*files)
        for path in files:
            os.remove(path)
    out.finish()


class _TermWriter:
    """Terms through a field writer in order, opening and closing fields as they change."""

    def __init__(self, fieldwriter: Any, schema: Schema, field_lengths: dict[str, list[int]]) -> None:
        self._fieldwriter = fieldwriter
        self._schema = schema
        self._lengths = field_lengths
        self._field: str | None = None

    def write(self, terms: Iterable[TermPostings]) -> None:
        fieldwriter = self._fieldwriter
        for (fieldname, term), postings in terms:
            self._enter(fieldname)
            fieldwriter.start_term(term)
            write_blocks(fieldwriter._postwriter, postings, self._lengths[fieldname])
            fieldwriter.finish_term()

    def append(self, postings_path: str, terms_path: str) -> None:
        """Terms another process wrote (``_write_in_copy``): their postings copied after this
        file's, their term infos pointed there."""
        fieldwriter = self._fieldwriter
        postfile = fieldwriter._postfile
        base = postfile.tell()
        with open(postings_path, "rb") as postings:
            shutil.copyfileobj(postings, postfile)
        with open(terms_path, "rb") as table:
            infos: list[tuple[str, bytes, W3TermInfo]] = pickle.load(table)
        for fieldname, term, info in infos:
            self._enter(fieldname)
            if not info.is_inlined():
                offset, length = info.extent()
                info.set_extent(base + offset, length)
            fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + term, info.to_bytes())

    def finish(self) -> None:
        if self._field is not None:
            self._fieldwriter.finish_field()

    def _enter(self, fieldname: str) -> None:
        if fieldname != self._field:
            if self._field is not None:
                self._fieldwriter.finish_field()
            self._fieldwriter.start_field(fieldname, self._schema[fieldname])
            self._field = fieldname


def _write_in_copy(codec: Any, schema: Schema, field_lengths: dict[str, list[int]], terms: Iterable[TermPostings],
                   folder: str) -> tuple[int, tuple[str, str]]:
    """Fork a copy of this process that writes ``terms``' postings into a file of its own and
    their term infos (offsets in that file) into another; its pid and the two paths."""
    stem = os.path.join(folder, f"telusur-flush-{os.getpid()}")
    files = (f"{stem}.pst", f"{stem}.trm")
    pid = os.fork()
    if pid:
        return pid, files
    status = 1
    try:
        infos = []
        with open(files[0], "wb") as raw:
            blocks = codec.postings_writer(StructFile(raw))
            for (fieldname, term), postings in terms:
                blocks.start_postings(schema[fieldname].format, W3TermInfo())
                write_blocks(blocks, postings, field_lengths[fieldname])
                infos.append((fieldname, term, blocks.finish_postings()))
        with open(files[1], "wb") as table:
            pickle.dump(infos, table, pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:
        log.exception("writing the second half of the postings failed")
    finally:
        os._exit(status)


def write_blocks(blocks: Any, postings: list[TermPosting], field_lengths: list[int]) -> None:
    """One term's postings through the codec's postings writer (``W3PostingsWriter``, between
    ``start_postings`` and ``finish_postings``), a full block at a time: every block but the
    last written, the last left for ``finish_postings``, as ``add_posting`` leaves them."""
    limit = blocks._blocklimit
    for start in range(0, len(postings), limit):
        if start:
            blocks._write_block()
        _fill_block(blocks, postings[start:start + limit], field_lengths)


def _fill_block(blocks: Any, postings: list[TermPosting], field_lengths: list[int]) -> None:
    """Set the block buffer to what ``add_posting`` called once per posting leaves in it:
    the ids, the weights, the values that are not empty, the largest weight (from 0), the
    shortest field length that is not 0 (None when all are) and the longest (from 0)."""
    docnums, weights, values = zip(*postings, strict=True)
    blocks._ids = array("I", docnums)
    blocks._weights = array("f", weights)
    blocks._values = [value for value in values if value]
    blocks._maxweight = max((0, *weights))
    present = [length for length in map(field_lengths.__getitem__, docnums) if length] if field_lengths else []
    blocks._minlength = min(present) if present else None
    blocks._maxlength = max((0, *present))

