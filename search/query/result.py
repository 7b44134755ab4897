"""The answer to a search, typed: what the engine returns and what ``as_json`` turns into the
one JSON shape shared by ``/api/search`` and ``telusur search --json``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from search.facet_table import ENTITY_FACETS
from search.index.documents import StoredArticle
from search.query.facets.listing import FacetCounts
from search.query.facets.timeline import Timeline
from search.query.present.terminal import plain_snippet

# The columns of an export, in order (``telusur search --format csv|jsonl``, ``/ekspor.csv``).
EXPORT_COLUMNS = ("id", "title", "date", "source", "url", *ENTITY_FACETS, "snippet")
# Joins an article's several people, countries or organizations in one CSV cell (names hold
# commas, ``Kim Jong-un, Jr.``, and never a semicolon in the gazetteer or the rules).
CSV_VALUE_SEPARATOR = "; "


@dataclass(frozen=True)
class SimilarArticle:
    """Another copy of a hit's story, as the expanded "+N berita serupa" lists it."""

    id: str
    title: str
    date: dt.date | None
    source: str | None
    url: str | None

    @classmethod
    def of(cls, article: StoredArticle) -> SimilarArticle:
        return cls(article.id, article.title, article.date, article.source, article.url)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "date": self.date.isoformat() if self.date else None,
                "source": self.source, "url": self.url}


@dataclass(frozen=True)
class Hit:
    """One result: the stored article's fields a result list shows, its score, and its title
    and snippet as escaped HTML with the search's matches marked (``<mark>`` the only markup).
    ``similar_count``: the other matches telling the same story (listed in ``similar``, the first
    ``MAX_SIMILAR_SHOWN`` of them in the search's order), 0 when the search does not group."""

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
    similar_count: int = 0
    similar: tuple[SimilarArticle, ...] = ()

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
            "similar_count": self.similar_count,
            "similar": [copy.as_json() for copy in self.similar],
        }

    def export_record(self) -> dict[str, Any]:
        """The hit as one row of an export: :data:`EXPORT_COLUMNS`, the snippet as plain text."""
        return {
            "id": self.id, "title": self.title, "date": self.date.isoformat() if self.date else None,
            "source": self.source, "url": self.url,
            **{facet: list(self.entities.get(facet, ())) for facet in ENTITY_FACETS},
            "snippet": plain_snippet(self.snippet),
        }


def csv_lines(pages: Iterable[list[Hit]]) -> Iterator[str]:
    """An export as CSV text, the header first, one page of hits at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flushed() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(EXPORT_COLUMNS)
    yield flushed()
    for page in pages:
        for hit in page:
            record = hit.export_record()
            writer.writerow([spreadsheet_safe(CSV_VALUE_SEPARATOR.join(value) if isinstance(value, list) else value or "")
                             for value in record.values()])
        yield flushed()


# A cell a spreadsheet would read as a formula (OWASP's CSV injection list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """The cell, with a leading apostrophe when a spreadsheet would run it as a formula:
    an article title such as ``=HYPERLINK(...)`` stays text when an analyst opens the export."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def jsonl_lines(pages: Iterable[list[Hit]]) -> Iterator[str]:
    """An export as JSON Lines: one object per hit, its keys :data:`EXPORT_COLUMNS`."""
    for page in pages:
        yield "".join(json.dumps(hit.export_record(), ensure_ascii=False) + "\n" for hit in page)


EXPORT_FORMATS = {"csv": csv_lines, "jsonl": jsonl_lines}


@dataclass(frozen=True)
class SearchResult:
    """One page of ranked hits, every facet's counts (in facet table order), the matches per
    period (``timeline``), and what the reader may want told: a respelt query, and what went
    past the query limits. ``total`` counts the matching articles, ``stories`` the stories they
    tell (copies of one story counted once); the facets and the timeline count articles. With
    ``grouped`` the pages list stories, else articles."""

    query: str
    total: int
    stories: int
    grouped: bool
    page: int
    per_page: int
    sort: str
    hits: list[Hit]
    facets: Mapping[str, FacetCounts]
    timeline: Timeline
    did_you_mean: str | None
    dropped: tuple[str, ...]
    took_ms: float

    @property
    def listed(self) -> int:
        """How many entries the pages hold: stories when grouped, else articles."""
        return self.stories if self.grouped else self.total

    def as_json(self) -> dict[str, Any]:
        asked = {name: getattr(self, name) for name in ("query", "total", "stories", "grouped", "page", "per_page",
                                                         "sort")}
        return {
            **asked,
            "hits": [hit.as_json() for hit in self.hits],
            "facets": {name: facet_json(counts) for name, counts in self.facets.items()},
            "facet_totals": {name: counts.total for name, counts in self.facets.items()},
            "timeline": timeline_json(self.timeline),
            "did_you_mean": self.did_you_mean,
            "dropped": list(self.dropped),
            "took_ms": self.took_ms,
        }


def facet_json(counts: FacetCounts) -> list[dict[str, Any]]:
    """A facet's listed values as the JSON API gives them."""
    return [{"value": value.value, "count": value.count, "selected": value.selected} for value in counts.values]


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    """The matches per period as the JSON API gives them."""
    return {"unit": timeline.unit, "undated": timeline.undated,
            "bins": [{"from": period.first.isoformat(), "to": period.last.isoformat(), "count": period.count}
                     for period in timeline.bins]}
