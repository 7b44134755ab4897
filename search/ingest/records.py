"""One JSON record (CLICK-ID style) into an article.

CLICK-ID stores each article as one string: paragraphs joined by bare commas, and
every hyperlinked word cut out, leaving holes like ``jika , dapat`` or ``oleh ,.``.
The paragraphs are recovered from the commas that follow a sentence end, and the
holes are tidied without guessing the missing words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from search.ingest.characters import normalise_characters
from search.ingest.dates import parse_date, plausible_date
from search.ingest.derived_titles import derive_title
from search.ingest.errors import EmptyTextError
from search.ingest.furniture import is_furniture, remove_furniture
from search.ingest.holes import tidy_holes
from search.ingest.model import Article
from search.ingest.publisher import Dateline, take_dateline
from search.ingest.publisher_names import publisher_name

TEXT_FIELDS = ("content", "body", "text")
PARAGRAPH_SEPARATOR = "\n\n"
ID_HEX_CHARS = 16
_MISSING_VALUES = {"", "-"}
# Capitals this short in a rubric are an acronym (``TV``), kept as written.
MAX_CATEGORY_ACRONYM = 3

# A comma straight after a sentence end (and its closing quote) joins two paragraphs, and
# one after a colon joins a list's lead-in to its first item (``berikut:,1. Langsung``).
# Spared look-alikes: ``?," tulis dia`` (the quote closes after the comma) and
# ``S.H.,M.H.`` (degrees after a name).
_PARAGRAPH_JOIN = re.compile(r"([.!?…][\"'”’»)“‘]*|:)\s?,+(?![A-Z]\.[A-Z])(?![\"”'’]\s)")
# "Read also" links, credits and syndication notes were inlined up to the next joining
# comma; put each on a line of its own so the furniture rules can see it whole.
_INLINE_INSERT = re.compile(
    r"\(\s*(?:baca|lihat|simak) (?:juga|pula)\b[^()]*\)"
    r"|\b(?:(?-i:Baca|BACA|Lihat|LIHAT|Simak|SIMAK) (?:juga|pula)\b|(?-i:Artikel) ini (?:telah )?tayang\b"
    r"|(?-i:Foto|FOTO|Penulis|Reporter|Editor|Sumber|Rep|Red)\s*:)"
    r"(?:[^,\n]|,\s){0,160}?(?:,+(?=\S)|,*\s*$)",
    re.IGNORECASE,
)
# The quotation of an embedded post that was cut out: ``"," kata akun,.``
_EMPTY_QUOTATION = re.compile(r"(?<![^\s,])(?:[\"“”](?:[\s,.]*[\"“”])+|''(?:[\s,.]*'')+|‘[\s,.]*’)(?!\w)")
_ATTRIBUTION_MAX_WORDS = 6
_SENTENCE_SPLIT = re.compile(r"[.!?]+")

_LEADING_JUNK = re.compile(r"^(?:[\s,;:\-–—]|#(?![^\W_]))+")
_TRAILING_JUNK = re.compile(r"[\s,]+$")


def _tidy_holes(text: str) -> str:
    """Holes tidied, and what a cut-out dateline link leaves at the edges (``, - ``) dropped."""
    return _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", tidy_holes(text)))


def _is_orphaned_attribution(paragraph: str) -> bool:
    """Only ``kata akun. balas warganet.`` left once the quoted posts were cut out."""
    clauses = [clause.split() for clause in _SENTENCE_SPLIT.split(paragraph)]
    return all(
        len(words) <= _ATTRIBUTION_MAX_WORDS and words[0][0].islower() for words in clauses if words
    )


def _clean_paragraph(paragraph: str) -> str | None:
    without_quotes, quotations_cut = _EMPTY_QUOTATION.subn("", paragraph)
    tidied = _tidy_holes(without_quotes)
    if quotations_cut and _is_orphaned_attribution(tidied):
        return None
    return tidied


def _without_glued_sign_off(text: str) -> str:
    """Drop furniture glued to the end by a bare comma (``...(red),loading...``)."""
    head, comma, tail = text.rpartition(",")
    if comma and not tail[:1].isspace() and is_furniture(tail.strip()):
        return head
    return text


def split_paragraphs(content: str) -> list[str]:
    """The paragraphs of comma-joined content, holes tidied and empty ones dropped."""
    text = _without_glued_sign_off(normalise_characters(content))
    text = _INLINE_INSERT.sub(lambda match: f"\n{match.group().rstrip(', ')}\n", text)
    text = _PARAGRAPH_JOIN.sub("\\1\n", text)
    cleaned = (_clean_paragraph(paragraph) for paragraph in text.split("\n"))
    return [paragraph for paragraph in cleaned if paragraph]


def _title(record: Mapping[str, Any]) -> str | None:
    """The record's title with its link holes tidied like the body's."""
    title = _field(record, "title")
    if title is None:
        return None
    return _tidy_holes(title) or None


def _field(record: Mapping[str, Any], name: str) -> str | None:
    """A metadata field as clean text; absent, empty and ``-`` all mean unknown."""
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(normalise_characters(str(value)).split())
    return None if text in _MISSING_VALUES else text


def category_name(text: str) -> str:
    """A publisher's rubric in one casing, so that the category facet counts ``nasional``,
    ``Nasional`` and ``NASIONAL`` as one value (CLICK-ID has all three): a rubric written all
    in lower case or all in capitals is capitalised word by word; an acronym of up to
    :data:`MAX_CATEGORY_ACRONYM` letters (``TV``) and mixed case (``SerbaSerbi``) stay as written."""
    if text.islower() or (text.isupper() and len(text) > MAX_CATEGORY_ACRONYM):
        return " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))
    return text


def _category(record: Mapping[str, Any]) -> str | None:
    text = _field(record, "category")
    return category_name(text) if text else None


def _source(record: Mapping[str, Any], dateline: Dateline | None) -> str | None:
    """The publisher the record names, else the one its dateline names, under its one name
    (``KOMPAS.com`` and ``kompas.com`` are both ``Kompas.com``)."""
    source = _field(record, "source") or (dateline.publisher if dateline else None)
    return publisher_name(source) if source else None


def _raw_text(record: Mapping[str, Any]) -> str:
    for name in TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    raise EmptyTextError("empty text")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def parse_record(obj: Mapping[str, Any], *, origin: str, line: int) -> Article:
    """Clean one record into an article; :class:`EmptyTextError` if it has no text."""
    raw_text = _raw_text(obj)
    given_title = _title(obj)
    dateline, paragraphs = take_dateline(remove_furniture(split_paragraphs(raw_text), title=given_title))
    if not paragraphs:
        raise EmptyTextError("empty text")
    if given_title:
        title, body, title_derived = given_title, paragraphs, False
    else:
        title, body, title_derived = derive_title(paragraphs)
    url = _field(obj, "url")
    date_text = _field(obj, "date")
    date, notes = plausible_date(parse_date(date_text) if date_text else None, date_text or "")
    return Article(
        id=_field(obj, "id") or _short_hash(url or raw_text),
        title=title,
        body=PARAGRAPH_SEPARATOR.join(body),
        title_derived=title_derived,
        origin=origin,
        line=line,
        date=date,
        time=_field(obj, "time"),
        source=_source(obj, dateline),
        url=url,
        category=_category(obj),
        dateline=dateline.place if dateline else None,
        notes=notes,
    )
