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


def is_people_word(word: str) -> bool:
    """``Kusmayadi``, ``Marjuki``: a word of people's names, hardly ever of a body's (not ``Jaya``:
    ``Polda Metro Jaya``)."""
    parts = name_word_key(word)
    return bool(parts) and all(
        (counts := word_counts(part))[0] >= MIN_PEOPLE_WORD_ARTICLES
        and (counts[1] - 1) * PEOPLE_WORD_RATIO <= counts[0] for part in parts)


def is_body_word(word: str, never_a_person: bool = False) -> bool:
    """``Kehutanan``, ``Bekasi``, ``Ulama``: a word of bodies' names, hardly ever of a person's
    (not ``Wijaya``, ``Sunan``, ``Gatot``; never a given name of the list: ``Indah``); with
    ``never_a_person``, one no article vouches for in a person's name (``Bekasi``, not ``Jaya``)."""
    return word.lower() not in given_names() and any(
        (counts := word_counts(part))[1] >= MIN_BODY_WORD_ARTICLES and counts[1] > BODY_WORD_RATIO * counts[0]
        and not (never_a_person and counts[0]) for part in name_word_key(word))
