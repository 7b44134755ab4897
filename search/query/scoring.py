"""BM25F for plain queries, vectorised: the same scores as Whoosh, a hundred times faster.

A plain query (words and questions, the common case) is a union of term clauses.
Whoosh scores a union one document at a time in Python: hundreds of milliseconds when
a common word matches most of the index. Here each term's postings are read block by
block into numpy arrays and every document's score is summed at once, with Whoosh's
own formula, idf and length encoding, so rankings are identical. Anything else
(phrases, required or excluded parts) is left to Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from whoosh.query import ConstantScoreQuery, Not, Or, Query, SpanOr, Term
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search.config import BM25_B, BM25_K1
from search.query.postings import read_postings

_BYTE_LENGTHS = np.array([byte_to_length(code) for code in range(256)], dtype=np.float32)


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


class FieldLengths:
    """Every document's length per text field, decoded once per searcher."""

    def __init__(self, searcher: Searcher, fields: tuple[str, ...]) -> None:
        reader = searcher.reader()
        self.doc_count = reader.doc_count_all()
        self.lengths = {field: self._read(searcher, field) for field in fields}
        self.averages = {field: searcher.avg_field_length(field) or 1.0 for field in fields}

    def _read(self, searcher: Searcher, field: str) -> np.ndarray:
        lengths = np.zeros(self.doc_count, dtype=np.float32)
        for segment, offset in searcher.reader().leaf_readers():
            count = segment.doc_count_all()
            lengths[offset:offset + count] = [segment.doc_field_length(docnum, field, 0) or 0
                                              for docnum in range(count)]
        return lengths


def union_scores(searcher: Searcher, lengths: FieldLengths, clauses: UnionClauses) -> np.ndarray:
    """Each document's summed BM25F score over the union's terms (0: no term matched)."""
    scores = np.zeros(lengths.doc_count, dtype=np.float64)
    for field, text, boost in clauses.terms:
        idf = searcher.idf(field, text)
        norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths.lengths[field] / lengths.averages[field])
        for docs, weights in _postings(searcher, field, text):
            scores[docs] += boost * idf * (weights * (BM25_K1 + 1)) / (weights + norm[docs])
    for field, text, score in clauses.constants:
        for docs, _ in _postings(searcher, field, text):
            scores[docs] += score
    return scores


def _postings(searcher: Searcher, field: str, text: str) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(global docnums, weights) of a term, one pair per segment that has it."""
    for segment, offset in searcher.reader().leaf_readers():
        found = read_postings(segment, field, text)
        if found is not None:
            yield found.ids + offset, found.weights
