"""The region facet's table: Indonesia's provinces, and the cities, regencies and places of each.

Read once per process from ``provinces.tsv`` and ``regions.tsv``; the rules that decide
whether a name in an article is a mention are in ``regions``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from search.entities.tokens import NEWLINE, tokenize
from search.entities.wordlists import rows, split_list

PROVINCES, REGIONS = "provinces.tsv", "regions.tsv"
PROVINSI, KOTA, KABUPATEN, TEMPAT = "provinsi", "kota", "kabupaten", "tempat"
# Bodies whose name names the place they govern, police or judge: the place they name is
# where the news is (``Polda Jatim``), with the kind of place their jurisdiction is.
JURISDICTIONS: dict[str, str | None] = {
    "polda": PROVINSI, "pemprov": PROVINSI, "kejati": PROVINSI, "bnnp": PROVINSI, "kanwil": PROVINSI,
    "pemkot": KOTA, "polresta": KOTA, "polrestabes": KOTA, "pemkab": KABUPATEN,
    **dict.fromkeys("polres polrestro polsek kepolisian pemda pemerintah dprd kejari kejaksaan pengadilan pn kpu kpud "
                    "bawaslu bpbd dinas disdik dinkes bappeda kodim korem satpol bnnk rsud".split()),
}
_QUALIFIED, _NO_PLACE = "=", "!"


@dataclass(frozen=True, slots=True)
class RegionName:
    """One name of a place: its province (None for a name that holds a region's name but
    names no place), its kind, and whether it counts only after its kind word."""

    province: str | None
    kind: str
    qualified: bool


def name_words(name: str) -> tuple[str, ...]:
    """A name's tokens, lower-cased: the key it is looked up under."""
    return tuple(token.text.lower() for token in tokenize(name) if token.kind != NEWLINE)


def _table_rows() -> Iterator[tuple[str, RegionName]]:
    for province, short_forms in rows(PROVINCES, 2):
        for name in (province, *split_list(short_forms)):
            yield name, RegionName(province, PROVINSI, False)
    for province, kind, names in rows(REGIONS, 3):
        for name in split_list(names):
            if name.startswith(_NO_PLACE):
                yield name[1:], RegionName(None, kind, False)
            else:
                qualified = name.startswith(_QUALIFIED)
                yield name.removeprefix(_QUALIFIED), RegionName(province, kind, qualified)


@lru_cache(maxsize=1)
def region_names() -> dict[tuple[str, ...], tuple[RegionName, ...]]:
    """Lower-cased words of every name → what it names (a name may be a city and a regency)."""
    table: dict[tuple[str, ...], list[RegionName]] = {}
    for name, region in _table_rows():
        table.setdefault(name_words(name), []).append(region)
    return {words: tuple(regions) for words, regions in table.items()}


def province_of(regions: tuple[RegionName, ...], kind: str | None = None) -> str | None:
    """The one province ``regions`` name, read after a kind word (``kind``) or alone (None):
    alone, names that need their kind word do not count, and a name of two provinces names
    none; after a kind word, the names of that kind decide when there are any."""
    if kind is None:
        candidates = [region for region in regions if not region.qualified]
    else:
        candidates = [region for region in regions if region.kind == kind] or list(regions)
    named = {region.province for region in candidates}
    return named.pop() if len(named) == 1 else None


@lru_cache(maxsize=1)
def gazetteer_surfaces() -> list[tuple[str, str | None]]:
    """(name as written, province or None) for the gazetteer's trie: every name that may stand
    alone, with the province it names alone (None where it names none or two)."""
    surfaces = []
    for name, _ in _table_rows():
        regions = region_names()[name_words(name)]
        if any(not region.qualified for region in regions):
            surfaces.append((name.removeprefix(_QUALIFIED), province_of(regions)))
    return list(dict.fromkeys(surfaces))


def place_names() -> list[str]:
    """Every name of a province, city, regency or place, as written (for the answer-type rules)."""
    return list(dict.fromkeys(name for name, region in _table_rows() if region.province is not None))


@lru_cache(maxsize=1)
def provinces() -> frozenset[str]:
    """The facet's values: the provinces' names."""
    return frozenset(province for province, _ in rows(PROVINCES, 2))
