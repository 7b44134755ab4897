"""Every country under one everyday Indonesian name, with the aliases news uses for it.

pycountry is the maintained list (ISO 3166-1 with Indonesian translations); ``countries.tsv``
corrects its formal names (``Federasi Rusia`` → ``Rusia``, ``Republik Arab Syria`` →
``Suriah``) and adds the short forms of the press (``AS``, ``Korsel``, ``Negeri Jiran``).
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterator
from functools import lru_cache

import pycountry

from search.entities.lexicon import is_common_word
from search.entities.normalize import fold_key
from search.entities.wordlists import rows, split_list

logger = logging.getLogger(__name__)

_OVERRIDES = "countries.tsv"
_DROP, _KEEP = "-", "="
# English names that are more often something else in Indonesian text.
_UNSAFE_ENGLISH = frozenset({"Jordan", "Turkey", "Chad", "Guinea", "Niger", "Man", "Jersey", "Georgia"})
# Country names that are also common first names: counted only when no other name word
# stands beside them (``Chad`` the country, not ``Chad Smith``).
NAME_LIKE_COUNTRIES = frozenset({"Chad", "Georgia", "Yordania", "Israel", "Kenya", "India", "Dominika"})
# Alias that may be written only in capitals (``as`` is a preposition, ``AS`` the country).
UPPER_ONLY_MIN_LENGTH = 4


def _read_overrides() -> dict[str, tuple[str, list[str]]]:
    return {code: (canonical, split_list(aliases)) for code, canonical, aliases in rows(_OVERRIDES, 3)}


def _english_names(country: object) -> list[str]:
    names = [getattr(country, field, "") for field in ("name", "common_name", "official_name")]
    return [name for name in names if name and "," not in name and name not in _UNSAFE_ENGLISH]


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """Every alias (as written, case-sensitive) → canonical Indonesian name."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    overrides = _read_overrides()
    aliases: dict[str, str] = {}
    for country in pycountry.countries:
        canonical, extra = overrides.get(country.alpha_2, (_KEEP, []))
        if canonical == _DROP:
            continue
        indonesian = translation.gettext(country.name)
        if canonical == _KEEP:
            canonical = indonesian
        names = [canonical, *extra, *_english_names(country)]
        if "," not in indonesian:
            names.append(indonesian)
        for name in names:
            aliases.setdefault(name, canonical)
    for code, (canonical, extra) in overrides.items():
        if not pycountry.countries.get(alpha_2=code) and canonical not in (_DROP, _KEEP):
            for name in (canonical, *extra):
                aliases.setdefault(name, canonical)
    logger.debug("%d country aliases", len(aliases))
    return aliases


def country_surfaces() -> Iterator[tuple[str, str]]:
    """(alias, canonical) pairs for the gazetteer."""
    yield from country_aliases().items()


@lru_cache(maxsize=1)
def _folded_aliases() -> dict[str, str]:
    return {fold_key(alias): canonical for alias, canonical in country_aliases().items()
            if len(alias) >= UPPER_ONLY_MIN_LENGTH}


def canonical_country(name: str) -> str | None:
    """The canonical country a name refers to, or None (``Syria`` → ``Suriah``; ``Moskow`` → None)."""
    name = " ".join(name.split())
    exact = country_aliases().get(name)
    if exact:
        return exact
    return _folded_aliases().get(fold_key(name))


def is_sentence_word(alias: str) -> bool:
    """A one-word alias that is also an everyday word (``Cuba`` = "try") needs running text to count."""
    return " " not in alias and is_common_word(alias)
