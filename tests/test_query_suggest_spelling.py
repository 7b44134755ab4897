"""'Did you mean' suggestions from a real index's vocabulary."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index.builder import build_index
from search.query.expand.vocabulary import NearestWords, edit_distance
from search.query.live import LiveIndex
from search.query.parse.syntax import parse
from search.query.suggest.spelling import FREQUENCY_GAIN, respell

# Each string is one article: its title, a blank line, then the body.
COMMON = [
    "Presiden bertemu Putin\n\nPresiden Joko Widodo bertemu Presiden Rusia Vladimir Putin membahas bantuan pangan.",
    "Kesepakatan dagang ditandatangani\n\nKedua negara mencapai kesepakatan dagang dan bantuan teknis tahun 2019.",
    "Putin berkunjung ke Suriah\n\nVladimir Putin tiba di Damaskus dan berjanji memberi bantuan rekonstruksi.",
    "Pemerintah membantah kabar\n\nJuru bicara presiden membantah kabar kesepakatan rahasia dengan Putin.",
    "Banjir melanda\n\nGubernur Banten meninjau banjir di pesisir.",
]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    sources = tmp_path_factory.mktemp("articles")
    articles = COMMON + [f"Laporan presiden nomor {n}\n\nPresiden menerima laporan harian." for n in range(25)]
    articles.append("Salah ketik\n\nSeorang wartawan menulis presidne dalam satu berita.")
    articles.append("Salah ketik lain\n\nWartawan lain menulis menetri sekali saja.")
    articles += [f"Kabinet kerja {n}\n\nMenteri keuangan hadir dalam rapat kabinet." for n in range(3)]
    for number, text in enumerate(articles):
        (sources / f"{number:03}.txt").write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("index")
    build_index(root, [sources], stemmer="sastrawi", workers=0)
    return LiveIndex(root)


@pytest.fixture(scope="module")
def view(live):
    return live.view()


@pytest.mark.parametrize("typed, expected", [
    ("ptuin", "putin"),
    ("Ptuin", "Putin"),
    ("kesepakatn", "kesepakatan"),
    ("bantan", "bantuan"),
    ("ptuin bertemu kesepakatn", "putin bertemu kesepakatan"),
])
def test_unknown_words_are_respelt(view, typed, expected):
    assert respell(view, typed) == expected


def test_operators_fields_and_phrases_are_kept(view):
    typed = '"kerja smaa" ptuin -suriha OR judul:kesepakatn'
    assert respell(view, typed) == '"kerja smaa" putin -suriah OR judul:kesepakatan'
    assert respell(view, parse("ptuin AND (presiden OR bantuan)")) == \
        "putin AND (presiden OR bantuan)"


@pytest.mark.parametrize("typed", ["putin", "presiden bantuan", "rsa", "2091", "dan", "", "-)", "AS-Rusia"])
def test_nothing_to_change_gives_none(view, typed):
    assert respell(view, typed) is None


def test_a_rare_word_yields_only_to_a_far_more_common_one(view):
    reader = view.searcher.reader()
    assert reader.doc_frequency("body", "presiden") >= FREQUENCY_GAIN
    assert reader.doc_frequency("body", "presidne") == 1
    assert respell(view, "presidne") == "presiden"
    assert reader.doc_frequency("body", "menetri") == 1
    assert reader.doc_frequency("body", "menteri") < FREQUENCY_GAIN
    assert respell(view, "menetri") is None


def test_vocabulary_reads_exact_forms_as_words_and_skips_numbers(live, view):
    words = set(view.nearest_words.words)
    assert {"kesepakatan", "sepakat", "putin", "membantah"} <= words
    assert not any(word.startswith("=") or not word.isalpha() for word in words)
    assert live.view().nearest_words is live.view().nearest_words


def test_nearest_prefers_fewer_edits_then_more_documents(view):
    nearest = view.nearest_words.nearest("bantan", 2)
    assert [(distance, word) for distance, _, word in nearest][:2] == [(1, "bantuan"), (1, "banten")]


@pytest.mark.parametrize("left, right, limit, expected", [
    ("putin", "putin", 2, 0),
    ("ptuin", "putin", 2, 1),
    ("kesepakatn", "kesepakatan", 2, 1),
    ("presiden", "president", 2, 1),
    ("abc", "xyz", 2, 3),
    ("a", "abcdef", 2, 3),
    ("menetri", "menteri", 1, 1),
    ("", "ab", 2, 2),
])
def test_edit_distance(left, right, limit, expected):
    assert edit_distance(left, right, limit) == expected


_LETTERS = st.sampled_from("aabeiknrstuéğ-")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_LETTERS, min_size=1, max_size=12), min_size=1, max_size=60, unique=True),
       st.text(_LETTERS, max_size=12), st.integers(0, 2), st.data())
def test_nearest_words_are_every_word_within_the_edits(words, typed, edits, data):
    """The narrowed lookup finds what checking every word of the vocabulary finds."""
    words = sorted(words)
    frequencies = np.array(data.draw(st.lists(st.integers(1, 50), min_size=len(words), max_size=len(words))))
    expected = sorted((edit_distance(typed, word, edits), -int(count), word)
                      for word, count in zip(words, frequencies, strict=True) if edit_distance(typed, word, edits) <= edits)
    assert NearestWords(words, frequencies).nearest(typed, edits) == expected
