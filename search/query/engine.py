"""The one entry point that answers a search, shared by the CLI and the web app.

Query text is parsed and compiled to a Whoosh query; the facet index turns it and
the selected filters into a document mask plus disjunctive facet counts; hits are
ranked inside that mask (BM25F, or by date) and only the page shown is highlighted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

from search.analysis.analyzer import query_terms
from search.config import FEW_HITS_FOR_SUGGESTION, TUNING
from search.index.documents import StoredArticle, read_article
from search.query.expand.widened import widened_query
from search.query.facets.counting import count_facets
from search.query.facets.stories import Folded
from search.query.facets.timeline import count_timeline
from search.query.live import IndexView
from search.query.parse.compile import CompiledQuery, compile_query
from search.query.parse.syntax import parse
from search.query.present.highlight import Analysis, highlight_all
from search.query.present.snippets import make_snippet
from search.query.rank.answer_page import CANDIDATES, asked_words, rerank_page
from search.query.rank.bm25f import positive_clauses, union_clauses
from search.query.rank.proximity import proximity_rerank
from search.query.request import SearchRequest
from search.query.result import Hit, SearchResult, SimilarArticle
from search.query.suggest.spelling import respell

# Sort key that puts undated articles after every dated one when browsing oldest first.
_UNDATED_LAST = np.iinfo(np.int64).max
# Articles read and highlighted per step of an export: the order of all matches is one
# integer array, and only this many stored articles are held at a time.
EXPORT_PAGE = 200
# Copies of a story listed under its first article; "+N berita serupa" still counts them all. A
# wire story of CLICK-ID has at most a handful of copies, and each one listed is a stored article read.
MAX_SIMILAR_SHOWN = 20


def search(view: IndexView, request: SearchRequest) -> SearchResult:
    """Ranked, highlighted hits and facet counts for ``request`` (``as_json()`` gives the
    shape shared by ``/api/search`` and ``telusur search --json``)."""
    started = time.perf_counter()
    searcher = view.searcher
    asked = widened_query(view, request.query, request.prefix)
    node, compiled = asked.node, asked.compiled
    scores, searched = _score(view, compiled)
    mask, facets = count_facets(view.facets, searcher, compiled.query, request, searched)
    total = int(np.count_nonzero(mask))
    by_score = scores is not None and bool(compiled.positive_terms) and request.sort == "relevance"
    rank = scores if scores is not None and by_score else _date_rank(view.facets.dates, request.sort)
    folded = view.stories.fold(mask, rank)
    listed = folded.kept if request.group else mask
    if by_score and scores is not None:
        ranked = _by_score(scores, listed,
                           max(request.offset + request.per_page, CANDIDATES, TUNING.proximity_candidates))
        wanted = asked_words(node)
        terms = query_terms(wanted, view.stemmer)
        ranked = proximity_rerank(view.scoring, ranked, terms)
        page = rerank_page(searcher, ranked, request, wanted, terms)
    else:
        page = _by_date(view.facets.dates, listed, request)
    hits = [_hit(read_article(searcher, docnum), score, view.analysed, compiled,
                 _similar(view, folded, docnum) if request.group else (0, ())) for docnum, score in page]
    return SearchResult(
        query=request.query,
        total=total,
        stories=folded.stories,
        grouped=request.group,
        page=request.page,
        per_page=request.per_page,
        sort=request.sort,
        hits=hits,
        facets=facets,
        timeline=count_timeline(view.facets.dates, mask, request.date_from, request.date_to),
        did_you_mean=_did_you_mean(view, request, total, asked.corrected),
        dropped=asked.dropped,
        took_ms=round((time.perf_counter() - started) * 1000, 2),
    )


def export_hits(view: IndexView, request: SearchRequest, limit: int | None = None) -> Iterator[list[Hit]]:
    """Every hit of ``request`` (at most ``limit``) in its sort order, ``EXPORT_PAGE`` at a time;
    lazy, so a caller can release the index between pages. Relevance orders by the BM25F
    score alone: the proximity and answer-type re-ranks only reorder a page's top candidates.
    Snippets are analysed without the view's memory, so an export never evicts what searches reuse."""
    asked = widened_query(view, request.query, request.prefix)
    scores, searched = _score(view, asked.compiled)
    mask, _ = count_facets(view.facets, view.searcher, asked.compiled.query, request, searched)
    docnums = np.flatnonzero(mask)
    if scores is not None and asked.compiled.positive_terms and request.sort == "relevance":
        docnums = docnums[np.lexsort((docnums, -scores[docnums]))]
    else:
        docnums = _date_order(view.facets.dates, mask, request.sort)
    docnums = docnums[:limit]
    analyzer = view.analysed.analyzer
    for start in range(0, len(docnums), EXPORT_PAGE):
        yield [_hit(read_article(view.searcher, int(docnum)), float(scores[docnum]) if scores is not None else 0.0,
                    analyzer, asked.compiled) for docnum in docnums[start:start + EXPORT_PAGE]]


def _score(view: IndexView, compiled: CompiledQuery) -> tuple[np.ndarray | None, np.ndarray | None]:
    """BM25F scores of every document, and the query's matches when the scores decide them.

    A plain union matches exactly the documents with a score; anything with phrases,
    required or excluded parts gets its matches from the facet index's query masks,
    and its positive terms score them the same way."""
    if compiled.query is None:
        return None, None
    clauses = union_clauses(compiled.query)
    if clauses is not None:
        scores = view.scoring.scores(clauses)
        return scores, (scores > 0) & view.facets.live
    return view.scoring.scores(positive_clauses(compiled.query)), None


def _by_score(scores: np.ndarray, mask: np.ndarray, wanted: int) -> list[tuple[int, float]]:
    """The ``wanted`` highest scores, highest first, ties by document number, as Whoosh orders them."""
    docnums = np.flatnonzero(mask)
    if len(docnums) > wanted:
        candidate_scores = scores[docnums]
        cutoff = -np.partition(-candidate_scores, wanted - 1)[wanted - 1]
        above = docnums[candidate_scores > cutoff]
        tied = docnums[candidate_scores == cutoff]
        docnums = np.concatenate((above, tied[:wanted - len(above)]))
    order = np.lexsort((docnums, -scores[docnums]))
    return [(int(docnum), float(scores[docnum])) for docnum in docnums[order]]


def _date_rank(dates: np.ndarray, sort: str) -> np.ndarray:
    """A story's first article when listing by date: the newest copy, or the oldest (undated last)."""
    keys = dates.astype(np.float64)
    if sort == "oldest":
        return np.where(keys == 0, -np.inf, -keys)
    return keys


def _similar(view: IndexView, folded: Folded, docnum: int) -> tuple[int, tuple[SimilarArticle, ...]]:
    """How many other matches tell ``docnum``'s story, and the first ``MAX_SIMILAR_SHOWN`` of them."""
    copies = folded.copies(docnum)
    return len(copies), tuple(SimilarArticle.of(read_article(view.searcher, copy))
                              for copy in copies[:MAX_SIMILAR_SHOWN])


def _by_date(dates: np.ndarray, mask: np.ndarray, request: SearchRequest) -> list[tuple[int, float]]:
    chosen = _date_order(dates, mask, request.sort)[request.offset:request.offset + request.per_page]
    return [(int(docnum), 0.0) for docnum in chosen]


def _date_order(dates: np.ndarray, mask: np.ndarray, sort: str) -> np.ndarray:
    """The documents of ``mask``, newest or oldest first; ties keep index order so paging is stable."""
    docnums = np.flatnonzero(mask)
    keys = dates[docnums].astype(np.int64)
    if sort == "oldest":
        order = np.argsort(np.where(keys == 0, _UNDATED_LAST, keys), kind="stable")
    else:
        order = np.argsort(-keys, kind="stable")
    return docnums[order]


def _did_you_mean(view: IndexView, request: SearchRequest, total: int, corrected: bool) -> str | None:
    """A correction only when the query found little and the correction finds more, or when
    a mistyped word was already searched as its nearest spellings (then the hits include
    what the correction finds, and the respelt query is still worth offering)."""
    if not request.query or (total >= FEW_HITS_FOR_SUGGESTION and not corrected):
        return None
    suggestion = respell(view, request.query)
    if not suggestion or suggestion == request.query:
        return None
    fixed = compile_query(parse(suggestion), view.stemmer, view.searcher.reader())
    if fixed.query is None:
        return None
    found = int(np.count_nonzero(view.facets.query_mask(view.searcher, fixed.query)))
    return suggestion if found > total or (corrected and found) else None


def _hit(article: StoredArticle, score: float, analysed: Analysis, compiled: CompiledQuery,
         similar: tuple[int, tuple[SimilarArticle, ...]] = (0, ())) -> Hit:
    return Hit(
        id=article.id,
        title=article.title,
        title_html=highlight_all(article.title, analysed, compiled.highlight),
        date=article.date,
        source=article.source,
        url=article.url,
        language=article.language,
        score=score,
        snippet=make_snippet(article.body, analysed, compiled.highlight),
        entities=article.entities,
        similar_count=similar[0],
        similar=similar[1],
    )
