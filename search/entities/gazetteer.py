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

from search.entities.countries import country_surfaces
from search.entities.cues import NOT_NAME_WORDS, ROLE_PHRASES
from search.entities.lexicon import is_common_word
from search.entities.ministries import Ministry, ministry_surfaces
from search.entities.normalize import NAME_PARTICLES, fold_key, name_key
from search.entities.region_names import gazetteer_surfaces
from search.entities.spans import Span
from search.entities.tokens import NEWLINE, Token, tokenize
from search.entities.wordlists import given_names, rows, split_list

logger = logging.getLogger(__name__)

COUNTRY, ORG, PERSON, PLACE = "country", "org", "person", "place"
_NO_SURNAME = "!"
_END = ""
MIN_SURNAME_LENGTH = 4
CORPUS_ORGANIZATIONS = "organizations_corpus.tsv"
NOT_PEOPLE = "not_people_corpus.tsv"
_SINGLE_WORD_ROLES = frozenset(phrase for phrase in ROLE_PHRASES if " " not in phrase)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a stored surface names; ``surname_only`` marks an automatic short form,
    ``derived`` a name the corpus showed to be an organization (no list vouches for it)."""

    label: str
    canonical: str | None
    ministry: Ministry | None = None
    surname_only: bool = False
    derived: bool = False


def surface_words(surface: str) -> list[str]:
    """The token texts of a name, as the trie stores them."""
    return [token.text for token in tokenize(surface) if token.kind != NEWLINE]


_CLITIC = "nya"
MIN_CLITIC_STEM = 3


def _token_keys(token: Token) -> tuple[str, ...]:
    """Keys a text token may match: itself; a word in capitals as capitalised (``MOSKOW``);
    a word with the clitic ``-nya`` glued on as the word (``Instagramnya``)."""
    if token.upper and len(token.text) > 2:
        return token.text, token.text.capitalize()
    if token.text.endswith(_CLITIC) and len(token.text) - len(_CLITIC) >= MIN_CLITIC_STEM and token.cap:
        return token.text, token.text[:-len(_CLITIC)]
    return (token.text,)


def _without_reduplication_hyphens(words: list[str]) -> list[str]:
    """``Perserikatan Bangsa Bangsa``: the press often drops the hyphen of a reduplicated
    word (``Bangsa-Bangsa``), so a known name is also stored without it."""
    kept: list[str] = []
    for index, word in enumerate(words):
        if word == "-" and 0 < index < len(words) - 1 and words[index - 1] == words[index + 1]:
            continue
        kept.append(word)
    return kept


class Trie:
    """Token sequences → entries, matched case-sensitively (``AS`` is not ``as``)."""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, surface: str, entry: Entry) -> bool:
        """Store a surface (and its reduplication written without the hyphen); False (and no
        change) when it already names something else."""
        words = surface_words(surface)
        stored = self._add_words(words, entry)
        unhyphenated = _without_reduplication_hyphens(words)
        if stored and unhyphenated != words:
            self._add_words(unhyphenated, entry)
        return stored

    def _add_words(self, words: list[str], entry: Entry) -> bool:
        node = self._root
        for word in words:
            node = node.setdefault(word, {})
        if _END in node:
            return node[_END] == entry
        node[_END] = entry
        return True

    def first_words(self) -> dict:
        """The first words of the stored surfaces (keys of the root node)."""
        return self._root

    def items(self) -> Iterator[tuple[tuple[str, ...], Entry]]:
        """Every stored surface (as its words) with its entry."""
        stack: list[tuple[dict, tuple[str, ...]]] = [(self._root, ())]
        while stack:
            node, words = stack.pop()
            for key, child in node.items():
                if key == _END:
                    yield words, child
                else:
                    stack.append((child, (*words, key)))

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
    for canonical, aliases in rows(name, 2):
        yield canonical, split_list(aliases.removeprefix(_NO_SURNAME)), not aliases.startswith(_NO_SURNAME)


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


def _people_rows() -> list[tuple[str, list[str], bool, bool]]:
    """(canonical, aliases, surname alias allowed, Indonesian) of every known person."""
    people = [(canonical, aliases, allow, False) for canonical, aliases, allow in _read_table("people_world.tsv")]
    people += [(canonical, aliases, False, True) for canonical, aliases, _ in _read_table("people_id.tsv")]
    return people


def _person_keys(people: list[tuple[str, list[str], bool, bool]]) -> dict[tuple[str, ...], str]:
    """Name keys of every person: full names, aliases, and first + last word of long names."""
    candidates: dict[tuple[str, ...], set[str]] = {}
    for canonical, aliases, _, _ in people:
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


def _short_form(canonical: str, first: bool) -> str | None:
    """The last word of a foreign name, the first of an Indonesian one, when distinctive."""
    words = [word for word in surface_words(canonical) if word not in "-."]
    if len(words) < 2:
        return None
    word = words[0] if first else words[-1]
    if (len(word) < MIN_SURNAME_LENGTH or is_common_word(word) or word.lower() in NOT_NAME_WORDS
            or word.lower() in _SINGLE_WORD_ROLES
            or (first and word.lower() in given_names())):
        return None
    return word


def _short_form_aliases(people: list[tuple[str, list[str], bool, bool]]) -> Iterator[tuple[str, Entry]]:
    """Automatic short forms: ``Lavrov`` for Sergey Lavrov, ``Firli`` for Firli Bahuri; a short
    form two people share is nobody's."""
    short = {canonical: _short_form(canonical, first=indonesian) for canonical, _, allow, indonesian in people
             if allow or indonesian}
    counts = Counter(form for form in short.values() if form)
    for canonical, form in short.items():
        if form and counts[form] == 1:
            yield form, Entry(PERSON, canonical, surname_only=True)


def _corpus_organizations() -> Iterator[tuple[str, str]]:
    """(surface, canonical) of the organizations the corpus shows (``org_names_build``)."""
    yield from ((surface, canonical) for surface, canonical in rows(CORPUS_ORGANIZATIONS, 2))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The one gazetteer: the hand-written lists, then the organizations the corpus shows
    (which never take a surface the lists gave)."""
    built = _hand_built()
    for surface, canonical in _corpus_organizations():
        built.add_all([(surface, Entry(ORG, canonical, derived=True))])
        built.org_names.setdefault(fold_key(surface), canonical)
    return built


@lru_cache(maxsize=1)
def not_people() -> frozenset[tuple[str, ...]]:
    """Names the corpus shows to be places or works, never people (``not_people_build``), as words."""
    return frozenset(tuple(surface_words(name)) for (name,) in rows(NOT_PEOPLE, 1))


@lru_cache(maxsize=1)
def hand_gazetteer() -> Gazetteer:
    """The hand-written lists alone: what ``org_names_build`` checks new names against."""
    return _hand_built()


def _hand_built() -> Gazetteer:
    """Earlier sources win a contested surface: organizations, countries, people, Indonesian
    places (with their province), other places, then automatic surnames."""
    built = Gazetteer()
    for canonical, aliases, _ in _read_table("organizations.tsv"):
        built.add_all((name, Entry(ORG, canonical)) for name in (canonical, *aliases))
        built.org_names.update((fold_key(name), canonical) for name in (canonical, *aliases))
    for surface, ministry in ministry_surfaces():
        built.add_all([(surface, Entry(ORG, ministry.canonical, ministry))])
        built.org_names.setdefault(fold_key(surface), ministry.canonical)
    built.add_all((alias, Entry(COUNTRY, canonical)) for alias, canonical in country_surfaces())
    people = _people_rows()
    for canonical, aliases, _, _ in people:
        built.add_all((name, Entry(PERSON, canonical)) for name in (canonical, *aliases))
        built.people.add(canonical)
    built.person_keys = _person_keys(people)
    built.add_all((name, Entry(PLACE, province)) for name, province in gazetteer_surfaces())
    built.add_all((name, Entry(PLACE, None)) for (name,) in rows("places.txt", 1))
    built.add_all(_short_form_aliases(people))
    return built


def scan(tokens: list[Token]) -> list[Span]:
    """Non-overlapping gazetteer matches, leftmost-longest."""
    trie = gazetteer().trie
    first_words = trie.first_words()
    spans = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        # Most tokens open no name; only capitals and ``-nya`` words have other keys (``_token_keys``).
        could_open = token.text in first_words or token.upper or token.text.endswith(_CLITIC)
        match = trie.longest(tokens, index) if could_open and token.kind != NEWLINE else None
        if match:
            end, entry = match
            spans.append(Span(index, end, entry.label, entry.canonical, entry.ministry, entry.surname_only,
                              entry.derived))
            index = end
        else:
            index += 1
    return spans
