"""The facets, declared once: every list of facet names, URL parameters, CLI flags and labels derives from here.

A facet narrows the results (OR within a facet, AND across facets) and lists how many
articles carry each of its values. Its ``kind`` says where the values come from, and so
how the index is read for it: entity facets are keyword fields filled by entity
extraction, field facets hold the one value ingest stored, and the year is derived
from the date. A new facet is one more row here (and, for a stored one, a field in
``search.index.schema``); ``tests/test_facet_table.py`` checks every row is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FacetKind(Enum):
    ENTITY = "entity"  # many values per article, found by entity extraction
    FIELD = "field"  # one value per article, stored by ingest
    YEAR = "year"  # derived from the article's date


@dataclass(frozen=True)
class Facet:
    """One facet: its name (request key, index field, JSON key) and how each surface spells it."""

    name: str
    param: str  # URL parameter: ``?person=...``
    flag: str  # ``telusur search`` option: ``--person ...``
    label: str  # sidebar heading, in Bahasa Indonesia
    search_placeholder: str  # what the facet's search box says
    kind: FacetKind
    # URL path segment of the value's entity page (``/tokoh/<name>``); entity facets only.
    page: str = ""


PEOPLE, COUNTRIES, ORGANIZATIONS, REGION, SOURCE, CATEGORY, LANGUAGE, YEAR = (
    "people", "countries", "organizations", "region", "source", "category", "language", "year")

# Sidebar order: who, where and which organisation first; they are what news is about.
# ``region`` is the Indonesian province (cities and regencies folded in); ``category`` the
# rubric a record gives (CLICK-ID's ``category``), absent from plain text files.
FACET_TABLE: tuple[Facet, ...] = (
    Facet(PEOPLE, "person", "--person", "Tokoh", "Cari tokoh…", FacetKind.ENTITY, page="tokoh"),
    Facet(COUNTRIES, "country", "--country", "Negara", "Cari negara…", FacetKind.ENTITY, page="negara"),
    Facet(ORGANIZATIONS, "org", "--org", "Organisasi", "Cari organisasi…", FacetKind.ENTITY, page="organisasi"),
    Facet(REGION, "region", "--region", "Wilayah", "Cari provinsi…", FacetKind.ENTITY, page="wilayah"),
    Facet(SOURCE, "source", "--source", "Sumber", "Cari sumber…", FacetKind.FIELD),
    Facet(CATEGORY, "category", "--category", "Kategori", "Cari kategori…", FacetKind.FIELD),
    Facet(LANGUAGE, "lang", "--lang", "Bahasa", "Cari bahasa…", FacetKind.FIELD),
    Facet(YEAR, "year", "--year", "Tahun", "Cari tahun…", FacetKind.YEAR),
)

FACETS: tuple[str, ...] = tuple(facet.name for facet in FACET_TABLE)
# Multi-valued keyword fields of the index, filled by entity extraction; values keep their case.
ENTITY_FACETS: tuple[str, ...] = tuple(facet.name for facet in FACET_TABLE if facet.kind is FacetKind.ENTITY)
FACET_OF: dict[str, Facet] = {facet.name: facet for facet in FACET_TABLE}
# Facets whose values have a page of their own (``/tokoh/<name>``), by path segment.
ENTITY_PAGES: dict[str, Facet] = {facet.page: facet for facet in FACET_TABLE if facet.page}
