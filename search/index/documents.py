"""Turn an ingested article into the field values the index stores."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from search.analysis.language import detect_language
from search.entities import extract_entities
from search.index.schema import TITLE_DERIVED, VALUE_SEPARATOR
from search.ingest.model import Article

# Bump when analysis or enrichment changes what an article becomes in the index, so
# the next incremental run re-indexes everything instead of trusting old hashes.
PIPELINE_VERSION = "6"

# The ``line`` stored for an article that is a whole file rather than a JSONL record.
WHOLE_FILE = 0


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
    entities = extract_entities(text)
    fields: dict[str, Any] = {
        "id": article.id,
        TITLE_DERIVED: article.title_derived or None,
        "body": article.body,
        "language": detect_language(article.body),
        "origin": article.origin,
        "line": article.line or WHOLE_FILE,
        "content_hash": digest,
        "date": date_number(article.date),
        "time": article.time,
        "source": article.source,
        "url": article.url,
        "category": article.category,
        "dateline": article.dateline,
        **{name: _joined(values) for name, values in entities.items()},
    }
    document = {name: value for name, value in fields.items() if value not in (None, "")}
    if article.title_derived:
        document.update(title="", _stored_title=article.title)
    else:
        document["title"] = article.title
    return document


def _joined(values: list[str]) -> str:
    return VALUE_SEPARATOR.join(value.replace(VALUE_SEPARATOR, " ") for value in values)


def date_number(day: dt.date | None) -> int | None:
    """``2015-10-25`` → ``20151025``, the form the ``date`` field stores."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


def number_date(number: int | None) -> dt.date | None:
    """Inverse of :func:`date_number`; None for undated articles."""
    return dt.date(number // 10000, number // 100 % 100, number % 100) if number else None
