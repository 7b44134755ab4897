"""Words of a query found next to each other rank higher: ``harga beras`` as a phrase
beats ``harga`` in one paragraph and ``beras`` in another. And words found in an
article's lead rank higher: news says what it is about in its first sentences, and an
article that only mentions the query's words further down is seldom the one wanted.

Positions are expensive to read, so only the best BM25 hits are looked at, and only
the posting blocks that hold them are decoded (``skip_to``); the rest of the ranking
stays BM25's, so pages beyond the re-ranked head continue it unchanged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
from whoosh.searching import Searcher

from search.analysis.analyzer import QueryTerm
from search.config import TUNING
from search.query.match.postings import read_positions
from search.query.rank.bm25f import ScoringIndex

_FIELDS = ("title", "body")
_LEAD_FIELD = "body"


# Query words looked at: a long headline's worth (a lead-sentence headline of a seed has
# 16 words; with 8 the re-rank lost it, tests/test_query_relevance_smoke.py). Positions are
# decoded per word and hit, so a query of 32 distinct words (the query language's limit)
# must not cost twice that.
MAX_PROXIMITY_TERMS = 16

# (field, form, document) positions remembered per index view: a keystroke re-ranks at
# most 50 hits x 16 words x 3 forms x 2 fields, so this holds the last few dozen
# keystrokes' worth (about 10 MB).
REMEMBERED_POSITIONS = 50_000


def proximity_terms(terms: Sequence[QueryTerm]) -> list[QueryTerm]:
    """The query words the re-rank weighs: each once (by its index forms), the first ``MAX_PROXIMITY_TERMS``."""
    distinct = {frozenset(_forms(term)): term for term in reversed(terms)}
    kept = [term for term in terms if distinct.get(frozenset(_forms(term))) is term]
    return kept[:MAX_PROXIMITY_TERMS]


def proximity_rerank(searcher: Searcher, scoring: ScoringIndex, memory: RememberedPositions,
                     ranked: Sequence[tuple[int, float]], terms: Sequence[QueryTerm]) -> list[tuple[int, float]]:
    """``ranked`` with its head re-ordered by BM25 x (1 + weight x share of adjacent query
    word pairs that stand within ``TUNING.proximity_window`` positions, in order, in a field
    + lead weight x share of the query's words in the body's first ``TUNING.lead_positions``)."""
    terms = proximity_terms(terms)
    if not terms or not ranked or not (TUNING.lead_weight or len(terms) > 1):
        return list(ranked)
    head = list(ranked[:TUNING.proximity_candidates])
    docnums = sorted(docnum for docnum, _ in head)
    near = dict.fromkeys(docnums, 0)
    lead = dict.fromkeys(docnums, 0)
    for field in _FIELDS:
        positions = [_positions(searcher, scoring, memory, field, _forms(term), docnums) for term in terms]
        for docnum in docnums:
            pairs = sum(_adjacent(left.get(docnum, ()), right.get(docnum, ()))
                        for left, right in pairwise(positions))
            near[docnum] = max(near[docnum], pairs)
            if field == _LEAD_FIELD:
                lead[docnum] = sum(any(position < TUNING.lead_positions for position in found.get(docnum, ()))
                                   for found in positions)
    pairs_asked = max(1, len(terms) - 1)
    boosted = [(docnum, score * (1 + TUNING.proximity_weight * near[docnum] / pairs_asked
                                 + TUNING.lead_weight * lead[docnum] / len(terms))) for docnum, score in head]
    order = sorted(range(len(head)), key=lambda index: -boosted[index][1])
    return [head[index] for index in order] + list(ranked[TUNING.proximity_candidates:])


def _forms(term: QueryTerm) -> set[str]:
    return {term.stem, term.surface, term.exact}


def _adjacent(left: set[int] | tuple, right: set[int] | tuple) -> bool:
    return any(position + step in right for position in left for step in range(1, TUNING.proximity_window + 1))


class RememberedPositions:
    """Positions of a form in a document, as read for the re-rank, least recently used first
    out; owned by an index view and shared by its threads. Search as you type re-ranks
    nearly the same hits for nearly the same words at every keystroke, and reading
    positions was then the largest part of a keystroke (bench/keystrokes.py)."""

    def __init__(self, capacity: int = REMEMBERED_POSITIONS) -> None:
        self.capacity = capacity
        self._remembered: OrderedDict[tuple[str, str, int], tuple[int, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, field: str, form: str, docnums: Iterable[int]) -> dict[int, tuple[int, ...]]:
        found = {}
        with self._lock:
            for docnum in docnums:
                positions = self._remembered.get((field, form, docnum))
                if positions is not None:
                    self._remembered.move_to_end((field, form, docnum))
                    found[docnum] = positions
        return found

    def forget(self) -> None:
        """Drop everything remembered (benchmarks that time the whole cost of a search)."""
        with self._lock:
            self._remembered.clear()

    def remember(self, field: str, form: str, read: dict[int, tuple[int, ...]]) -> None:
        with self._lock:
            for docnum, positions in read.items():
                self._remembered[(field, form, docnum)] = positions
            while len(self._remembered) > self.capacity:
                self._remembered.popitem(last=False)


def _positions(searcher: Searcher, scoring: ScoringIndex, memory: RememberedPositions, field: str,
               forms: set[str], docnums: list[int]) -> dict[int, set[int]]:
    """Positions of any of ``forms`` in each of ``docnums`` (ascending, global numbers).

    The decoded postings (remembered by ``scoring``) say which of the documents hold a
    form at all, so positions are looked up only where they are: stepping a matcher
    through blocks to a document the term is not in costs as much as a hit."""
    found: dict[int, set[int]] = {}
    wanted = np.asarray(docnums, dtype=np.int64)
    for form in forms:
        holding = [int(docnum) for docnum in wanted[np.isin(wanted, scoring.postings(field, form)[0])]]
        known = memory.known(field, form, holding)
        read = _read_positions(searcher, field, form, [docnum for docnum in holding if docnum not in known])
        memory.remember(field, form, read)
        for docnum, positions in (*known.items(), *read.items()):
            found.setdefault(docnum, set()).update(positions)
    return found


def _read_positions(searcher: Searcher, field: str, form: str, docnums: list[int]) -> dict[int, tuple[int, ...]]:
    """The form's positions in each of ``docnums`` (ascending, global numbers) that holds it."""
    read: dict[int, tuple[int, ...]] = {}
    if not docnums:
        return read
    wanted = np.asarray(docnums, dtype=np.int64)
    for segment, offset in searcher.reader().leaf_readers():
        low, high = np.searchsorted(wanted, (offset, offset + segment.doc_count_all()))
        for docnum, positions in read_positions(segment, field, form, wanted[low:high] - offset).as_dict().items():
            read[docnum + offset] = tuple(positions)
    return read
