"""The Indonesian names the page gives to facets, sort orders and languages."""

from __future__ import annotations

from search.facet_table import FACET_OF, FACET_TABLE, LANGUAGE

# Facet headings, URL parameters and search box texts are declared with the facets,
# in sidebar order; the page reads them under these names.
FACET_LABELS = FACET_TABLE
LABEL_OF = FACET_OF

SORT_LABELS = {"relevance": "Relevansi", "newest": "Terbaru", "oldest": "Terlama"}

_LANGUAGES = {
    "id": "Indonesia", "en": "Inggris", "ms": "Melayu", "jv": "Jawa", "su": "Sunda", "ar": "Arab",
    "nl": "Belanda", "tl": "Tagalog", "unknown": "Tidak diketahui",
}


def language_name(code: str | None) -> str:
    """``id`` → ``Indonesia``; codes without a name are shown as they are."""
    if not code:
        return _LANGUAGES["unknown"]
    return _LANGUAGES.get(code, code)


def facet_value_label(facet: str, value: str) -> str:
    """What a facet value reads as; only languages are stored as codes."""
    return language_name(value) if facet == LANGUAGE else value
