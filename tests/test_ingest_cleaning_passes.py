"""The character repairs and the hole repairs against plain references: every pass run on
every text, as written before passes were skipped for text that cannot match them.

Texts are drawn from the characters the passes look at (spaces of every kind, line
breaks, controls, invisible characters, mojibake, commas, brackets, full stops), mixed with
words, so that each skip test is asked of text that holds and text that lacks its character.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.ingest.characters import normalise_characters, repair_mojibake
from search.ingest.holes import tidy_holes

_PIECES = ("kata", "Jakarta", "2,5", "Rp72.906", " ", "  ", "\t", "\u00a0", "\u2800", "\n", "\r\n", "\r",
           "\x0b", "\x0c", "\x85", "\u2028", "\x01", "\x7f", "\u200b", "\ufeff", "_x000D_", "‚Äú", "¬†",
           ",", ",,", " ,", ", ,", "(", ")", "[", "]", "(,)", ".", "..", "...", "!", "?", ";", ":", "é")
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)

_REFERENCE_REPAIRS = (
    (re.compile(r"\([\s,;.]*\)|\[[\s,;.]*\]"), " "),
    (re.compile(r"(?<!\.)\.\.(?![.\d])"), "."),
    (re.compile(r",(?:\s*,)+(?=\S)"), ", "),
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(r"\s*,\s*(?=[.!?;:)\]])"), ""),
    (re.compile(r"(?<=\S)\s+,(?=\s|[^\W\d_])"), " "),
    (re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])"), ", "),
    (re.compile(r"\s+(?=[.,!?;:](?:\s|$))"), ""),
    (re.compile(r" {2,}"), " "),
)


def _reference_tidy(text: str) -> str:
    for pattern, replacement in _REFERENCE_REPAIRS:
        text = pattern.sub(replacement, text)
    return text.strip(" ")


def _reference_characters(text: str) -> str:
    text = repair_mojibake(text)
    text = re.sub(r"_x000D_", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = re.sub("[\u00ad\u200b-\u200f\u2060\ufeff]", "", text)
    text = re.sub("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]", "", text)
    return re.sub("[^\\S\n]+|\u2800+", " ", text)


@settings(max_examples=1000, deadline=None)
@given(_texts)
def test_hole_repairs_as_every_pass_run(text: str) -> None:
    assert tidy_holes(text) == _reference_tidy(text)


@settings(max_examples=1000, deadline=None)
@given(_texts)
def test_character_repairs_as_every_pass_run(text: str) -> None:
    assert normalise_characters(text) == _reference_characters(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_characters_repaired_as_every_pass_run(text: str) -> None:
    assert normalise_characters(text) == _reference_characters(text)
    assert tidy_holes(text) == _reference_tidy(text)
