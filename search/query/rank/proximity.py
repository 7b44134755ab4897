"""Words of a query found next to each other rank higher: ``harga beras`` as a phrase
beats ``harga`` in one paragraph and ``beras`` in another. And words found in an
article's lead rank higher: news says what it is about in its first sentences, and an
article that only mentions the query's words further down is seldom the one wanted.

Positions are expensive to read, so only the best BM25 hits are looked at, and only
the posting blocks that hold them are decoded (``skip_to``); the rest of the ranking
stays BM25's, so pages beyond the re-ranked head continue it unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from search.analysis.analyzer import QueryTerm
from search.config import TUNING
from search.query.match.postings import POSITION_BITS, sorted_union
from search.query.rank.bm25f import ScoringIndex

_FIELDS = ("title", "body")
_LEAD_FIELD = "body"


# Query words looked at: a long headline's worth (a lead-sentence headline of a seed has
# 16 words; with 8 the re-rank lost it, tests/test_query_relevance_smoke.py). Positions are
# decoded per word and hit, so a query of 32 distinct words (the query language's limit)
# must not cost twice that.
MAX_PROXIMITY_TERMS = 16

_POSITION_MASK = (1 << POSITION_BITS) - 1


def proximity_terms(terms: Sequence[QueryTerm]) -> list[QueryTerm]:
    """The query words the re-rank weighs: each once (by its index forms), the first ``MAX_PROXIMITY_TERMS``."""
    distinct = {frozenset(_forms(term)): term for term in reversed(terms)}
    kept = [term for term in terms if distinct.get(frozenset(_forms(term))) is term]
    return kept[:MAX_PROXIMITY_TERMS]


def proximity_rerank(scoring: ScoringIndex, ranked: Sequence[tuple[int, float]],
                     terms: Sequence[QueryTerm]) -> list[tuple[int, float]]:
    """``ranked`` with its head re-ordered by BM25 x (1 + weight x share of adjacent query
    word pairs that stand within ``TUNING.proximity_window`` positions, in order, in a field
    + lead weight x share of the query's words in the body's first ``TUNING.lead_positions``)."""
    terms = proximity_terms(terms)
    if not terms or not ranked or not (TUNING.lead_weight or len(terms) > 1):
        return list(ranked)
    head = list(ranked[:TUNING.proximity_candidates])
    docnums = np.asarray(sorted(docnum for docnum, _ in head), dtype=np.int64)
    near = np.zeros(len(docnums), dtype=np.int64)
    lead = np.zeros(len(docnums), dtype=np.int64)
    forms = [sorted(_forms(term)) for term in terms]
    for field in _FIELDS:
        found = iter(scoring.positions_in_each(field, [form for group in forms for form in group], docnums))
        keys = [sorted_union([next(found) for _ in group]) for group in forms]
        pairs = sum((_near_documents(left, right, docnums) for left, right in pairwise(keys)),
                    np.zeros(len(docnums), dtype=np.int64))
        near = np.maximum(near, pairs)
        if field == _LEAD_FIELD:
            lead = sum((_documents_of(found[(found & _POSITION_MASK) < TUNING.lead_positions], docnums)
                        for found in keys), np.zeros(len(docnums), dtype=np.int64))
    row = {docnum: index for index, docnum in enumerate(docnums.tolist())}
    pairs_asked = max(1, len(terms) - 1)
    boosted = [(docnum, score * (1 + TUNING.proximity_weight * int(near[row[docnum]]) / pairs_asked
                                 + TUNING.lead_weight * int(lead[row[docnum]]) / len(terms))) for docnum, score in head]
    order = sorted(range(len(head)), key=lambda index: -boosted[index][1])
    return [head[index] for index in order] + list(ranked[TUNING.proximity_candidates:])


def _forms(term: QueryTerm) -> set[str]:
    """The index terms that stand where the word was written: its stem, and its surface
    where it was left unstemmed (a name). Its exact form is indexed only beside its stem,
    at the same position, so reading it would add no position and cost a third more."""
    return {term.stem, term.surface}


def _near_documents(left: np.ndarray, right: np.ndarray, docnums: np.ndarray) -> np.ndarray:
    """1 for each of ``docnums`` where some occurrence in ``right`` stands 1 to
    ``TUNING.proximity_window`` positions after one in ``left`` (sorted keys), else 0: the
    next key of ``right`` after each of ``left`` is the nearest one that follows it."""
    if not len(left) or not len(right):
        return np.zeros(len(docnums), dtype=np.int64)
    following = np.searchsorted(right, left, side="right")
    inside = following < len(right)
    starts = left[inside]
    close = right[following[inside]] - starts <= TUNING.proximity_window
    return _documents_of(starts[close], docnums)


def _documents_of(keys: np.ndarray, docnums: np.ndarray) -> np.ndarray:
    """1 for each of ``docnums`` (ascending) that one of ``keys`` belongs to, else 0."""
    return np.isin(docnums, keys >> POSITION_BITS).astype(np.int64)
