"""What the whole news corpus says about a name's words (``data/name_words_corpus.tsv``).

The table is built by ``name_words_build`` from every CLICK-ID article: per word (its name
key), the articles that vouch for it inside a person's name (a list, a role, a reporting
verb) and the articles that have it inside an organization's name. It is the evidence beyond
one article that the people and organization rules ask for when the article itself has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from search.entities.normalize import name_key
from search.entities.wordlists import given_names, rows

NAME_WORDS = "name_words_corpus.tsv"
# A people's word: this many articles vouch for it in people's names, and they outnumber its
# uses in bodies' names this many times, not counting one body's use (the glued name's own
# article, when the article is the corpus's). A body's word: this many articles have it in
# bodies' names, this many times more than in people's. Chosen on the judged seed-16 tail and
# idner-news-2k (docs/entities.md).
MIN_PEOPLE_WORD_ARTICLES, PEOPLE_WORD_RATIO = 3, 4
MIN_BODY_WORD_ARTICLES, BODY_WORD_RATIO = 10, 10


_UNSEEN = (0, 0)
_withheld: list[bool] = []


@lru_cache(maxsize=1)
def _counts() -> dict[str, tuple[int, int]]:
    return {word: (int(person), int(organization)) for word, person, organization in rows(NAME_WORDS, 3)}


def word_counts(key_word: str) -> tuple[int, int]:
    """Articles of the corpus with the word in a vouched-for person's name, and in an organization's name."""
    return _UNSEEN if _withheld else _counts().get(key_word, _UNSEEN)


@contextmanager
def counts_withheld() -> Iterator[None]:
    """The rules as if the corpus had said nothing: what ``name_words_build`` counts with, so
    the table never depends on the table it replaces."""
    _withheld.append(True)
    try:
        yield
    finally:
        _withheld.pop()


def name_word_key(word: str) -> tuple[str, ...]:
    """The name-key parts of one written word (``Kardashian-Jenner`` has two)."""
    return name_key((word,))


# Distinct written words an extraction process meets (a CLICK-ID build: ~120k); the classes
# of the most recent are kept, so a word's name key is worked out once.
WORD_CLASS_MEMORY = 1 << 17


@lru_cache(maxsize=WORD_CLASS_MEMORY)
def _word_class(word: str) -> tuple[bool, bool, bool, bool]:
    """(a people's word, a body's word, a body's word no article vouches for in a person's name,
    a word at most one article has in a body's name)."""
    parts = name_word_key(word)
    counts = [word_counts(part) for part in parts]
    people = bool(parts) and all(person >= MIN_PEOPLE_WORD_ARTICLES and (body - 1) * PEOPLE_WORD_RATIO <= person
                                 for person, body in counts)
    bodies = [person for person, body in counts if body >= MIN_BODY_WORD_ARTICLES and body > BODY_WORD_RATIO * person]
    given = word.lower() in given_names()
    return people, bool(bodies) and not given, not given and 0 in bodies, all(body <= 1 for _, body in counts)


def is_people_word(word: str) -> bool:
    """``Kusmayadi``, ``Marjuki``: a word of people's names, hardly ever of a body's (not ``Jaya``:
    ``Polda Metro Jaya``)."""
    return not _withheld and _word_class(word)[0]


def is_body_word(word: str, never_a_person: bool = False) -> bool:
    """``Kehutanan``, ``Bekasi``, ``Ulama``: a word of bodies' names, hardly ever of a person's
    (not ``Wijaya``, ``Sunan``, ``Gatot``; never a given name of the list: ``Indah``); with
    ``never_a_person``, one no article vouches for in a person's name (``Bekasi``, not ``Jaya``)."""
    return not _withheld and _word_class(word)[2 if never_a_person else 1]


def is_rare_in_bodies(word: str) -> bool:
    """A word no more than one article has in a body's name (``Cahyasari``, ``Pardosi``): when it
    closes a body's name, that article's own use (the official glued to the body) is its only one."""
    return not _withheld and _word_class(word)[3]
