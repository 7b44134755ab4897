"""Government ministries: one canonical per ministry, whatever word or country form names it.

``Departemen Luar Negeri AS``, ``Kementerian Luar Negeri Amerika Serikat`` and ``Deplu AS``
are one body; ``Kemenlu``, ``Kementerian Luar Negeri RI`` and a bare ``Kementerian Luar
Negeri`` in Indonesian news are another.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from search.entities.wordlists import rows, split_list

_TABLE = "ministries.tsv"
MINISTRY_WORDS = ("Kementerian", "Departemen")
# "Departemen" is what Indonesian news calls a US ministry ("Departemen Luar Negeri AS");
# its own ministries have been "Kementerian" since 2009.
US_STYLE_WORD = "Departemen"
INDONESIA = "Indonesia"
_INDONESIA_SUFFIXES = ("RI", "Republik Indonesia", "Indonesia")


@dataclass(frozen=True, slots=True)
class Ministry:
    """One portfolio (``Luar Negeri``) with the short forms of Indonesia's ministry for it."""

    portfolio: str
    short_forms: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return f"Kementerian {self.portfolio}"


@lru_cache(maxsize=1)
def ministries() -> tuple[Ministry, ...]:
    """The portfolios of ``ministries.tsv``."""
    return tuple(Ministry(portfolio, tuple(split_list(short))) for portfolio, short in rows(_TABLE, 2))


def ministry_surfaces() -> Iterator[tuple[str, Ministry]]:
    """Every way of writing an Indonesian ministry's name, unqualified or with ``RI``; wire
    translations write the portfolio in lower case (``Kementerian pertahanan Rusia``), and
    the whole name too (``kementerian luar negeri``: ``departemen`` in lower case is any
    department, ``kementerian`` only a ministry)."""
    for ministry in ministries():
        bases = [f"{word} {portfolio}" for word in MINISTRY_WORDS
                 for portfolio in dict.fromkeys((ministry.portfolio, ministry.portfolio.lower()))]
        bases.append(f"{MINISTRY_WORDS[0].lower()} {ministry.portfolio.lower()}")
        for base in (*bases, *ministry.short_forms):
            yield base, ministry
            for suffix in _INDONESIA_SUFFIXES:
                yield f"{base} {suffix}", ministry


def ministry_of(ministry: Ministry, country: str | None) -> str:
    """Canonical name of a portfolio's ministry in a country (Indonesia when None)."""
    if country in (None, INDONESIA):
        return ministry.canonical
    return f"{ministry.canonical} {country}"
