"""URL parameters to a SearchRequest: one tolerant reading shared by pages and the API."""

from __future__ import annotations

from collections.abc import Callable

from search.config import DEFAULT_FACET_LIMIT, DEFAULT_PER_PAGE
from search.facet_table import FACET_TABLE
from search.query import SearchRequest, parse_day

# URL parameter → facet name; the URL uses short, readable names.
FACET_PARAMS = {facet.param: facet.name for facet in FACET_TABLE}
# ``person_q=lavrov`` narrows the values listed for a facet.
FACET_SEARCH_SUFFIX = "_q"
# ``person_all=A&person_all=B``: articles carrying every one of the values (an entity page's links).
REQUIRED_SUFFIX = "_all"


def request_from_params(get: Callable[[str], str | None], getlist: Callable[[str], list[str]]) -> SearchRequest:
    """Anything malformed falls back to its default instead of failing the page."""
    return SearchRequest(
        query=get("q") or "",
        filters={facet: tuple(getlist(param)) for param, facet in FACET_PARAMS.items()},
        required={facet: tuple(getlist(param + REQUIRED_SUFFIX)) for param, facet in FACET_PARAMS.items()},
        facet_search={facet: get(param + FACET_SEARCH_SUFFIX) or "" for param, facet in FACET_PARAMS.items()},
        date_from=parse_day(get("from")),
        date_to=parse_day(get("to")),
        sort=get("sort") or "relevance",
        prefix=get("prefix") != "0",
        group=get("group") != "0",
        page=_int(get("page"), 1),
        per_page=_int(get("per_page"), DEFAULT_PER_PAGE),
        facet_limit=_int(get("facet_limit"), DEFAULT_FACET_LIMIT),
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
