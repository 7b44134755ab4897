"""An entity's page: what the index knows about one person, country, organization or region.

Everything is read from the facet index built once per index version: the value's
documents are a slice of its facet column (no article is scanned), the names mentioned
with it are a ``bincount`` of every entity column over that mask, the timeline is the
date column under it. Two searches through the engine give the newest and the most
relevant articles, and the gazetteer's spellings of the name are checked against the
index's phrase masks, so a spelling is listed only when its articles use it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from search.entities.gazetteer import gazetteer
from search.entities.lookup import LABEL_FACETS, alias_table
from search.entities.normalize import fold_key
from search.facet_table import ENTITY_FACETS, FACET_OF, SOURCE, FacetKind
from search.query.engine import search
from search.query.facets.listing import FacetCounts, list_facet
from search.query.facets.timeline import Timeline
from search.query.live import IndexView
from search.query.parse.compile import compile_query
from search.query.parse.syntax import MAX_PHRASES, Quoted
from search.query.request import SearchRequest
from search.query.result import Hit, facet_json, timeline_json

# Names listed per related facet, and articles per list (newest, most relevant).
RELATED_VALUES = 10
LISTED_ARTICLES = 5
# Gazetteer spellings checked against the index per page: each is one phrase mask (cached
# with the view's query masks); the commonest name has 14 (Amerika Serikat).
MAX_SPELLINGS = 16
# The facets listed beside an entity: who, where and which body is named with it, and who reports it.
RELATED_FACETS = (*ENTITY_FACETS, SOURCE)

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Spelling:
    """A way the gazetteer knows of writing the name, and how many of its articles write it so."""

    text: str
    articles: int


@dataclass(frozen=True)
class EntityPage:
    """The page of ``name`` in ``facet``: its article count, timeline, the values of every
    related facet counted over its articles (itself left out), the newest and the most
    relevant articles, and the spellings its articles use (``spellings_known``: whether the
    gazetteer knows other spellings of it at all)."""

    facet: str
    name: str
    total: int
    timeline: Timeline
    related: Mapping[str, FacetCounts]
    latest: list[Hit]
    relevant: list[Hit]
    spellings: list[Spelling]
    spellings_known: bool
    took_ms: float

    def as_json(self) -> dict[str, Any]:
        return {
            "facet": self.facet, "name": self.name, "total": self.total,
            "timeline": timeline_json(self.timeline),
            "related": {facet: facet_json(counts) for facet, counts in self.related.items()},
            "related_totals": {facet: counts.total for facet, counts in self.related.items()},
            "latest": [hit.as_json() for hit in self.latest],
            "relevant": [hit.as_json() for hit in self.relevant],
            "spellings": [{"text": spelling.text, "articles": spelling.articles} for spelling in self.spellings],
            "spellings_known": self.spellings_known,
            "took_ms": self.took_ms,
        }


def entity_page(view: IndexView, facet: str, name: str, related_values: int = RELATED_VALUES,
                articles: int = LISTED_ARTICLES) -> EntityPage | None:
    """The page of ``name``, or None when no live article carries it (or ``facet`` is no entity facet)."""
    started = time.perf_counter()
    if FACET_OF.get(facet) is None or FACET_OF[facet].kind is not FacetKind.ENTITY:
        return None
    column = view.facets.columns[facet]
    if name not in column.value_ids:
        return None
    mask = view.facets.selection_mask(facet, (name,))
    filters = {facet: (name,)}
    newest = search(view, SearchRequest(filters=filters, sort="newest", per_page=articles,
                                        facet_limit=related_values))
    related = {other: newest.facets[other] for other in RELATED_FACETS if other != facet}
    related[facet] = _without(list_facet(column, column.counts(mask), (), related_values + 1, None), name,
                              related_values)
    known = _spellings(facet, name)
    seen = _seen(view, known, mask)
    asked = _relevance_query(name, seen)
    relevant = search(view, SearchRequest(query=asked, filters=filters, per_page=articles, prefix=False)).hits
    return EntityPage(
        facet=facet, name=name, total=newest.total, timeline=newest.timeline,
        related={other: related[other] for other in RELATED_FACETS},
        latest=newest.hits, relevant=relevant if asked else [],
        spellings=seen, spellings_known=len(known) > 1,
        took_ms=round((time.perf_counter() - started) * 1000, 2))


def _relevance_query(name: str, seen: list[Spelling]) -> str:
    """The query that ranks the page's articles: the spellings they write most, each as a phrase (as many as a query may hold) (an
    article that names ``Joko Widodo`` outranks one that names only a ``Joko``), or the name's
    words when its articles write none. Lowercased, since operators count only in capitals."""
    if not seen:
        return _words(name).lower()
    return " OR ".join(f'"{_words(spelling.text).lower()}"' for spelling in seen[:MAX_PHRASES])


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text))


def _without(counts: FacetCounts, name: str, limit: int) -> FacetCounts:
    """The listing without the page's own value (every article of the page carries it)."""
    return FacetCounts([value for value in counts.values if value.value != name][:limit], counts.total - 1)


def _seen(view: IndexView, spellings: tuple[str, ...], mask: np.ndarray) -> list[Spelling]:
    """The spellings some of the page's articles write, most written first. Each is searched
    as a phrase of its words, analysed as the index was; the index keeps no case, so only
    spellings the query lookup would take for the name are asked (``alias_table``)."""
    seen = []
    reader = view.searcher.reader()
    for spelling in spellings[:MAX_SPELLINGS]:
        compiled = compile_query(Quoted(_words(spelling)), view.stemmer, reader)
        if compiled.query is None:
            continue
        count = int(np.count_nonzero(view.facets.query_mask(view.searcher, compiled.query) & mask))
        if count:
            seen.append(Spelling(spelling, count))
    return sorted(seen, key=lambda spelling: (-spelling.articles, spelling.text))


def _spellings(facet: str, name: str) -> tuple[str, ...]:
    return _gazetteer_spellings().get((facet, name), (name,))


@lru_cache(maxsize=1)
def _gazetteer_spellings() -> dict[tuple[str, str], tuple[str, ...]]:
    """(facet, canonical value) → the surfaces the gazetteer folds into it that a typed query
    would also resolve to it (``search.entities.lookup.alias_table``), read once per process."""
    table = alias_table()
    found: dict[tuple[str, str], set[str]] = {}
    for words, entry in gazetteer().trie.items():
        facet = LABEL_FACETS.get(entry.label)
        if facet is None or entry.canonical is None:
            continue
        surface = _written(words)
        if table.get(fold_key(" ".join(words))) == (facet, entry.canonical) and _WORD.search(surface):
            found.setdefault((facet, entry.canonical), set()).add(surface)
    return {key: tuple(sorted(surfaces, key=lambda surface: (surface != key[1], surface)))
            for key, surfaces in found.items()}


def _written(words: tuple[str, ...]) -> str:
    """A surface's tokens as text: stops and commas close up on the word before them."""
    text = ""
    for word in words:
        text += word if not text or word in ".,)" or text.endswith(("(", "-")) or word == "-" else " " + word
    return text
