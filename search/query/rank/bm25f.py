"""BM25F for plain queries, vectorised: the same scores as Whoosh, a hundred times faster.

A plain query (words and questions, the common case) is a union of term clauses.
Whoosh scores a union one document at a time in Python: hundreds of milliseconds when
a common word matches most of the index. Here each term's postings are read block by
block into numpy arrays and every document's score is summed at once, with Whoosh's
own formula, idf and length encoding, so rankings are identical. Anything else
(phrases, required or excluded parts) is left to Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from whoosh import formats
from whoosh.query import ConstantScoreQuery, Not, Or, Query, SpanOr, Term
from whoosh.searching import Searcher

from search.config import MEMORY, TUNING
from search.index.arrays import field_lengths
from search.query.match.blocks import BlockValues, StoredValues, read_postings
from search.query.match.memory import BoundedMemory
from search.query.match.postings import (
    POSITION_BITS,
    decode_stored_positions,
    keys_of_documents,
    read_positions,
)


@dataclass(frozen=True)
class UnionClauses:
    """A union query flattened: scored terms (field, text, boost) and constant-score terms."""

    terms: tuple[tuple[str, str, float], ...]
    constants: tuple[tuple[str, str, float], ...]


def union_clauses(query: Query) -> UnionClauses | None:
    """The query as a flat union, or None when it is anything else: then its matches
    must come from elsewhere, though its terms still score them (``positive_clauses``)."""
    return _clauses(query, strict=True)


def positive_clauses(query: Query) -> UnionClauses:
    """Every term the query looks for, excluded ones left out, phrase words included."""
    return _clauses(query, strict=False) or UnionClauses((), ())


def _clauses(query: Query, strict: bool) -> UnionClauses | None:
    terms: list[tuple[str, str, float]] = []
    constants: list[tuple[str, str, float]] = []
    pending = [(query, 1.0)]
    while pending:
        part, boost = pending.pop()
        kind = type(part)
        if kind is Term:
            terms.append((part.fieldname, part.text, boost * part.boost))
        elif kind is Or:
            pending.extend((child, boost * part.boost) for child in part.subqueries)
        elif kind is ConstantScoreQuery and type(part.child) is Term:
            constants.append((part.child.fieldname, part.child.text, boost * part.score))
        elif strict:
            return None
        elif isinstance(part, SpanOr):
            pending.extend((child, boost) for child in part.subqs)
        elif kind is not Not:
            pending.extend((child, boost) for child in part.children())
    return UnionClauses(tuple(terms), tuple(constants))


class ScoringIndex:
    """What BM25F needs per searcher: length norms, and bounded memories of decoded postings
    and positions.

    Decoding a common word's postings (Whoosh pickles and compresses every block) is
    most of a search's cost, the common words are the ones every question repeats
    (``terjadi``, ``pemerintah``), and search as you type asks for the same rare words
    at every keystroke, so every term read is kept decoded, least recently used first
    out, within ``MEMORY.postings_bytes``. Positions (for phrases and the proximity
    re-rank) likewise, within ``MEMORY.positions_bytes``: a hostile query of common words
    otherwise unpickles hundreds of their posting blocks to reach fifty hits.

    A block holds a term's documents, weights and positions in one pickle, so a term of a
    field with positions keeps its encoded positions when its postings are read (within
    ``MEMORY.stored_positions_bytes``), and they are decoded from there when first asked for: a
    second pass over every block of thirty common words was half of a hostile query's
    first run (``bench/hostile_queries.py``), and the phrase mask's reads most of a phrase's.
    """

    def __init__(self, searcher: Searcher, fields: tuple[str, ...],
                 lengths: Mapping[str, np.ndarray] | None = None) -> None:
        """``lengths``: each field's length per document (the generation's saved arrays);
        read from the index when not given."""
        self.searcher = searcher
        self.doc_count = searcher.reader().doc_count_all()
        self.norms = {field: self._norms(field, lengths[field] if lengths else field_lengths(searcher.reader(), field))
                      for field in fields}
        self.decoded: BoundedMemory[tuple[np.ndarray, np.ndarray]] = BoundedMemory(
            MEMORY.postings_bytes, lambda found: found[0].nbytes + found[1].nbytes + _ENTRY_BYTES)
        self.decoded_positions: BoundedMemory[np.ndarray] = BoundedMemory(
            MEMORY.positions_bytes, lambda keys: keys.nbytes + _ENTRY_BYTES)
        self.stored_positions: BoundedMemory[_StoredPositions] = BoundedMemory(
            MEMORY.stored_positions_bytes, lambda stored: stored.nbytes + _ENTRY_BYTES)
        self.positional = frozenset(field for field in searcher.schema.names()
                                    if type(searcher.schema[field].format) is formats.Positions)
        # Passes over a term's posting blocks (tests count the work of a query with it).
        self.block_passes = 0

    def _norms(self, field: str, lengths: np.ndarray) -> np.ndarray:
        """BM25's length normalisation, ``K1 * (1 - B + B * length / average)``, per document."""
        average = self.searcher.avg_field_length(field) or 1.0
        return TUNING.bm25_k1 * ((1 - TUNING.bm25_b) + TUNING.bm25_b * np.asarray(lengths, dtype=np.float64) / average)

    def scores(self, clauses: UnionClauses) -> np.ndarray:
        """Each document's summed BM25F score over the clauses' terms (0: no term matched)."""
        scores = np.zeros(self.doc_count, dtype=np.float64)
        for field, text, boost in clauses.terms:
            docs, weights = self.postings(field, text)
            if len(docs):
                idf = self.searcher.idf(field, text)
                scores[docs] += boost * idf * (weights * (TUNING.bm25_k1 + 1)) / (weights + self.norms[field][docs])
        for field, text, score in clauses.constants:
            docs, _ = self.postings(field, text)
            scores[docs] += score
        return scores

    def postings(self, field: str, text: str, *, keep_positions: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers (ascending, deleted ones included; 32-bit) and weights
        (32-bit floats) of a term;
        ``keep_positions=False`` for a caller that only counts documents (the completions of a
        word being typed: sixteen words weighed, whose positions nothing asks for)."""
        return self.decoded.get((field, text), lambda: self._read_postings(field, text, keep_positions))

    def _read_postings(self, field: str, text: str, keep_positions: bool = True) -> tuple[np.ndarray, np.ndarray]:
        self.block_passes += 1
        ids, weights, stored = [], [], []
        for segment, offset in self.searcher.reader().leaf_readers():
            found = read_postings(segment, field, text)
            if found is not None:
                ids.append(found.ids + offset)
                weights.append(found.weights)
                stored.append(found.values)
        if not ids:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        # Half the memory of numpy's defaults, and exact: document numbers stay below 2**31 and
        # weights are term frequencies (every token's boost is 1), integers far below 2**24.
        documents = np.concatenate(ids).astype(np.int32)
        if keep_positions and field in self.positional and (field, text) not in self.decoded_positions:
            self.stored_positions.put((field, text), _StoredPositions(documents, stored))
        return documents, np.concatenate(weights).astype(np.float32)

    def positions_in(self, field: str, text: str, documents: np.ndarray) -> np.ndarray:
        """The term's occurrences in ``documents`` (global numbers, ascending) as sorted keys:
        decoded from what its postings read kept, only for those documents (a phrase's
        candidates, the re-rank's fifty hits), or from all its positions once decoded."""
        key = (field, text)
        decoded = self.decoded_positions.peek(key)
        if decoded is None:
            kept = self.stored_positions.peek(key)
            if kept is None and key not in self.decoded:
                self.postings(field, text)
                kept = self.stored_positions.peek(key)
            if kept is not None:
                return kept.keys_in(documents, self.searcher.schema[field].format.decode_positions)
            decoded = self.positions(field, text)
        return keys_of_documents(decoded, documents)

    def positions(self, field: str, text: str) -> np.ndarray:
        """Every occurrence of a term as sorted ``document << POSITION_BITS | position`` keys
        (global document numbers, deleted ones included)."""
        return self.decoded_positions.get((field, text), lambda: self._positions(field, text))

    def _positions(self, field: str, text: str) -> np.ndarray:
        """Decoded from what was kept with the postings (read now when they are not
        remembered), or read again when only the postings are still remembered."""
        kept = self.stored_positions.take((field, text))
        if kept is None and (field, text) not in self.decoded:
            self.postings(field, text)
            kept = self.stored_positions.take((field, text))
        if kept is None:
            return self._read_positions(field, text) if len(self.postings(field, text)[0]) else _NO_KEYS
        counts, flat = decode_stored_positions(kept.values(), self.searcher.schema[field].format.decode_positions)
        return (np.repeat(kept.documents.astype(np.int64), counts) << POSITION_BITS) | flat

    def _read_positions(self, field: str, text: str) -> np.ndarray:
        documents = self.postings(field, text)[0]
        self.block_passes += 1
        keys = []
        for segment, offset in self.searcher.reader().leaf_readers():
            low, high = np.searchsorted(documents, (offset, offset + segment.doc_count_all()))
            found = read_positions(segment, field, text, documents[low:high] - offset)
            keys.append(((found.of_documents() + offset) << POSITION_BITS) | found.flat)
        return np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)


# What a remembered term costs besides its arrays (key, tuple, array headers), so that
# terms with no postings still count against the memory bound.
_ENTRY_BYTES = 400
_NO_KEYS = np.empty(0, dtype=np.int64)
class _StoredPositions:
    """A term's positions as its posting blocks hold them: global documents and each
    segment's blocks, whose values are unpickled only where documents are asked for
    (reading a term whose positions nothing asks for then costs its bytes, about 18 a
    posting at 22k, and nothing more)."""

    def __init__(self, documents: np.ndarray, blocks: list[BlockValues]) -> None:
        self.documents = documents
        self._blocks = blocks
        self._firsts = np.cumsum([0] + [found.ends[-1] for found in blocks])

    @property
    def nbytes(self) -> int:
        return self.documents.nbytes + sum(found.nbytes for found in self._blocks)

    def values(self, chosen: np.ndarray | None = None) -> StoredValues:
        """The encoded values of the postings numbered in ``chosen`` (ascending), or of all."""
        if chosen is None:
            return StoredValues.joining([found.read() for found in self._blocks])
        segments = np.searchsorted(self._firsts, chosen, side="right") - 1
        return StoredValues.joining([found.read(chosen[segments == index] - self._firsts[index])
                                     for index, found in enumerate(self._blocks) if (segments == index).any()])

    def keys_in(self, documents: np.ndarray, decode_one: Callable[[bytes], list[int]]) -> np.ndarray:
        """Sorted keys of the occurrences in those of ``documents`` (ascending) that hold the term."""
        if not len(self.documents) or not len(documents):
            return _NO_KEYS
        where = np.minimum(np.searchsorted(self.documents, documents), len(self.documents) - 1)
        chosen = where[self.documents[where] == documents]
        if not len(chosen):
            return _NO_KEYS
        counts, flat = decode_stored_positions(self.values(chosen), decode_one)
        return (np.repeat(self.documents[chosen].astype(np.int64), counts) << POSITION_BITS) | flat
