"""The build writer's postings pool, grouped by term: what Whoosh's ``PostingPool`` holds,
without sorting every posting.

Whoosh's pool keeps one ``(field, term, docnum, weight, value)`` tuple per posting and sorts
them all at the flush (about 180 per CLICK-ID article, millions per build), spilling sorted
runs to disk when its memory estimate passes the limit. A document's postings arrive in the
order documents get their numbers, so grouping them per ``(field, term)`` as they come keeps
every term's list in document order already: at the flush only the terms are sorted. Runs
spilled past the memory limit are merged term by term, earlier runs first (they hold the
smaller document numbers).
"""

from __future__ import annotations

import heapq
import itertools
import marshal
import os
from collections.abc import Iterator
from typing import IO, Any

# One posting of a term: document number, weight, encoded value (positions), as Whoosh pools it.
TermPosting = tuple[int, float, bytes | None]
TermKey = tuple[str, bytes]
TermPostings = tuple[TermKey, list[TermPosting]]

# What a pooled posting and a new term cost in memory, in bytes (CPython 3.11: the posting's
# tuple, int, float and list slot; the term's key tuple, list and dictionary entry), for the
# memory limit; the value's and the term's own bytes are added to them.
_POSTING_BYTES = 160
_TERM_BYTES = 250
# Terms per marshalled chunk of a spilled run: one call per chunk, not per term.
_RUN_CHUNK = 4096


class TermPool:
    """Postings grouped by ``(field, term)``, each term's in the order they were added (which
    must be document order); spills sorted runs into ``folder`` past ``limit_bytes``."""

    def __init__(self, limit_bytes: int, folder: str) -> None:
        self._limit = limit_bytes
        self._folder = folder
        self._terms: dict[TermKey, list[TermPosting]] = {}
        self._size = 0
        self._runs: list[str] = []

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting as Whoosh's ``PostingPool.add`` takes it: ``(field, term, docnum, weight, value)``."""
        fieldname, term, docnum, weight, value = item
        self.add_postings(fieldname, docnum, [(term, weight, value)])

    def add_postings(self, fieldname: str, docnum: int, rows: list[tuple[bytes, float, bytes | None]]) -> None:
        """A document's postings in one field: ``(term, weight, value)`` rows."""
        terms = self._terms
        size = 0
        for term, weight, value in rows:
            key = (fieldname, term)
            postings = terms.get(key)
            if postings is None:
                terms[key] = [(docnum, weight, value)]
                size += _TERM_BYTES + len(term)
            else:
                postings.append((docnum, weight, value))
            size += _POSTING_BYTES + (len(value) if value else 0)
        self._size += size
        if self._size > self._limit:
            self._spill()

    def terms(self) -> Iterator[TermPostings]:
        """Every term in ``(field, term)`` order with all its postings in document order; no
        more postings may be added once this is called."""
        in_memory = sorted(self._terms.items())
        self._terms = {}
        if not self._runs:
            yield from in_memory
            return
        runs = [_read_run(path) for path in self._runs]
        merged = heapq.merge(*runs, iter(in_memory), key=_term_key)
        for key, group in itertools.groupby(merged, key=_term_key):
            yield key, [posting for _, postings in group for posting in postings]

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """The pooled postings one by one, sorted, as Whoosh's pool gives them."""
        for (fieldname, term), postings in self.terms():
            for docnum, weight, value in postings:
                yield fieldname, term, docnum, weight, value

    def cleanup(self) -> None:
        """Remove the spilled runs."""
        for path in self._runs:
            os.remove(path)
        self._runs = []

    def _spill(self) -> None:
        path = os.path.join(self._folder, f"telusur-run-{os.getpid()}-{len(self._runs)}")
        items = sorted(self._terms.items())
        with open(path, "wb") as run:
            for start in range(0, len(items), _RUN_CHUNK):
                marshal.dump(items[start:start + _RUN_CHUNK], run)
        self._runs.append(path)
        self._terms = {}
        self._size = 0


def _term_key(item: TermPostings) -> TermKey:
    return item[0]


def _read_run(path: str) -> Iterator[TermPostings]:
    with open(path, "rb") as run:
        yield from _chunks(run)


def _chunks(run: IO[bytes]) -> Iterator[Any]:
    while True:
        try:
            chunk = marshal.load(run)
        except EOFError:
            return
        yield from chunk
