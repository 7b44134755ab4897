"""The Whoosh schema: what a search needs to match, rank, filter, facet and render."""

from __future__ import annotations

from whoosh import fields as whoosh_fields
from whoosh.columns import FixedBytesColumn
from whoosh.fields import COLUMN, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis.analyzer import text_analyzer
from search.analysis.fingerprint import SIGNATURE_BYTES
from search.facet_table import CATEGORY, ENTITY_FACETS, LANGUAGE, SOURCE

# Field names, declared once: what ingest writes (``documents.to_document``), what a
# stored article reads back as (``documents.stored_article``) and what queries search.
# The facets' fields are named in ``search.facet_table``.
ID, TITLE, BODY, DATE, TIME, URL, DATELINE = (
    "id", "title", "body", "date", "time", "url", "dateline")
ORIGIN, LINE, CONTENT_HASH = "origin", "line", "content_hash"
# The body's MinHash signature (``search.analysis.fingerprint``), a column only: read once per index
# version to group copies of one story, never searched or shown.
STORY_FINGERPRINT = "story_fingerprint"
# Multi-valued entity fields, one per entity facet (``search.facet_table``).
ENTITY_FIELDS = ENTITY_FACETS

# Dates are stored as yyyymmdd numbers: compact, sortable, range-filterable; undated
# articles get 0 in the sort column so they come last when browsing newest first.
UNDATED = 0

# Stored True when the title was cut from the lead sentence: shown, never indexed as a title.
TITLE_DERIVED = "title_derived"

# Whoosh's keyword fields split on commas; entity names never contain one.
VALUE_SEPARATOR = ","


def _entity_field() -> KEYWORD:
    return KEYWORD(stored=True, lowercase=False, commas=True, scorable=False)


def build_schema(stemmer: str) -> Schema:
    """A schema whose text fields stem with ``stemmer``; the choice is stored in the index."""
    analyzer = text_analyzer(stemmer)
    return Schema(**{
        ID: whoosh_fields.ID(stored=True, unique=True, sortable=True),
        TITLE: TEXT(analyzer=analyzer, stored=True),
        TITLE_DERIVED: STORED(),
        BODY: TEXT(analyzer=analyzer, stored=True),
        DATE: NUMERIC(int, bits=32, signed=False, stored=True, sortable=True, default=UNDATED),
        TIME: STORED(),
        SOURCE: whoosh_fields.ID(stored=True),
        URL: STORED(),
        CATEGORY: whoosh_fields.ID(stored=True),
        DATELINE: whoosh_fields.ID(stored=True),
        LANGUAGE: whoosh_fields.ID(stored=True),
        **{name: _entity_field() for name in ENTITY_FIELDS},
        ORIGIN: whoosh_fields.ID(stored=True, sortable=True),
        LINE: NUMERIC(stored=True, sortable=True),
        CONTENT_HASH: whoosh_fields.ID(stored=True, sortable=True),
        STORY_FINGERPRINT: COLUMN(FixedBytesColumn(SIGNATURE_BYTES)),
    })


def missing_fields(schema: Schema) -> list[str]:
    """The fields this version writes that an index's own ``schema`` lacks, sorted. An index
    built before a field was added cannot answer the facets and filters that read it: the
    builder rebuilds it, and a server refuses it with that reason instead of a ``KeyError``
    on the first search. (Field names do not depend on the stemmer.)"""
    return sorted(set(build_schema("none").names()) - set(schema.names()))

