"""The answer-type re-rank inside a paged search: what the engine calls after BM25.

Only the first ``CANDIDATES`` hits are reordered and everything after them keeps its BM25
place, so the ranking is one fixed list whichever page is asked for: page 2 continues
page 1, and pages past the candidates are exactly BM25's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from functools import partial

from whoosh.searching import Searcher

from search.analysis.analyzer import QueryTerm
from search.facet_table import COUNTRIES, PEOPLE
from search.index.documents import read_article
from search.index.schema import BODY
from search.query.parse.syntax import Node, leaves
from search.query.rank.answer_type import CANDIDATES, Candidate, question_class, rerank
from search.query.rank.answer_windows import WINDOW_CHARS
from search.query.request import SearchRequest

log = logging.getLogger(__name__)


def rerank_page(searcher: Searcher, ranked: Sequence[tuple[int, float]], request: SearchRequest,
                wanted: str, terms: Sequence[QueryTerm], radius: int | None = WINDOW_CHARS) -> list[tuple[int, float]]:
    """The (docnum, BM25 score) hits of ``request``'s page.

    ``ranked`` is the relevance order from BM25, at least ``CANDIDATES`` long when that many
    match (or up to the end of the page, if later). Scores stay BM25's: only the order changes.
    ``wanted`` is the query's :func:`asked_words` and ``terms`` their analysis, computed once
    by the caller. ``radius`` is the analysis window (None: whole bodies), a knob for measuring it.
    """
    page = slice(request.offset, request.offset + request.per_page)
    question = question_class(wanted)
    if question is None or request.sort != "relevance" or request.offset >= CANDIDATES:
        return list(ranked[page])
    started = time.perf_counter()
    head = load_candidates(searcher, ranked[:CANDIDATES])
    reordered = rerank(head, question=question, terms=terms,
                       analyzer=searcher.schema[BODY].analyzer, idf=partial(searcher.idf, BODY), radius=radius)
    log.debug("answer re-rank (%s) of %d hits took %.1f ms", question.name, len(head),
              (time.perf_counter() - started) * 1000)
    return [*((hit.docnum, hit.score) for hit in reordered), *ranked[CANDIDATES:]][page]


def asked_words(node: Node | None) -> str:
    """The words a parsed query asks for, operators and excluded words left out, in query order."""
    return " ".join(leaf.text for leaf, negated in leaves(node) if not negated) if node else ""


def load_candidates(searcher: Searcher, ranked: Sequence[tuple[int, float]]) -> list[Candidate]:
    """Each hit with its stored body and entity values."""
    candidates = []
    for docnum, score in ranked:
        article = read_article(searcher, docnum)
        candidates.append(Candidate(docnum, score, article.body,
                                    tuple(article.entities[PEOPLE]), tuple(article.entities[COUNTRIES])))
    return candidates

