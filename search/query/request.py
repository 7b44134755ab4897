"""A search as asked by the CLI or the web app, validated once so every caller agrees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from search.config import DEFAULT_FACET_LIMIT, DEFAULT_PER_PAGE, MAX_FACET_LIMIT, MAX_PER_PAGE
from search.facet_table import FACETS, SOURCE
from search.ingest.dates import parse_date
from search.ingest.publisher_names import publisher_name
from search.query.parse.syntax import MAX_QUERY_CHARS

# More selected values than this in one facet is not a real reader's request.
MAX_SELECTED_VALUES = 50

SORTS = ("relevance", "newest", "oldest")
# Facets whose values ingest gives one spelling: a filter in any spelling selects it.
_ONE_SPELLING = {SOURCE: publisher_name}


@dataclass(frozen=True)
class SearchRequest:
    """One search; out-of-range values are clamped or dropped rather than rejected.

    ``filters`` maps a facet name to the selected values (OR within a facet, AND
    across facets); ``required`` maps a facet name to values every article must carry
    (AND within the facet too: the articles naming two people, ``/?person_all=A&person_all=B``),
    a scope like the date range that every facet count is taken within; ``facet_search`` maps a facet name to text that narrows the
    values listed for it. ``prefix``: the query's last word also matches the words it
    begins (``search.query.expand.prefix``); a query typed with a space after its last word
    says that word is finished, so ``prefix`` is then False (read before spacing is
    folded, and kept by ``dataclasses.replace``). ``group``: copies of one story are listed
    under its first article (``search.query.facets.stories``); off, every article is listed.
    """

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    required: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    facet_limit: int = DEFAULT_FACET_LIMIT
    facet_search: Mapping[str, str] = field(default_factory=dict)
    prefix: bool = True
    group: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        typed = printable_text(self.query, MAX_QUERY_CHARS)
        set_(self, "prefix", bool(self.prefix and typed[-1:].strip()))
        set_(self, "query", _clean_text(self.query, MAX_QUERY_CHARS))
        set_(self, "filters", _facet_values(self.filters))
        set_(self, "required", _facet_values(self.required))
        set_(self, "facet_search", MappingProxyType({
            name: text for name, text in (
                (name, _clean_text(self.facet_search.get(name, ""), MAX_QUERY_CHARS)) for name in FACETS
            ) if text
        }))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            set_(self, "date_from", self.date_to)
            set_(self, "date_to", self.date_from)
        set_(self, "sort", self.sort if self.sort in SORTS else "relevance")
        set_(self, "page", max(1, self.page))
        set_(self, "per_page", min(MAX_PER_PAGE, max(1, self.per_page)))
        set_(self, "facet_limit", min(MAX_FACET_LIMIT, max(1, self.facet_limit)))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def parse_day(value: str | None) -> dt.date | None:
    """``2019-09-10`` from a date input, or any date shape the ingest understands."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return parse_date(value)


def printable_text(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """The text with every unprintable character (NUL, controls, lone surrogates) made a
    space, length bounded; spacing is otherwise kept (autocomplete reads a trailing space)."""
    return "".join(ch if ch.isprintable() else " " for ch in text[:limit])


def _clean_text(text: str, limit: int) -> str:
    """Printable characters only, runs of white space folded, length bounded."""
    return " ".join(printable_text(text, limit).split())


def _facet_values(given: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    """Per facet (in facet order), its values cleaned, each once; facets without a value left out."""
    return MappingProxyType({
        name: values for name, values in (
            (name, _unique(_spelled(name, _clean_text(value, MAX_QUERY_CHARS)) for value in given.get(name, ())))
            for name in FACETS
        ) if values
    })


def _spelled(facet: str, value: str) -> str:
    spell = _ONE_SPELLING.get(facet)
    return spell(value) if spell and value else value


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))[:MAX_SELECTED_VALUES]
