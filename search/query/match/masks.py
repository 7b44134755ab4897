"""Which documents a Whoosh query matches, as a numpy mask, without scoring anything.

Facets need the whole match set, not the best ten. Walking Whoosh's matchers costs a
Python step per document, so the boolean structure of a query (Or, And, AndNot, Not)
is combined with numpy instead, and a term's documents are read straight from its
postings in each segment: about twice as fast as a union matcher, and exact where
Whoosh is not (across segments its AndNot can let through a document that the
negative part matches). Phrases and proximity groups are matched from positions
(``phrases``, ``near``); anything else (other spans, ranges) is left to Whoosh's own matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from whoosh.query import And, AndNot, DisjunctionMax, Every, Not, NullQuery, Or, Phrase, Query, SpanNear2, Term
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.searching import Searcher

from search.config import MEMORY
from search.query.match.blocks import read_postings
from search.query.match.memory import BoundedMemory
from search.query.match.near import near_documents, near_parts
from search.query.match.phrases import PhraseReads, phrase_documents, phrase_parts
from search.query.match.postings import TermMemory

# Exact types: subclasses such as ``Ordered`` (an And) add conditions numpy cannot see.
_UNIONS = (Or, DisjunctionMax)
_MATCH_ALL_FIELDS = (None, "", "*")

# Query types whose equality compares everything that decides what they match: only
# queries built from these are remembered (``Sequence``, for one, ignores its slop).
_KEYABLE = frozenset({Term, *_UNIONS, And, AndNot, Not, Every, type(NullQuery), Phrase, SpanNear2, ConstantScoreQuery})

# Remembered query masks, however large the index (``MEMORY.query_mask_bytes`` sets the rest).
MIN_CACHED_QUERIES = 4


def query_documents(searcher: Searcher, query: Query, live: np.ndarray,
                    memory: TermMemory | None = None) -> np.ndarray:
    """Mask of the live documents ``query`` matches; ``memory``, when given, reads terms.

    A query of many common words (``a AND b AND ...``, ``a -b -c ...``) spent most of its
    time reading postings the scorer had just decoded (170 ms for 32 words at 22k)."""
    return _matches(_Matching(searcher, len(live), memory), query) & live


@dataclass
class _Matching:
    """What matching one query needs, and what its phrases share (``PhraseReads``)."""

    searcher: Searcher
    doc_count: int
    memory: TermMemory | None
    phrase_reads: PhraseReads = field(init=False)

    def __post_init__(self) -> None:
        self.phrase_reads = PhraseReads(self.memory)


def _matches(matching: _Matching, query: Query) -> np.ndarray:
    """Matches of ``query``, deleted documents possibly included (a negation reaches them)."""
    searcher, doc_count, memory = matching.searcher, matching.doc_count, matching.memory
    kind = type(query)
    if kind is Term:
        if memory is None:
            return _term_documents(searcher, query, doc_count)
        docs = np.zeros(doc_count, dtype=bool)
        docs[memory.postings(query.fieldname, query.text)[0]] = True
        return docs
    if kind in _UNIONS or kind is And:
        parts = [_matches(matching, child) for child in query.subqueries]
        if not parts:
            return np.zeros(doc_count, dtype=bool)
        return (np.logical_or if kind in _UNIONS else np.logical_and).reduce(parts)
    if kind is ConstantScoreQuery:
        # An entity named in the query (``compile``): the documents of its child. Whoosh's
        # matcher walked them one by one, 3 ms for ``countries:Indonesia`` at 22k.
        return _matches(matching, query.child)
    if kind is AndNot:
        return _matches(matching, query.a) & ~_matches(matching, query.b)
    if kind is Not:
        return ~_matches(matching, query.query)
    if kind is Every and query.fieldname in _MATCH_ALL_FIELDS:
        return np.ones(doc_count, dtype=bool)
    if query is NullQuery:
        return np.zeros(doc_count, dtype=bool)
    near = near_parts(query)
    if near is not None:
        return near_documents(searcher, *near, doc_count, matching.phrase_reads)
    phrase = phrase_parts(query)
    if phrase is not None:
        return phrase_documents(searcher, *phrase, doc_count, matching.phrase_reads)
    return _matcher_documents(searcher, query, doc_count)


def _term_documents(searcher: Searcher, term: Term, doc_count: int) -> np.ndarray:
    docs = np.zeros(doc_count, dtype=bool)
    for segment, offset in searcher.reader().leaf_readers():
        postings = read_postings(segment, term.fieldname, term.text)
        if postings is not None:
            docs[offset + postings.ids] = True
    return docs


def _matcher_documents(searcher: Searcher, query: Query, doc_count: int) -> np.ndarray:
    docs = np.zeros(doc_count, dtype=bool)
    docs[np.fromiter(searcher.docs_for_query(query), dtype=np.int64)] = True
    return docs


class QueryMaskCache:
    """The masks of recent queries: refining a search by facets, or paging it, asks the same
    query again with other filters, and its mask is the costliest part to recompute."""

    def __init__(self, doc_count: int) -> None:
        self.memory: BoundedMemory[np.ndarray] = BoundedMemory(
            max(MIN_CACHED_QUERIES, MEMORY.query_mask_bytes // max(doc_count, 1)))

    def get(self, query: Query, compute: Callable[[], np.ndarray]) -> np.ndarray:
        """The remembered mask of ``query``, or ``compute()`` remembered read-only."""
        if not _keyable(query):
            return compute()
        return self.memory.get(query, lambda: _read_only(compute()))

    def clear(self) -> None:
        self.memory.forget()


def _read_only(mask: np.ndarray) -> np.ndarray:
    mask.flags.writeable = False
    return mask


def _keyable(query: Query) -> bool:
    return type(query) in _KEYABLE and all(_keyable(child) for child in query.children())
