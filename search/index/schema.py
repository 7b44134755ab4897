"""The Whoosh schema: what a search needs to match, rank, filter, facet and render."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis.analyzer import text_analyzer
from search.facet_table import ENTITY_FACETS

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
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=TEXT(analyzer=analyzer, stored=True),
        **{TITLE_DERIVED: STORED()},
        body=TEXT(analyzer=analyzer, stored=True),
        date=NUMERIC(int, bits=32, signed=False, stored=True, sortable=True, default=UNDATED),
        time=STORED(),
        source=ID(stored=True),
        url=STORED(),
        category=ID(stored=True),
        dateline=ID(stored=True),
        language=ID(stored=True),
        **{name: _entity_field() for name in ENTITY_FIELDS},
        origin=ID(stored=True, sortable=True),
        line=NUMERIC(stored=True, sortable=True),
        content_hash=ID(stored=True, sortable=True),
    )
