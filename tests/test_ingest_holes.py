"""Holes left by cut-out links: punctuation and spacing collapse, words never change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indonesian_text import NAMES, PLAIN, PROTECTED
from search.analysis.analyzer import text_analyzer
from search.ingest.holes import tidy_holes
from search.ingest.text_file import parse_text

ANALYZER = text_analyzer("sastrawi")
DAMAGE = (" ,", " ,,", "  ,, ", " , ", " (,) ", " ( ) ", " .", ",,", " ;", "..")


@pytest.mark.parametrize(("damaged", "tidy"), [
    ("Putra pedangdut  ,, AB, yang diketahui sakit , dirawat di rumah sakit.",
     "Putra pedangdut AB, yang diketahui sakit dirawat di rumah sakit."),
    ("Artis itu ditangkap karena , di sebuah hotel di kota itu.", "Artis itu ditangkap karena di sebuah hotel di kota itu."),
    ("Harga naik (,) tajam menjadi Rp72.906 per kg ..", "Harga naik tajam menjadi Rp72.906 per kg."),
    ("Nilainya 2,5 persen atau Rp1.358,50 per lembar.", "Nilainya 2,5 persen atau Rp1.358,50 per lembar."),
])
def test_holes_collapse(damaged: str, tidy: str) -> None:
    assert tidy_holes(damaged) == tidy


def test_a_scraped_page_is_tidied_like_a_record() -> None:
    article = parse_text("Putra Penyanyi Dirawat\nPutra pedangdut  ,, AB, yang diketahui sakit , dirawat.",
                         article_id="uji", origin="uji.txt")
    assert article.body == "Putra pedangdut AB, yang diketahui sakit dirawat."


def words(text: str) -> list[tuple[str, int]]:
    return [(token.surface, token.pos) for token in ANALYZER(text, positions=True, mode="index")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLAIN + NAMES + PROTECTED), st.sampled_from((" ", *DAMAGE))),
                min_size=1, max_size=25))
def test_tidying_changes_no_indexed_word(pieces: list[tuple[str, str]]) -> None:
    damaged = "".join(word + gap for word, gap in pieces)
    assert words(tidy_holes(damaged)) == words(damaged)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLAIN + NAMES + PROTECTED), st.sampled_from((" ", *DAMAGE))),
                min_size=1, max_size=25))
def test_tidy_text_stays_as_it_is(pieces: list[tuple[str, str]]) -> None:
    tidy = tidy_holes("".join(word + gap for word, gap in pieces))
    assert tidy_holes(tidy) == tidy
