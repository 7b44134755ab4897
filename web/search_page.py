"""What the search page shows for one search: facet panels, filter chips, pagination and notices.

The full page and the fragments the script swaps in are rendered from the same
:class:`SearchPage`, so both paths show exactly the same thing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from search.facet_table import Facet
from search.query import (
    MAX_BRANCHES,
    MAX_PHRASE_WORDS,
    MAX_PHRASES,
    MAX_WORDS,
    IndexView,
    SearchRequest,
    SearchResult,
    parse_day,
)
from search.query import search as search_index
from web.formatting import articles_count, indonesian_date, isolated
from web.labels import FACET_LABELS, LABEL_OF, facet_value_label
from web.links import SearchLinks
from web.pagination import Pagination
from web.timeline_chart import TimelineChart, timeline_chart

# Values asked for per facet: the first SHOWN are listed, the rest wait behind "Lihat lainnya".
PANEL_VALUES = 30
SHOWN = 6
# Characters of the unsearched part of a query quoted back in its notice.
_NOTICE_CHARS = 120


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    dom_id: str


@dataclass(frozen=True)
class FacetPanel:
    """One facet in the sidebar; ``total`` counts every value the facet could list."""

    label: Facet
    visible: list[FacetOption]
    more: list[FacetOption]
    total: int
    search_text: str

    @property
    def searchable(self) -> bool:
        """A search box only where scrolling a list would be tedious."""
        return self.total > SHOWN or bool(self.search_text)

    @property
    def unlisted(self) -> int:
        return max(0, self.total - len(self.visible) - len(self.more))


@dataclass(frozen=True)
class Chip:
    """A removable filter above the results."""

    kind: str
    text: str
    url: str


@dataclass(frozen=True)
class SearchPage:
    search: SearchRequest
    result: SearchResult
    links: SearchLinks
    panels: list[FacetPanel]
    chips: list[Chip]
    timeline: TimelineChart | None
    pagination: Pagination
    notices: list[str]
    status: str
    count: str
    title: str

    def context(self) -> dict[str, Any]:
        """Template variables: every field by name."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def build_search_page(view: IndexView, search: SearchRequest, get: Callable[[str], str | None],
                      base: str = "/") -> SearchPage:
    """Run ``search`` and prepare everything the page shows; ``get`` reads raw URL parameters."""
    result = search_index(view, replace(search, facet_limit=max(search.facet_limit, PANEL_VALUES)))
    links = SearchLinks(search, base)
    return SearchPage(
        search=search,
        result=result,
        links=links,
        panels=[_panel(entry, result, search) for entry in FACET_LABELS],
        chips=_chips(links, search),
        timeline=timeline_chart(result.timeline, search, links),
        pagination=Pagination(search.page, search.per_page, result.listed),
        notices=date_notices(get, search) + query_notices(result.dropped),
        status=status_text(search.query, result),
        count=articles_count(result.total, result.stories),
        title=f"{isolated(search.query)} · Telusur" if search.query else "Telusur — berita berbahasa Indonesia",
    )


def status_text(query: str, result: SearchResult) -> str:
    """The sentence read out when results change: ``5 artikel · 4 berita untuk „kerry"``."""
    found = articles_count(result.total, result.stories)
    return f"{found} untuk „{query}”" if query else found


def option_id(param: str, value: str) -> str:
    """A DOM id that stays the same for a value across renders, so focus can follow it."""
    return f"{param}-{hashlib.sha1(value.encode('utf-8')).hexdigest()[:10]}"


def _panel(entry: Facet, result: SearchResult, search: SearchRequest) -> FacetPanel:
    options = [
        FacetOption(item.value, facet_value_label(entry.name, item.value), item.count,
                    item.selected, option_id(entry.param, item.value))
        for item in result.facets[entry.name].values
    ]
    # A selection is never hidden behind "Lihat lainnya": the reader must see what narrows the results.
    selected = [option for option in options if option.selected]
    others = [option for option in options if not option.selected]
    room = max(0, SHOWN - len(selected))
    return FacetPanel(entry, selected + others[:room], others[room:], result.facets[entry.name].total,
                      search.facet_search.get(entry.name, ""))


def _chips(links: SearchLinks, search: SearchRequest) -> list[Chip]:
    chips = [Chip(LABEL_OF[facet].label, facet_value_label(facet, value), links.remove(facet, value))
             for facet, value in links.filters()]
    chips += [Chip(f"{LABEL_OF[facet].label} (semua)", facet_value_label(facet, value),
                   links.without_required(facet, value)) for facet, value in links.required()]
    if search.date_from:
        chips.append(Chip("Sejak", indonesian_date(search.date_from), links.without_date("from")))
    if search.date_to:
        chips.append(Chip("Sampai", indonesian_date(search.date_to), links.without_date("to")))
    return chips


def query_notices(dropped: Sequence[str]) -> list[str]:
    """Say which parts of a query went past the limits of the query language and were not searched."""
    if not dropped:
        return []
    shown = " · ".join(dropped)
    shown = shown if len(shown) <= _NOTICE_CHARS else shown[:_NOTICE_CHARS].rstrip() + "…"
    return [f"Kueri terlalu panjang: yang dicari hanya {MAX_WORDS} kata, {MAX_PHRASES} frasa sampai "
            f"{MAX_PHRASE_WORDS} kata, dan {MAX_BRANCHES} pilihan ATAU. Tidak dicari: „{shown}”."]


def date_notices(get: Callable[[str], str | None], search: SearchRequest) -> list[str]:
    """Say what happened to a date the reader gave that could not be used as given."""
    notices = []
    raw = {bound: (get(bound) or "").strip() for bound in ("from", "to")}
    for bound, label in (("from", "awal"), ("to", "akhir")):
        if raw[bound] and parse_day(raw[bound]) is None:
            notices.append(f"Tanggal {label} „{raw[bound][:40]}” tidak dikenali dan diabaikan.")
    first, last = parse_day(raw["from"]), parse_day(raw["to"])
    if first and last and first > last:
        notices.append("Tanggal awal jatuh setelah tanggal akhir, jadi keduanya ditukar.")
    return notices
