"""Snippets: best fragment first, inflected forms marked, everything else escaped."""

from __future__ import annotations

import re

import pytest

from search.analysis.analyzer import query_terms, text_analyzer
from search.query.snippets import SNIPPET_CHARS, make_snippet, opening

ANALYZER = text_analyzer("sastrawi")


def terms(query: str) -> set[str]:
    return {word for term in query_terms(query, "sastrawi") for word in (term.stem, term.surface)}


def visible(snippet: str) -> str:
    return re.sub(r"</?mark>", "", snippet)


def test_inflected_forms_are_marked():
    text = ("Kedua negara mencapai kesepakatan damai. Para menteri menyepakati jadwal baru. "
            "Mereka sepakat bertemu lagi bulan depan.")
    snippet = make_snippet(text, ANALYZER, terms("sepakat"))
    assert re.findall(r"<mark>(.*?)</mark>", snippet) == ["kesepakatan", "menyepakati", "sepakat"]


def test_fragment_with_most_distinct_terms_comes_first():
    text = ("Harga beras naik di pasar. Cuaca cerah sepanjang hari di kota itu. "
            "Petani mengeluhkan harga pupuk yang naik sementara harga beras di pasar induk stabil.")
    snippet = make_snippet(text, ANALYZER, terms("harga beras pupuk"))
    assert visible(snippet).startswith("Petani mengeluhkan")


def test_article_html_is_escaped_and_mark_is_the_only_markup():
    text = 'Peretas menyisipkan <script>alert("x")</script> pada situs berita & forum.'
    snippet = make_snippet(text, ANALYZER, terms("situs"))
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_long_text_is_cut_near_the_budget_at_word_boundaries():
    text = " ".join(["kalimat panjang tanpa titik"] * 40) + " gempa bumi melanda " + " ".join(["lanjutan"] * 60)
    snippet = visible(make_snippet(text, ANALYZER, terms("gempa")))
    assert "gempa" in snippet
    assert len(snippet) <= SNIPPET_CHARS + 10
    words = set(text.split())
    assert all(word in words for word in snippet.strip("… ").split())


@pytest.mark.parametrize("text", ["", "   ", "Pendek."])
def test_opening_of_short_or_empty_text(text):
    assert opening(text) == text.strip()


def test_no_query_terms_gives_the_opening():
    text = "Paragraf pembuka berita. " * 30
    snippet = make_snippet(text, ANALYZER, set())
    assert snippet.startswith("Paragraf pembuka") and "<mark>" not in snippet
