"""All known names in one token trie, scanned once per article (longest match wins).

One dictionary walk per token replaces a thousand regular expressions: the cost of an
article is its length, not the size of the lists.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from search.entities.countries import country_surfaces
from search.entities.cues import NOT_NAME_WORDS
from search.entities.lexicon import is_common_word
from search.entities.ministries import Ministry, ministry_surfaces
from search.entities.normalize import NAME_PARTICLES, fold_key, name_key
from search.entities.spans import Span
from search.entities.tokens import NEWLINE, Token, tokenize

logger = logging.getLogger(__name__)

COUNTRY, ORG, PERSON, PLACE = "country", "org", "person", "place"
_DATA = Path(__file__).with_name("data")
_NO_SURNAME = "!"
_END = ""
MIN_SURNAME_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    canonical: str | None
    ministry: Ministry | None = None


def surface_words(surface: str) -> list[str]:
    """The token texts of a name, as the trie stores them."""
    return [token.text for token in tokenize(surface) if token.kind != NEWLINE]


def _token_keys(token: Token) -> tuple[str, ...]:
    if token.upper and len(token.text) > 2:
        return token.text, token.text.capitalize()
    return (token.text,)


class Trie:
    """Token sequences → entries, matched case-sensitively (``AS`` is not ``as``)."""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, surface: str, entry: Entry) -> bool:
        """Store a surface; False (and no change) when it already names something else."""
        node = self._root
        for word in surface_words(surface):
            node = node.setdefault(word, {})
        if _END in node:
            return node[_END] == entry
        node[_END] = entry
        return True

    def __contains__(self, surface: str) -> bool:
        node = self._root
        for word in surface_words(surface):
            if word not in node:
                return False
            node = node[word]
        return _END in node

    def longest(self, tokens: list[Token], start: int) -> tuple[int, Entry] | None:
        """The longest stored sequence starting at ``tokens[start]``: (end, entry)."""
        best = None
        frontier = [(self._root, start)]
        while frontier:
            node, index = frontier.pop()
            if _END in node and (best is None or index > best[0]):
                best = (index, node[_END])
            if index < len(tokens) and tokens[index].kind != NEWLINE:
                for key in _token_keys(tokens[index]):
                    child = node.get(key)
                    if child is not None:
                        frontier.append((child, index + 1))
        return best


def _read_table(name: str) -> Iterator[tuple[str, list[str], bool]]:
    """(canonical, aliases, surname alias allowed) rows of a ``canonical<TAB>a;b`` file."""
    with (_DATA / name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            canonical, aliases = (line.rstrip("\n").split("\t") + [""])[:2]
            allow_surname = not aliases.startswith(_NO_SURNAME)
            aliases = aliases.removeprefix(_NO_SURNAME)
            yield canonical.strip(), [alias.strip() for alias in aliases.split(";") if alias.strip()], allow_surname


def _read_list(name: str) -> Iterator[str]:
    with (_DATA / name).open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and line.strip():
                yield line.strip()


@dataclass
class Gazetteer:
    """The trie plus the lookups that work on whole names rather than on tokens."""

    trie: Trie = field(default_factory=Trie)
    person_keys: dict[tuple[str, ...], str] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)

    def add_all(self, pairs: Iterable[tuple[str, Entry]]) -> None:
        for surface, entry in pairs:
            if not self.trie.add(surface, entry):
                logger.debug("gazetteer: %r already names something else", surface)

    def person(self, words: Iterable[str]) -> str | None:
        """Canonical name of a known person written as ``words`` (any variant spelling)."""
        return self.person_keys.get(name_key(list(words)))

    def organization(self, name: str) -> str | None:
        """Canonical name of a known organization, by any alias, case and accents aside."""
        return self.org_names.get(fold_key(name))


def _people_rows() -> list[tuple[str, list[str], bool]]:
    rows = [(canonical, aliases, allow) for canonical, aliases, allow in _read_table("people_world.tsv")]
    rows += [(canonical, aliases, False) for canonical, aliases, _ in _read_table("people_id.tsv")]
    return rows


def _person_keys(rows: list[tuple[str, list[str], bool]]) -> dict[tuple[str, ...], str]:
    """Name keys of every person: full names, aliases, and first + last word of long names."""
    candidates: dict[tuple[str, ...], set[str]] = {}
    for canonical, aliases, _ in rows:
        for name in (canonical, *aliases):
            words = surface_words(name)
            keys = {name_key(words)}
            core = [word for word in words if word.lower() not in NAME_PARTICLES and word not in "-."]
            if len(core) >= 3:
                keys.update((name_key([core[0], core[-1]]), name_key(core[-2:]), name_key(core[:2])))
            for key in keys:
                if key:
                    candidates.setdefault(key, set()).add(canonical)
    return {key: next(iter(names)) for key, names in candidates.items() if len(names) == 1}


def _surname(canonical: str) -> str | None:
    words = [word for word in surface_words(canonical) if word not in "-."]
    if len(words) < 2:
        return None
    last = words[-1]
    if len(last) < MIN_SURNAME_LENGTH or is_common_word(last) or last.lower() in NOT_NAME_WORDS:
        return None
    return last


def _surname_aliases(rows: list[tuple[str, list[str], bool]]) -> Iterator[tuple[str, Entry]]:
    surnames = {canonical: _surname(canonical) for canonical, _, allow in rows if allow}
    counts = Counter(surname for surname in surnames.values() if surname)
    for canonical, surname in surnames.items():
        if surname and counts[surname] == 1:
            yield surname, Entry(PERSON, canonical)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The one gazetteer, built on first use. Earlier sources win a contested surface:
    organizations, countries, people, places, then automatic surnames."""
    built = Gazetteer()
    org_pairs = [(canonical, aliases) for canonical, aliases, _ in _read_table("organizations.tsv")]
    for canonical, aliases in org_pairs:
        built.add_all((name, Entry(ORG, canonical)) for name in (canonical, *aliases))
        built.org_names.update((fold_key(name), canonical) for name in (canonical, *aliases))
    for surface, ministry in ministry_surfaces():
        built.add_all([(surface, Entry(ORG, ministry.canonical, ministry))])
        built.org_names.setdefault(fold_key(surface), ministry.canonical)
    built.add_all((alias, Entry(COUNTRY, canonical)) for alias, canonical in country_surfaces())
    rows = _people_rows()
    for canonical, aliases, _ in rows:
        built.add_all((name, Entry(PERSON, canonical)) for name in (canonical, *aliases))
        built.people.add(canonical)
    built.person_keys = _person_keys(rows)
    built.add_all((name, Entry(PLACE, None)) for name in _read_list("places.txt"))
    built.add_all(_surname_aliases(rows))
    return built


def scan(tokens: list[Token]) -> list[Span]:
    """Non-overlapping gazetteer matches, leftmost-longest."""
    trie = gazetteer().trie
    spans = []
    index = 0
    while index < len(tokens):
        match = trie.longest(tokens, index) if tokens[index].kind not in (NEWLINE,) else None
        if match:
            end, entry = match
            spans.append(Span(index, end, entry.label, entry.canonical, entry.ministry))
            index = end
        else:
            index += 1
    return spans
