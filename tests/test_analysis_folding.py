"""The accent fold against its definition: NFKD, then every combining mark dropped, a
character at a time."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.folding import strip_accents


def _reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_fold_is_nfkd_without_combining_marks(text: str) -> None:
    assert strip_accents(text) == _reference(text)


def test_every_character_folds_as_defined() -> None:
    characters = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    for start in range(0, len(characters), 4096):
        chunk = characters[start:start + 4096]
        assert strip_accents(chunk) == _reference(chunk), f"characters from U+{ord(chunk[0]):04X}"


def test_accented_names_meet_their_plain_forms() -> None:
    assert strip_accents("Erdoğan") == "Erdogan"
    assert strip_accents("café ﬁ") == "cafe fi"
