"""The answer to a search, typed: what the engine returns and what ``as_json`` turns into the
one JSON shape shared by ``/api/search`` and ``telusur search --json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from search.query.facets.listing import FacetCounts


@dataclass(frozen=True)
class Hit:
    """One result: the stored article's fields a result list shows, its score, and its title
    and snippet as escaped HTML with the search's matches marked (``<mark>`` the only markup)."""

    id: str
    title: str
    title_html: str
    date: dt.date | None
    source: str | None
    url: str | None
    language: str
    score: float
    snippet: str
    entities: Mapping[str, list[str]]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_html": self.title_html,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            **{facet: list(values) for facet, values in self.entities.items()},
        }


@dataclass(frozen=True)
class SearchResult:
    """One page of ranked hits, every facet's counts (in facet table order), and what the
    reader may want told: a respelt query, and what went past the query limits."""

    query: str
    total: int
    page: int
    per_page: int
    sort: str
    hits: list[Hit]
    facets: Mapping[str, FacetCounts]
    did_you_mean: str | None
    dropped: tuple[str, ...]
    took_ms: float

    def as_json(self) -> dict[str, Any]:
        asked = {name: getattr(self, name) for name in ("query", "total", "page", "per_page", "sort")}
        return {
            **asked,
            "hits": [hit.as_json() for hit in self.hits],
            "facets": {name: [{"value": value.value, "count": value.count, "selected": value.selected}
                              for value in counts.values] for name, counts in self.facets.items()},
            "facet_totals": {name: counts.total for name, counts in self.facets.items()},
            "did_you_mean": self.did_you_mean,
            "dropped": list(self.dropped),
            "took_ms": self.took_ms,
        }
