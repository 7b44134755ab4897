"""The one headline rule, and both tokenizers asking it.

A line in title case says nothing about names: the index tokenizer then stems its
capitalised words unless the text capitalises them inside a sentence too, and the entity
tokenizer does not take them for names. The words here are invented for the tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.analysis.headlines import HEADLINE_FUNCTION_WORDS, is_headline
from search.analysis.tokenizer import headline_spans
from search.entities.tokens import WORD, tokenize
from tests.indonesian_text import NAMES, PLAIN, PROTECTED


@pytest.mark.parametrize("line", [
    "Warga Kota Tolak Rencana Pembangunan Pasar",
    "WARGA KOTA TOLAK RENCANA PEMBANGUNAN PASAR",
    "Harga Cabai Naik Lagi, Pedagang Pasar Mengeluh...",
    "Banjir Datang Lagi, Kenapa?",
    "Kocak! Polisi Kejar Pencuri Sepeda di Jalan Raya",
    "Dr. Budi Jelaskan Penyebab Gempa di Kota",
    "Kompas.com Rilis Aplikasi Baru untuk Warga",
    "“Saya Tidak Takut”, Kata Budi soal Tuntutan Warga",
])
def test_title_case_lines_are_headlines(line):
    assert is_headline(line)


@pytest.mark.parametrize("line", [
    "Warga kota menolak rencana pembangunan pasar di Jalan Sudirman",
    "Warga Kota Tolak Rencana Pembangunan Pasar.",
    "Budi Datang. Sari Pergi Ke Pasar",
    "Banjir",
    "di dan ke yang",
    "",
    "Rp72.906 per kg",
])
def test_prose_and_fragments_are_not(line):
    assert not is_headline(line)


def test_function_words_count_neither_way():
    content = "Polisi Tangkap Pencuri Sepeda"
    assert is_headline(content)
    assert is_headline(" ".join(f"{word} {sorted(HEADLINE_FUNCTION_WORDS)[i]}" for i, word in enumerate(content.split())))


def test_one_lowercase_word_in_four_still_makes_a_headline_two_do_not():
    assert is_headline("Polisi Tangkap Pencuri sepeda")
    assert not is_headline("Polisi Tangkap pencuri sepeda")


_WORDS = st.one_of(st.sampled_from(PLAIN), st.sampled_from(PLAIN).map(str.capitalize), st.sampled_from(NAMES),
                   st.sampled_from(PROTECTED), st.sampled_from(sorted(HEADLINE_FUNCTION_WORDS)))
_LINE = st.builds(lambda words, end: " ".join(words) + end,
                  st.lists(_WORDS, min_size=1, max_size=10), st.sampled_from(["", ".", "...", "?", "!", "…"]))


@given(st.lists(_LINE, min_size=1, max_size=5))
def test_both_tokenizers_mark_the_same_lines(lines):
    text = "\n".join(lines)
    entity_lines: list[bool] = []
    line_words: list[bool] = []
    for token in [*tokenize(text), None]:
        if token is None or token.kind == "\n":
            entity_lines.append(any(line_words) and all(line_words))
            line_words = []
        elif token.kind == WORD:
            line_words.append(token.headline)
    index_lines = [False] * len(lines)
    starts = [sum(len(line) + 1 for line in lines[:number]) for number in range(len(lines))]
    for start, _ in headline_spans(text):
        index_lines[starts.index(start)] = True
    assert index_lines == [is_headline(line) for line in lines]
    assert [flag for flag, line in zip(entity_lines, lines, strict=True) if any(c.isalpha() for c in line)] == \
        [is_headline(line) for line in lines if any(c.isalpha() for c in line)]
