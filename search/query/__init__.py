"""Answering a search. ``web/`` and ``search/cli.py`` import only the names below.

A search runs through stages, each a folder::

    parse    query text -> tree -> Whoosh query; names -> entity facets
    expand   the open last word -> completions, a rare word -> nearest spellings
    match    postings, phrases, query masks (the only reader of Whoosh codec internals)
    rank     vectorised BM25F, proximity and lead re-rank, answer-type re-rank
    facets   facet arrays per index version, disjunctive counts, value lists
    present  the <mark> highlighter, snippets, article pages, related articles
    suggest  did-you-mean, autocomplete

Beside them: ``request.py`` (what is asked, validated once), ``live.py`` (the index view
that owns everything built once per index version), ``result.py`` (the typed answer) and
``engine.py``, the one entry point that puts the stages together; ``entity_page.py`` answers
an entity's page from the facet index and two engine searches.

Dependency rule (``tests/test_layout.py``): ``match`` imports no other stage; ``parse``
may use ``match``; ``rank`` and ``facets`` may use ``match`` and ``parse``; ``expand``
may use those four; ``present`` and ``suggest`` may use every stage. A stage may take
the request and the index view; no stage imports the engine, the result, or this surface.
"""

from search.index.store import IndexMissingError
from search.query.engine import export_hits, search
from search.query.entity_page import EntityPage, Spelling, entity_page
from search.query.facets.timeline import Timeline, TimelineBin
from search.query.live import IndexView, LiveIndex
from search.query.parse.syntax import MAX_BRANCHES, MAX_PHRASE_WORDS, MAX_PHRASES, MAX_QUERY_CHARS, MAX_WORDS
from search.query.present.article import ArticlePage, load_article
from search.query.present.related import RelatedArticle, related_articles
from search.query.present.terminal import render_snippet, safe
from search.query.request import SORTS, SearchRequest, parse_day, printable_text
from search.query.result import EXPORT_COLUMNS, EXPORT_FORMATS, Hit, SearchResult
from search.query.suggest.autocomplete import Suggestion, complete

__all__ = [
    "MAX_BRANCHES", "MAX_PHRASES", "MAX_PHRASE_WORDS", "MAX_QUERY_CHARS", "MAX_WORDS", "SORTS", "ArticlePage", "Hit",
    "EntityPage", "Spelling", "entity_page",
    "IndexMissingError", "IndexView", "LiveIndex", "RelatedArticle", "SearchRequest", "SearchResult", "Suggestion",
    "Timeline", "TimelineBin",
    "EXPORT_COLUMNS", "EXPORT_FORMATS", "complete", "export_hits", "load_article", "parse_day", "printable_text",
    "related_articles", "render_snippet", "safe", "search",
]
