"""The build writer's postings pool, grouped by term: what Whoosh's ``PostingPool`` holds,
without sorting every posting, and packed.

Whoosh's pool keeps one ``(field, term, docnum, weight, value)`` tuple per posting and sorts
them all at the flush (about 180 per CLICK-ID article, millions per build), spilling sorted
runs to disk when its memory estimate passes the limit. A document's postings arrive in the
order documents get their numbers, so grouping them per ``(field, term)`` as they come keeps
every term's list in document order already: at the flush only the terms are sorted.

A term's postings are two byte strings: fixed records of document number, weight and value
length (``_RECORD``), and the values one after another. CLICK-ID's 21,970 articles have 4.04
million postings of 226,017 terms; as tuples (about 160 bytes a posting) they passed the
256 MB limit three times, and merging the spilled runs back was about a third of the flush;
packed (16 bytes and the value) they fit. Runs spilled past the memory limit are merged term
by term, earlier runs first (they hold the smaller document numbers).
"""

from __future__ import annotations

import heapq
import itertools
import marshal
import os
import struct
from collections.abc import Iterator
from itertools import accumulate
from typing import IO, Any

TermKey = tuple[str, bytes]

# A posting's fixed part: document number, weight (the float Whoosh's writer gives it), length of its value.
_RECORD = struct.Struct("<IdI")
# What a pooled posting and a new term cost in memory, in bytes, besides the value's and the
# term's own bytes, for the memory limit: the record and the byte arrays' spare room; the
# term's key, its dictionary entry and its two byte arrays (CPython 3.11).
_POSTING_BYTES = _RECORD.size + 4
_TERM_BYTES = 260
# Terms per marshalled chunk of a spilled run: one call per chunk, not per term.
_RUN_CHUNK = 4096


# One term's postings in document order: the records (``_RECORD`` each) and the values. A
# tuple of two byte arrays, which the garbage collector stops tracking: with an object of
# its own per term, the writer process spent 5.4 s of its 36 s of CPU in collections that
# walked the 226k terms of CLICK-ID again and again.
TermPostings = tuple[bytearray, bytearray]


def new_postings(records: bytes = b"", values: bytes = b"") -> TermPostings:
    """A term's postings from their two byte strings (empty: none yet)."""
    return bytearray(records), bytearray(values)


def columns(postings: TermPostings) -> tuple[tuple[int, ...], tuple[float, ...], list[bytes]]:
    """Document numbers, weights and values of a term's postings, each in document order."""
    records, packed = postings
    values = bytes(packed)  # the blocks pickle bytes, never a bytearray
    if len(records) == _RECORD.size:  # most terms (63% of CLICK-ID's) have one posting
        docnum, weight, _ = _RECORD.unpack(records)
        return (docnum,), (weight,), [values]
    docnums, weights, lengths = zip(*_RECORD.iter_unpack(records), strict=True)
    return docnums, weights, [values[end - length:end] for end, length in zip(accumulate(lengths), lengths,
                                                                               strict=True)]


class TermPool:
    """Postings grouped by ``(field, term)``, each term's in the order they were added (which
    must be document order); spills sorted runs into ``folder`` past ``limit_bytes``."""

    def __init__(self, limit_bytes: int, folder: str) -> None:
        self._limit = limit_bytes
        self._folder = folder
        self._fields: dict[str, dict[bytes, TermPostings]] = {}
        self._size = 0
        self._runs: list[str] = []

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting as Whoosh's ``PostingPool.add`` takes it: ``(field, term, docnum, weight, value)``."""
        fieldname, term, docnum, weight, value = item
        self.add_postings(fieldname, docnum, [(term, weight, value or b"")])

    def add_postings(self, fieldname: str, docnum: int, rows: list[tuple[bytes, float, bytes]]) -> None:
        """A document's postings in one field: ``(term, weight, value)`` rows."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        pack = _RECORD.pack
        size = _POSTING_BYTES * len(rows)
        for term, weight, value in rows:
            postings = terms.get(term)
            if postings is None:
                postings = terms[term] = new_postings()
                size += _TERM_BYTES + len(term)
            records, values = postings
            records += pack(docnum, weight, len(value))
            values += value
            size += len(value)
        self._size += size
        if self._size > self._limit:
            self._spill()

    def terms(self) -> Iterator[tuple[TermKey, TermPostings]]:
        """Every term in ``(field, term)`` order with all its postings in document order; no
        more postings may be added once this is called."""
        in_memory = self._sorted()
        if not self._runs:
            yield from in_memory
            return
        runs = [_read_run(path) for path in self._runs]
        merged = heapq.merge(*runs, in_memory, key=_term_key)
        for key, group in itertools.groupby(merged, key=_term_key):
            parts = [postings for _, postings in group]
            if len(parts) == 1:
                yield key, parts[0]
            else:
                yield key, new_postings(b"".join(part[0] for part in parts), b"".join(part[1] for part in parts))

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """The pooled postings one by one, sorted, as Whoosh's pool gives them."""
        for (fieldname, term), postings in self.terms():
            for docnum, weight, value in zip(*columns(postings), strict=True):
                yield fieldname, term, docnum, weight, bytes(value)

    def cleanup(self) -> None:
        """Remove the spilled runs."""
        for path in self._runs:
            os.remove(path)
        self._runs = []

    def _sorted(self) -> Iterator[tuple[TermKey, TermPostings]]:
        """The terms in memory in ``(field, term)`` order, forgotten as they go."""
        fields, self._fields = self._fields, {}
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for term in sorted(terms):
                yield (fieldname, term), terms[term]

    def _spill(self) -> None:
        path = os.path.join(self._folder, f"telusur-run-{os.getpid()}-{len(self._runs)}")
        items = ((key, (bytes(records), bytes(values))) for key, (records, values) in self._sorted())
        with open(path, "wb") as run:
            while chunk := list(itertools.islice(items, _RUN_CHUNK)):
                marshal.dump(chunk, run)
        self._runs.append(path)
        self._size = 0


def _term_key(item: tuple[TermKey, TermPostings]) -> TermKey:
    return item[0]


def _read_run(path: str) -> Iterator[tuple[TermKey, TermPostings]]:
    with open(path, "rb") as run:
        for key, (records, values) in _chunks(run):
            yield key, new_postings(records, values)


def _chunks(run: IO[bytes]) -> Iterator[Any]:
    while True:
        try:
            chunk = marshal.load(run)
        except EOFError:
            return
        yield from chunk
