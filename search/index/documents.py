"""Turn an ingested article into the field values the index stores, and stored values back
into an article (:func:`stored_article`, the one way every page and answer reads one)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from whoosh.searching import Searcher

from search.analysis.fingerprint import story_fingerprint
from search.analysis.language import detect_language
from search.entities import extract_entities, with_dateline_region
from search.facet_table import LANGUAGE, SOURCE
from search.index.schema import (
    BODY,
    CATEGORY,
    CONTENT_HASH,
    DATE,
    DATELINE,
    ENTITY_FIELDS,
    ID,
    LINE,
    ORIGIN,
    STORY_FINGERPRINT,
    TIME,
    TITLE,
    TITLE_DERIVED,
    URL,
    VALUE_SEPARATOR,
)
from search.ingest.model import Article

# Bump when analysis or enrichment changes what an article becomes in the index, so
# the next incremental run re-indexes everything instead of trusting old hashes.
PIPELINE_VERSION = "10"

# The ``line`` stored for an article that is a whole file rather than a JSONL record.
WHOLE_FILE = 0
# The language of an article stored without one.
UNKNOWN_LANGUAGE = "unknown"


def content_hash(article: Article) -> str:
    """Fingerprint of everything indexed about an article, to skip unchanged ones."""
    digest = hashlib.sha1(PIPELINE_VERSION.encode())
    for value in (article.title, article.body, article.date, article.time,
                  article.source, article.url, article.category, article.title_derived, article.dateline):
        digest.update(b"\x1f" + str(value).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def to_document(article: Article, digest: str) -> dict[str, Any]:
    """Field values for Whoosh; empty optional fields are left out rather than stored blank.

    A title cut from the lead sentence is stored to be shown but indexed as nothing: its
    words are the body's, and scoring them again as a title (2.5x) ranked any article
    whose lead shared a word with the query above the one that answered it."""
    text = article.body if article.title_derived else f"{article.title}\n\n{article.body}"
    entities = with_dateline_region(extract_entities(text), article.dateline)
    fields: dict[str, Any] = {
        ID: article.id,
        TITLE_DERIVED: article.title_derived or None,
        BODY: article.body,
        LANGUAGE: detect_language(article.body),
        ORIGIN: article.origin,
        LINE: article.line or WHOLE_FILE,
        CONTENT_HASH: digest,
        DATE: date_number(article.date),
        TIME: article.time,
        SOURCE: article.source,
        URL: article.url,
        CATEGORY: article.category,
        DATELINE: article.dateline,
        STORY_FINGERPRINT: story_fingerprint(article.body),
        **{name: _joined(values) for name, values in entities.items()},
    }
    document = {name: value for name, value in fields.items() if value not in (None, "")}
    if article.title_derived:
        document.update({TITLE: "", f"_stored_{TITLE}": article.title})
    else:
        document[TITLE] = article.title
    return document


@dataclass(frozen=True)
class StoredArticle:
    """An article as the index stored it; ``entities`` maps each entity facet to its values,
    most salient first."""

    id: str
    title: str
    body: str
    date: dt.date | None
    time: str | None
    source: str | None
    url: str | None
    category: str | None
    dateline: str | None
    language: str
    entities: Mapping[str, list[str]]


def read_article(searcher: Searcher, docnum: int) -> StoredArticle:
    """The stored article ``docnum`` of ``searcher``."""
    return stored_article(searcher.stored_fields(docnum))


def stored_article(fields: Mapping[str, Any]) -> StoredArticle:
    """The inverse of :func:`to_document`: stored field values back into an article."""
    return StoredArticle(
        id=fields[ID],
        title=fields.get(TITLE, ""),
        body=fields.get(BODY, ""),
        date=number_date(fields.get(DATE)),
        time=fields.get(TIME),
        source=fields.get(SOURCE),
        url=fields.get(URL),
        category=fields.get(CATEGORY),
        dateline=fields.get(DATELINE),
        language=fields.get(LANGUAGE, UNKNOWN_LANGUAGE),
        entities={name: split_values(fields.get(name)) for name in ENTITY_FIELDS},
    )


def _joined(values: list[str]) -> str:
    return VALUE_SEPARATOR.join(value.replace(VALUE_SEPARATOR, " ") for value in values)


def split_values(joined: str | None) -> list[str]:
    """A stored multi-valued field back into its values (the inverse of joining them)."""
    return [value.strip() for value in joined.split(VALUE_SEPARATOR) if value.strip()] if joined else []


def date_number(day: dt.date | None) -> int | None:
    """``2015-10-25`` → ``20151025``, the form the ``date`` field stores."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


def number_date(number: int | None) -> dt.date | None:
    """Inverse of :func:`date_number`; None for undated articles."""
    return dt.date(number // 10000, number // 100 % 100, number % 100) if number else None
