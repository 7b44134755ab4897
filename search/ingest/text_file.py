"""One scraped page, as raw text, into an article.

A scraped page has no metadata fields, only what its text says: a date line in the
header or a dateline in the lead, an outlet dateline or copyright line naming the
publisher, and a headline on the first line when there is one.
"""

from __future__ import annotations

import datetime as dt

from search.ingest.characters import normalise_characters
from search.ingest.dates import find_dateline_date, parse_date, plausible_date
from search.ingest.derived_titles import derive_title
from search.ingest.errors import EmptyTextError
from search.ingest.furniture import remove_furniture
from search.ingest.holes import tidy_holes
from search.ingest.model import Article
from search.ingest.publisher import find_publisher, take_dateline
from search.ingest.publisher_names import publisher_name

# A date line counts only near the top; further down a bare date is part of the story.
HEADER_LINES = 5
PARAGRAPH_SEPARATOR = "\n\n"


def _take_header_date(lines: list[str]) -> tuple[dt.date | None, str, list[str]]:
    """The date stated by a header line, that line, and the lines without it."""
    for index, line in enumerate(lines[:HEADER_LINES]):
        found = parse_date(line)
        if found is not None:
            return found, line, lines[:index] + lines[index + 1 :]
    return None, "", lines


def parse_text(raw: str, *, article_id: str, origin: str) -> Article:
    """Clean one page's text into an article; :class:`EmptyTextError` if no text remains."""
    lines = [tidy_holes(line.strip()) for line in normalise_characters(raw).split("\n")]
    lines = [line for line in lines if line]
    date, stated, lines = _take_header_date(lines)
    publisher = find_publisher(lines)
    dateline, paragraphs = take_dateline(remove_furniture(lines))
    if not paragraphs:
        raise EmptyTextError("empty text")
    title, body, title_derived = derive_title(paragraphs)
    body_text = PARAGRAPH_SEPARATOR.join(body)
    if date is None:
        date, stated = find_dateline_date(body_text)
    date, notes = plausible_date(date, stated)
    return Article(
        id=article_id,
        title=title,
        title_derived=title_derived,
        body=body_text,
        origin=origin,
        date=date,
        source=publisher_name(publisher) if publisher else None,
        dateline=dateline.place if dateline else None,
        notes=notes,
    )
