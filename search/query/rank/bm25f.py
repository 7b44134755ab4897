"""BM25F for plain queries, vectorised: the same scores as Whoosh, a hundred times faster.

A plain query (words and questions, the common case) is a union of term clauses.
Whoosh scores a union one document at a time in Python: hundreds of milliseconds when
a common word matches most of the index. Here each term's postings are read block by
block into numpy arrays and every document's score is summed at once, with Whoosh's
own formula, idf and length encoding, so rankings are identical. Anything else
(phrases, required or excluded parts) is left to Whoosh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from whoosh import formats
from whoosh.query import ConstantScoreQuery, Not, Or, Query, SpanOr, Term
from whoosh.searching import Searcher

from search.config import MEMORY, TUNING
from search.index.arrays import field_lengths
from search.query.match.blocks import read_postings
from search.query.match.kept_positions import KeptPositions, cut_together
from search.query.match.memory import BoundedMemory


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
    out, within ``MEMORY.postings_bytes``.

    A block holds a term's documents, weights and positions in one pickle, so a term of a
    field with positions keeps its compressed blocks when its postings are read, and its
    positions are decoded from there a block at a time, as documents are asked for, and
    kept (``KeptPositions``, within ``MEMORY.positions_bytes``): a second pass over
    every block of thirty common words was half of a hostile query's first run
    (``bench/hostile_queries.py``), and the phrase mask's reads most of a phrase's.
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
        self.kept_positions: BoundedMemory[KeptPositions] = BoundedMemory(
            MEMORY.positions_bytes, lambda stored: stored.nbytes + _ENTRY_BYTES)
        self.positional = frozenset(field for field in searcher.schema.names()
                                    if type(searcher.schema[field].format) is formats.Positions)
        # Passes over a term's posting blocks (tests count the work of a query with it).
        self.block_passes = 0

    def forget(self) -> None:
        """Drop every decoded term (benchmarks that time a query's first run: its cold cost)."""
        self.decoded.forget()
        self.kept_positions.forget()

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
        documents, weights, kept = self._read_kept(field, text)
        if keep_positions and kept is not None:
            self.kept_positions.put((field, text), kept)
        return documents, weights

    def positions_in(self, field: str, text: str, documents: np.ndarray) -> np.ndarray:
        """The term's occurrences in ``documents`` (global numbers, ascending) as sorted keys,
        from the blocks its postings read kept, each block decoded once (a phrase's
        candidates, the re-rank's fifty hits touch a few of a common word's blocks)."""
        kept = self._kept(field, text)
        before = kept.nbytes
        keys = kept.keys_in(documents)
        if kept.nbytes != before:
            self.kept_positions.resize((field, text))
        return keys

    def positions_in_each(self, field: str, texts: Sequence[str], documents: np.ndarray) -> list[np.ndarray]:
        """``positions_in`` of each of ``texts``, the blocks they all need cut together
        (``cut_together``: the re-rank asks a query's words for the same hits)."""
        kept = [self._kept(field, text) for text in texts]
        before = [found.nbytes for found in kept]
        cut_together(kept, documents)
        keys = [found.keys_in(documents) for found in kept]
        for text, found, size in zip(texts, kept, before, strict=True):
            if found.nbytes != size:
                self.kept_positions.resize((field, text))
        return keys

    def positions(self, field: str, text: str) -> np.ndarray:
        """Every occurrence of a term as sorted ``document << POSITION_BITS | position`` keys
        (global document numbers, deleted ones included)."""
        kept = self._kept(field, text)
        keys = kept.all_keys()
        self.kept_positions.resize((field, text))
        return keys

    def _kept(self, field: str, text: str) -> KeptPositions:
        """The term's kept positions: remembered, or kept by reading its postings now, or, when
        only its postings are remembered (or it was read for counting), read with its blocks again."""
        key = (field, text)
        kept = self.kept_positions.peek(key)
        if kept is None and key not in self.decoded:
            self.postings(field, text)
            kept = self.kept_positions.peek(key)
        if kept is None:
            if field not in self.positional:
                raise TypeError(f"field {field!r} stores {type(self.searcher.schema[field].format).__name__}, "
                                "not positions")
            kept = self._read_kept(field, text)[2]
            assert kept is not None  # a positional field's
            self.kept_positions.put(key, kept)
        return kept

    def _read_kept(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray, KeptPositions | None]:
        """One pass over the term's blocks in every segment: its documents, weights and, in a
        field with positions, its kept positions."""
        self.block_passes += 1
        ids, weights, stored = [], [], []
        for segment, offset in self.searcher.reader().leaf_readers():
            found = read_postings(segment, field, text)
            if found is not None:
                ids.append(found.ids + offset)
                weights.append(found.weights)
                stored.append(found.values)
        # Half the memory of numpy's defaults, and exact: document numbers stay below 2**31 and
        # weights are term frequencies (every token's boost is 1), integers far below 2**24.
        documents = np.concatenate(ids).astype(np.int32) if ids else np.empty(0, dtype=np.int32)
        found_weights = np.concatenate(weights).astype(np.float32) if ids else np.empty(0, dtype=np.float32)
        if field not in self.positional:
            return documents, found_weights, None
        return documents, found_weights, KeptPositions(documents, stored, self.searcher.schema[field].format.decode_positions)


# What a remembered term costs besides its arrays (key, tuple, array headers), so that
# terms with no postings still count against the memory bound.
_ENTRY_BYTES = 400
