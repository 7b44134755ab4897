"""Names typed in a query, resolved to the canonical facet values they stand for.

A reader who searches ``daesh`` or ``lavrov`` means the entity, whatever spelling the
articles used; the gazetteer's aliases say which canonical value that is. Queries are
typed in any case, so matching is case- and accent-free; a one-word alias therefore
counts only when it cannot be an ordinary word: an acronym of three letters or more
(``kpk``, not ``as``), or a name the corpus never writes in lower case (``lavrov``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from search.entities.gazetteer import COUNTRY, ORG, PERSON, gazetteer
from search.entities.lexicon import is_common_word
from search.entities.normalize import fold_key
from search.facet_table import COUNTRIES, ORGANIZATIONS, PEOPLE

LABEL_FACETS = {PERSON: PEOPLE, COUNTRY: COUNTRIES, ORG: ORGANIZATIONS}
# Longest alias looked for, in words.
MAX_ALIAS_WORDS = 6
# Shorter acronyms (``AS``, ``RI``) are ordinary words or letters in a typed query.
MIN_ACRONYM = 3


@dataclass(frozen=True)
class NamedEntity:
    """Words ``start``..``end`` of the query name ``canonical`` in ``facet``."""

    start: int
    end: int
    facet: str
    canonical: str


@lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[str, str]]:
    """Folded alias → (facet, canonical value), read from the gazetteer once per process."""
    table: dict[str, tuple[str, str]] = {}
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
