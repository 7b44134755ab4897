"""Which words of a passage could be the answer a question asks for.

A question word (``berapa``, ``kapan``, ``siapa``...) names the type of its answer,
and analysis drops it; what remains is to recognise candidate answers of that type
in a passage: numbers, dates, the people or places its entity fields name, names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from search.analysis.tokenizer import IndonesianTokenizer
from search.entities.region_names import place_names
from search.entities.wordlists import rows


class AnswerClass(Enum):
    """The type of answer a question asks for."""

    NUM = "num"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    NAME = "name"


MONTHS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "jan feb mar apr jun jul agu agt ags sep sept okt nov des".split()
)
DAYS = frozenset("senin selasa rabu kamis jumat sabtu minggu ahad".split())
CALENDAR_WORDS = MONTHS | DAYS
NUMBER_WORDS = frozenset(
    "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas seratus seribu sejuta semiliar "
    "belas puluh puluhan ratus ratusan ribu ribuan juta jutaan miliar milyar triliun trilyun "
    "setengah separuh".split()
)
# A capitalised word right after one of these names a place (``di Ambon``, ``Kabupaten Sleman``).
LOCATIVES = frozenset("di ke dari kota kabupaten provinsi negara desa kecamatan pulau".split())
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_PREVIOUS_WORD = re.compile(r"([^\W_]+)[^\w]*$")
# How far back to look for the word before a token: longer than any locative plus punctuation.
_LOOKBEHIND_CHARS = 24
# Splits entity values into the same words the analyzer makes of body text.
_WORDS = IndonesianTokenizer(protect_names=False)


@dataclass(frozen=True, slots=True)
class PassageWord:
    """One analysed word of a passage, copied out of the Token Whoosh reuses while analysing."""

    pos: int
    text: str
    surface: str
    start: int
    capitalised: bool
    name: bool


@dataclass(frozen=True)
class Known:
    """Lower-case words of one passage's stored people and countries: what makes a
    capitalised word there a person or (with the gazetteer's places) a place."""

    people: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


NOTHING_KNOWN = Known()


def words_of(values: Iterable[str]) -> frozenset[str]:
    """The index-form words of names (``Ma'ruf Amin`` → ``maruf``, ``amin``)."""
    return frozenset(token.text for value in values for token in _WORDS(value))


@lru_cache(maxsize=1)
def gazetteer_place_words() -> frozenset[str]:
    """Words of the entity package's places, provinces (with their short forms) and the cities,
    regencies and places of each province."""
    names = [name for (name,) in rows("places.txt", 1)]
    names += place_names()
    return words_of(names)


def known_words(question: AnswerClass, people: Iterable[str], countries: Iterable[str]) -> Known:
    """The words of a passage's ``people`` and ``countries`` that ``question`` reads
    (only PERSON and PLACE read any, so the others skip the work)."""
    if question is AnswerClass.PERSON:
        return Known(people=words_of(people))
    if question is AnswerClass.PLACE:
        return Known(countries=words_of(countries))
    return NOTHING_KNOWN


def has_digit(surface: str) -> bool:
    return any(ch.isdigit() for ch in surface)


def is_number(surface: str) -> bool:
    return surface in NUMBER_WORDS or has_digit(surface)


def is_date(surface: str) -> bool:
    return surface in CALENDAR_WORDS or _YEAR.fullmatch(surface) is not None


def is_answer(question: AnswerClass, word: PassageWord, text: str, known: Known) -> bool:
    """Whether ``word`` (of passage ``text``) has the type ``question`` asks for."""
    if question is AnswerClass.NUM:
        return is_number(word.surface)
    if question is AnswerClass.DATE:
        return is_date(word.surface)
    if not word.capitalised or word.surface in CALENDAR_WORDS or has_digit(word.surface):
        return False
    if question is AnswerClass.NAME:
        return word.name
    if question is AnswerClass.PERSON:
        return word.surface in known.people
    return (word.surface in known.countries or word.surface in gazetteer_place_words()
            or previous_word(text, word.start) in LOCATIVES)


def previous_word(text: str, start: int) -> str:
    """The lower-cased word just before offset ``start``, stopwords included (analysis drops them)."""
    found = _PREVIOUS_WORD.search(text, max(0, start - _LOOKBEHIND_CHARS), start)
    return found.group(1).lower() if found else ""
