"""Every link on the search page is the current search with one thing changed.

The whole state of a search lives in its URL, so links are built from the parsed
:class:`SearchRequest` (never by echoing the raw query string): what a link carries
has been cleaned once, and equal searches get equal URLs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlencode

from search.config import DEFAULT_PER_PAGE
from search.query import SearchRequest
from web.labels import FACET_LABELS
from web.params import REQUIRED_SUFFIX


def search_params(search: SearchRequest) -> list[tuple[str, str]]:
    """The URL parameters that reproduce ``search`` (defaults left out)."""
    params: list[tuple[str, str]] = []
    if search.query:
        params.append(("q", search.query))
        if not search.prefix:
            # The stored query has no trailing space: a word the reader finished stays finished.
            params.append(("prefix", "0"))
    for entry in FACET_LABELS:
        params += [(entry.param, value) for value in search.filters.get(entry.name, ())]
        params += [(entry.param + REQUIRED_SUFFIX, value) for value in search.required.get(entry.name, ())]
    if search.date_from:
        params.append(("from", search.date_from.isoformat()))
    if search.date_to:
        params.append(("to", search.date_to.isoformat()))
    if search.sort != "relevance":
        params.append(("sort", search.sort))
    if not search.group:
        params.append(("group", "0"))
    if search.per_page != DEFAULT_PER_PAGE:
        params.append(("per_page", str(search.per_page)))
    if search.page > 1:
        params.append(("page", str(search.page)))
    return params


class SearchLinks:
    """URLs of the search page for ``search`` changed in one way; a new filter or query starts at page 1."""

    def __init__(self, search: SearchRequest, base: str = "/") -> None:
        self.search = search
        self.base = base

    def url(self, search: SearchRequest) -> str:
        params = search_params(search)
        return f"{self.base}?{urlencode(params)}" if params else self.base

    def current(self) -> str:
        return self.url(self.search)

    def at(self, path: str) -> str:
        """The whole result set of this search at another route (an export, the feed): no page."""
        params = search_params(replace(self.search, page=1, per_page=DEFAULT_PER_PAGE))
        return f"{path}?{urlencode(params)}" if params else path

    def grouping(self, on: bool) -> str:
        """This search with copies of one story folded under its first article, or listed one by one."""
        return self.url(replace(self.search, group=on, page=1))

    def page(self, number: int) -> str:
        return self.url(replace(self.search, page=number))

    def query(self, text: str) -> str:
        return self.url(replace(self.search, query=text, page=1))

    def add(self, facet: str, value: str) -> str:
        """The search narrowed to ``value`` too (unchanged if already selected)."""
        return self._with_values(facet, (*self._selected(facet), value))

    def remove(self, facet: str, value: str) -> str:
        return self._with_values(facet, tuple(v for v in self._selected(facet) if v != value))

    def without_date(self, bound: str) -> str:
        """Without the ``from`` or ``to`` end of the date range."""
        if bound == "from":
            return self.url(replace(self.search, page=1, date_from=None))
        return self.url(replace(self.search, page=1, date_to=None))

    def clear(self) -> str:
        """Every filter and the date range removed; the query and sort order stay."""
        return self.url(replace(self.search, filters={}, required={}, date_from=None, date_to=None, page=1))

    def both(self, facet: str, value: str, other: str) -> str:
        """The articles carrying ``value`` and also ``other`` of the same facet (no other filter)."""
        return self.url(replace(self.search, filters={}, required={facet: (value, other)}, page=1))

    def without_required(self, facet: str, value: str) -> str:
        kept = {**self.search.required, facet: tuple(v for v in self.search.required.get(facet, ()) if v != value)}
        return self.url(replace(self.search, required=kept, page=1))

    def required(self) -> Iterator[tuple[str, str]]:
        """The (facet, value) pairs every article must carry, in sidebar order."""
        for entry in FACET_LABELS:
            for value in self.search.required.get(entry.name, ()):
                yield entry.name, value

    def filters(self) -> Iterator[tuple[str, str]]:
        """The selected (facet, value) pairs in sidebar order."""
        for entry in FACET_LABELS:
            for value in self._selected(entry.name):
                yield entry.name, value

    def _selected(self, facet: str) -> tuple[str, ...]:
        return self.search.filters.get(facet, ())

    def _with_values(self, facet: str, values: tuple[str, ...]) -> str:
        filters = {**self.search.filters, facet: values}
        return self.url(replace(self.search, filters=filters, page=1))
