"""Results to take away: the whole result set as CSV or JSON Lines, and the search as an Atom feed.

An export streams: the engine orders every match once (one integer array) and reads,
highlights and writes :data:`search.query.engine.EXPORT_PAGE` articles at a time, taking
the index's reading lock only for each page, so other searches on the same worker go
on between pages and memory stays flat whatever the size of the result set.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urlsplit
from xml.etree import ElementTree

from search.errors import TelusurError
from search.query import EXPORT_FORMATS, Hit, LiveIndex, SearchRequest, SearchResult, export_hits
from web.formatting import external_url

# Rows one web export writes at most. Measured at 22k articles, an export costs about
# 0.35 ms per row on one core (reading, highlighting and writing), so this bounds one
# request to a few seconds of a worker thread; ``telusur search --format`` has no limit.
EXPORT_MAX_ROWS = 10_000
# Entries in a search's feed: the newest this many, as feed readers poll for what is new.
FEED_ENTRIES = 50

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
ATOM = "http://www.w3.org/2005/Atom"
# Atom ids are names, not addresses (RFC 4287 4.2.6): one per site path, whatever address
# the site is served at, so moving the site or setting TELUSUR_BASE_URL later changes no id.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/telusur/telusur#atom")


class BaseUrlError(TelusurError, ValueError):
    """``TELUSUR_BASE_URL`` is not an http(s) address of a site."""


def public_base(url: str | None) -> str:
    """The site's configured public address without a trailing slash, or "" when none is
    set: then the feed's links are relative references, which a feed reader resolves
    against the feed's own address (RFC 4287 section 2). Never the request's ``Host``."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise BaseUrlError(f"TELUSUR_BASE_URL must be an http(s) address such as https://berita.example.id, got {url!r}")
    return url.rstrip("/")


def atom_id(path: str) -> str:
    """The permanent Atom id of a site path (an article's, the feed's with its query)."""
    return uuid.uuid5(_ID_NAMESPACE, path).urn


def export_lines(live: LiveIndex, search: SearchRequest, format_name: str) -> Iterator[str]:
    """The export's text in pieces. The first page is read before this returns, so a missing
    index is an error response, not a broken download."""
    with live.reading() as view:
        pages = export_hits(view, replace(search, page=1), EXPORT_MAX_ROWS)
        first = next(pages, [])

    def locked() -> Iterator[list[Hit]]:
        page: list[Hit] | None = first
        while page:
            yield page
            with live.reading():
                page = next(pages, None)

    return EXPORT_FORMATS[format_name](locked())


def feed_search(search: SearchRequest) -> SearchRequest:
    """The search a feed shows: its newest articles, first page only."""
    return replace(search, sort="newest", page=1, per_page=FEED_ENTRIES)


def atom_feed(result: SearchResult, title: str, base: str, feed_path: str, page_path: str,
              article_path: Callable[[str], str]) -> bytes:
    """The search as an Atom 1.0 document (RFC 4287): links are ``base`` and a site path
    (relative when ``base`` is ""), ids are :func:`atom_id` of the path."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "id"})
    newest = max((hit.date for hit in result.hits if hit.date), default=None)
    _text(feed, "id", atom_id(feed_path))
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(newest))
    _text(feed, "subtitle", f"{result.total} artikel; yang terbaru {len(result.hits)}")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Telusur")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + feed_path,
                                                     "type": "application/atom+xml"})
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base + page_path,
                                                     "type": "text/html"})
    for hit in result.hits:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        path = article_path(hit.id)
        link = base + path
        record = hit.export_record()
        _text(entry, "id", atom_id(path))
        _text(entry, "title", hit.title)
        _text(entry, "updated", _timestamp(hit.date or newest))
        if hit.source:
            _text(ElementTree.SubElement(entry, f"{{{ATOM}}}author"), "name", hit.source)
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": link, "type": "text/html"})
        original = external_url(hit.url)
        if original:
            ElementTree.SubElement(entry, f"{{{ATOM}}}link", {"rel": "related", "href": original})
        _text(entry, "summary", record["snippet"])
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ElementTree.Element, name: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _timestamp(day: dt.date | None) -> str:
    """An article is dated by its day: midnight UTC of it. A feed with no dated entry was
    last updated at the Unix epoch, a date no reader takes for news."""
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"
