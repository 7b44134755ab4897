"""Names typed in a query, resolved to the canonical facet values they stand for.

A reader who searches ``daesh`` or ``lavrov`` means the entity, whatever spelling the
articles used; the gazetteer's aliases say which canonical value that is. Queries are
typed in any case, so matching is case- and accent-free; a one-word alias therefore
counts only when it cannot be an ordinary word: an acronym of three letters or more
(``kpk``, not ``as``), or a name the corpus never writes in lower case (``lavrov``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.entities.gazetteer import COUNTRY, ORG, PERSON, gazetteer
from search.entities.lexicon import is_common_word
from search.entities.normalize import fold_key
from search.entities.saved_aliases import AliasTable, read_aliases
from search.facet_table import COUNTRIES, ORGANIZATIONS, PEOPLE

LABEL_FACETS = {PERSON: PEOPLE, COUNTRY: COUNTRIES, ORG: ORGANIZATIONS}
# Longest alias looked for, in words.
MAX_ALIAS_WORDS = 6
# Shorter acronyms (``AS``, ``RI``) are ordinary words or letters in a typed query.
MIN_ACRONYM = 3

log = logging.getLogger(__name__)
# Where a saved copy of the table may be read (``offer_saved_aliases``).
_offered: list[Path] = []


@dataclass(frozen=True)
class NamedEntity:
    """Words ``start``..``end`` of the query name ``canonical`` in ``facet``."""

    start: int
    end: int
    facet: str
    canonical: str


def offer_saved_aliases(path: Path) -> None:
    """A saved copy of the table (``search.entities.saved_aliases``) that ``alias_table`` may
    read instead of building the gazetteer; nothing is read until a query needs the table."""
    _offered[:] = [path]


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    """Folded alias → (facet, canonical value), once per process: read from the copy saved
    with the index when it was computed from this code and these lists, else computed from
    the gazetteer (0.2-0.3 s, most of it building the gazetteer)."""
    for path in _offered:
        saved = read_aliases(path)
        if saved is not None:
            return saved
    started = time.perf_counter()
    table = computed_alias_table()
    log.info("entity aliases computed from the gazetteer in %.2f s%s", time.perf_counter() - started,
             "" if _offered else " (no saved copy offered)")
    return table


def computed_alias_table() -> AliasTable:
    """The table from the gazetteer's surfaces: every name of a person, country or organization,
    one-word names only when distinctive."""
    table: AliasTable = {}
    for words, entry in gazetteer().trie.items():
        facet = LABEL_FACETS.get(entry.label)
        if facet is None or entry.canonical is None:
            continue
        key = fold_key(" ".join(words))
        if len(words) == 1 and not _distinctive(words[0]):
            continue
        table.setdefault(key, (facet, entry.canonical))
    return table


def _distinctive(word: str) -> bool:
    if word.isupper():
        return len(word) >= MIN_ACRONYM
    return not is_common_word(word)


def named_entities(words: Sequence[str]) -> list[NamedEntity]:
    """Known names among ``words``, longest match first, left to right."""
    table = alias_table()
    folded = [fold_key(word) for word in words]
    found = []
    start = 0
    while start < len(folded):
        for end in range(min(len(folded), start + MAX_ALIAS_WORDS), start, -1):
            hit = table.get(" ".join(folded[start:end]))
            if hit is not None:
                found.append(NamedEntity(start, end, *hit))
                start = end
                break
        else:
            start += 1
    return found
