"""The one entry point that answers a search, shared by the CLI and the web app."""

from __future__ import annotations

import time
from typing import Any

from whoosh.query import Every, Or, Query, Term

from search.analysis.analyzer import QueryTerm, query_terms
from search.config import TITLE_BOOST
from search.index.documents import number_date
from search.index.live import IndexView
from search.index.schema import ENTITY_FIELDS, VALUE_SEPARATOR
from search.query.request import SearchRequest
from search.query.snippets import make_snippet

TEXT_FIELDS = {"title": TITLE_BOOST, "body": 1.0}


def run(view: IndexView, request: SearchRequest) -> dict[str, Any]:
    """Ranked, highlighted hits for ``request`` in the shared JSON shape."""
    started = time.perf_counter()
    terms = query_terms(request.query, view.stemmer)
    searcher = view.searcher
    first = (request.page - 1) * request.per_page
    if terms:
        results = searcher.search(build_query(terms), limit=first + request.per_page)
    else:
        results = searcher.search(Every(), limit=first + request.per_page, sortedby="date", reverse=True)
    words = {word for term in terms for word in (term.stem, term.surface)}
    analyzer = searcher.schema["body"].analyzer
    hits = [_hit(hit, analyzer, words) for hit in results[first:first + request.per_page]]
    return {
        "query": request.query,
        "total": len(results),
        "page": request.page,
        "per_page": request.per_page,
        "hits": hits,
        "facets": {},
        "did_you_mean": None,
        "took_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def build_query(terms: list[QueryTerm]) -> Query:
    """Any term may match (a question need not match every word); BM25F ranks by how many and how rare."""
    return Or([
        Or([Term(field, word, boost=boost) for field, boost in TEXT_FIELDS.items() for word in {term.stem, term.surface}])
        for term in terms
    ])


def _hit(hit: Any, analyzer: Any, words: set[str]) -> dict[str, Any]:
    fields = hit.fields()
    date = number_date(fields.get("date"))
    return {
        "id": fields["id"],
        "title": fields.get("title", ""),
        "date": date.isoformat() if date else None,
        "source": fields.get("source"),
        "url": fields.get("url"),
        "language": fields.get("language", "unknown"),
        "score": round(float(hit.score or 0.0), 4),
        "snippet": make_snippet(fields.get("body", ""), analyzer, words),
        **{name: _values(fields.get(name)) for name in ENTITY_FIELDS},
    }


def _values(joined: str | None) -> list[str]:
    return [value.strip() for value in joined.split(VALUE_SEPARATOR) if value.strip()] if joined else []
