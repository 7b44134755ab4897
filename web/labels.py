"""The Indonesian names the page gives to facets, sort orders and languages."""

from __future__ import annotations

from dataclasses import dataclass

from search.query.params import FACET_PARAMS


@dataclass(frozen=True)
class FacetLabel:
    """How one facet appears: its heading, its URL parameter and what its search box says."""

    facet: str
    param: str
    label: str
    search_placeholder: str


_PARAM_OF = {facet: param for param, facet in FACET_PARAMS.items()}

# Sidebar order: who, where and which organisation first; they are what news is about.
FACET_LABELS: tuple[FacetLabel, ...] = tuple(
    FacetLabel(facet, _PARAM_OF[facet], label, placeholder)
    for facet, label, placeholder in (
        ("people", "Tokoh", "Cari tokoh…"),
        ("countries", "Negara", "Cari negara…"),
        ("organizations", "Organisasi", "Cari organisasi…"),
        ("source", "Sumber", "Cari sumber…"),
        ("language", "Bahasa", "Cari bahasa…"),
        ("year", "Tahun", "Cari tahun…"),
    )
)
LABEL_OF = {entry.facet: entry for entry in FACET_LABELS}

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
    return language_name(value) if facet == "language" else value
