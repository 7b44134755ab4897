"""Snippets: best fragment first, inflected forms marked, everything else escaped."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indonesian_text import NAMES, NUMBER, PLAIN, NewsText, news_text
from search.analysis.analyzer import query_terms, text_analyzer, word_forms
from search.analysis.sentences import sentences
from search.query.present.highlight import AnalysedTexts, find_matches
from search.query.present.roots import bounds_hold, candidate_sentences, roots_of
from search.query.present.snippets import ELLIPSIS, SNIPPET_CHARS, make_snippet, opening

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


def test_a_price_is_never_cut_at_its_thousands_separator():
    text = ("Harga cabai rawit merah turun paling rendah yakni sebesar Rp1.358 menjadi Rp52.790 per kg. "
            "Sebaliknya harga cabai keriting mengalami kenaikan tertinggi, yakni sebesar Rp545 menjadi "
            "Rp72.906 per kg pada pukul 10.30 WIB.")
    snippet = visible(make_snippet(text, ANALYZER, terms("harga cabai")))
    assert "Rp1.358 menjadi Rp52.790 per kg." in snippet and "Rp72.906 per kg" in snippet
    assert "Rp72. " not in snippet and not snippet.endswith("Rp72.")


def test_a_cut_sentence_is_marked_and_a_whole_one_is_not():
    whole = make_snippet("Gempa kecil terasa di kota. Warga tenang.", ANALYZER, terms("gempa"))
    assert visible(whole) == "Gempa kecil terasa di kota."
    cut = visible(make_snippet("Warga tenang. " + "kata " * 80 + "gempa terasa. Lalu reda.", ANALYZER, terms("gempa")))
    assert cut.startswith("…") and cut.endswith("gempa terasa.")


def fragments(snippet: str) -> list[tuple[bool, str, bool]]:
    """(cut before, text, cut after) of each fragment, marks removed and entities decoded."""
    pieces = html.unescape(visible(snippet)).split(f" {ELLIPSIS} ")
    return [(piece.startswith(ELLIPSIS), piece.strip(ELLIPSIS), piece.endswith(ELLIPSIS))
            for piece in pieces if piece.strip(ELLIPSIS)]


def assert_faithful(snippet: str, news: NewsText) -> None:
    """Every fragment quotes the article verbatim, starts and ends at a word boundary
    (a sentence boundary unless an ellipsis says it was cut), never inside a protected
    token, and every number in it is one the article wrote."""
    assert "<" not in visible(snippet)
    flat = news.text.replace("\n", " ")
    numbers = set(NUMBER.findall(news.text))
    for cut_before, quoted, cut_after in fragments(snippet):
        assert set(NUMBER.findall(quoted)) <= numbers, quoted
        starts = [match.start() for match in re.finditer(re.escape(quoted), flat)]
        assert any(_well_cut(news, flat, start, start + len(quoted), cut_before, cut_after) for start in starts), \
            (quoted, news.text)


def _well_cut(news: NewsText, flat: str, start: int, end: int, cut_before: bool, cut_after: bool) -> bool:
    at_words = (start == 0 or flat[start - 1] == " ") and (end == len(flat) or flat[end] == " ")
    whole = (cut_before or start in news.sentence_starts) and (cut_after or end in news.sentence_ends)
    # ``10.30 WIB``, ``B.J. Habibie``: split only at their space, and only by a marked cut.
    split_start = any(low < start < high for low, high in news.protected)
    split_end = any(low < end < high for low, high in news.protected)
    return at_words and whole and (cut_before or not split_start) and (cut_after or not split_end)


@settings(max_examples=150, deadline=None)
@given(news_text(), st.data())
def test_every_snippet_fragment_is_a_faithful_quotation(news: NewsText, data):
    words = data.draw(st.lists(st.sampled_from(news.words), min_size=1, max_size=3)) if news.words else []
    assert_faithful(make_snippet(news.text, ANALYZER, terms(" ".join(words))), news)
    assert_faithful(make_snippet(news.text, ANALYZER, set(), limit=data.draw(st.integers(20, 300))), news)


@settings(max_examples=200, deadline=None)
@given(news_text(), st.data())
def test_analysing_only_the_sentences_that_may_rank_gives_the_same_snippet(news: NewsText, data):
    """The snippet from the sentences that may be among the best fragments is the one from
    every sentence that may hold a match (``every_sentence``), for one to six query words."""
    words = data.draw(st.lists(st.sampled_from(news.words), min_size=1, max_size=6)) if news.words else []
    wanted = terms(" ".join(words))
    text = news.text * data.draw(st.integers(1, 3))
    limit = data.draw(st.sampled_from([SNIPPET_CHARS, 60, 400]))
    assert make_snippet(text, ANALYZER, wanted, limit) == make_snippet(text, ANALYZER, wanted, limit, every_sentence=True)


def test_accented_matches_count_towards_the_best_fragment():
    text = ("Kota itu ramai. Erdoğan bertemu menteri. Erdoğan dan Erdoğan lagi bersama menteri di kota.")
    snippet = make_snippet(text, ANALYZER, terms("erdogan menteri"), limit=60)
    assert snippet == make_snippet(text, ANALYZER, terms("erdogan menteri"), limit=60, every_sentence=True)
    assert visible(snippet).startswith("Erdoğan dan Erdoğan")


# Words that take the analysis's other paths (affixes, nasal prefixes, reduplication,
# compounds, accents, capitals, numbers); apostrophes are left to ``bounds_hold``.
ODD = ("kesepakatan", "menyepakati", "sepakat", "negara-negara", "al-Jubeir", "Erdoğan", "erdogan", "Terawan",
       "awan", "Persija", "persija", "Pemerintah", "pemerintahan", "memerintah", "perhubungan", "3.000")


@st.composite
def odd_text(draw) -> str:
    """News text, or a run of plain, odd and capitalised words, some closing a sentence."""
    if draw(st.booleans()):
        return draw(news_text()).text
    pieces = draw(st.lists(st.tuples(st.sampled_from((*PLAIN, *NAMES, *ODD)), st.booleans(),
                                     st.sampled_from(("", "", "", ".", ","))), min_size=1, max_size=40))
    return " ".join((word.title() if capital else word) + mark for word, capital, mark in pieces) + "."


def analysed_forms(text: str) -> list[str]:
    return sorted({form for token in ANALYZER(text, mode="index") for form in (token.text, token.surface)})


@settings(max_examples=300, deadline=None)
@given(odd_text(), st.data())
def test_root_occurrences_bound_every_sentence_s_matches(text: str, data):
    """The reference for the bounds the snippet prunes with: every sentence analysed alone
    holds no more distinct terms and matches than its roots allow, and one without a root holds none."""
    wanted = frozenset(data.draw(st.lists(st.sampled_from(analysed_forms(text) or ["x"]), min_size=1, max_size=5)))
    roots = roots_of(wanted, word_forms(ANALYZER))
    candidates = {bound[2]: (-bound[0], -bound[1]) for bound, _ in candidate_sentences(text, roots, every_sentence=True)}
    assert bounds_hold(text)
    for start, end in sentences(text):
        matches = find_matches(text[start:end], ANALYZER, wanted, offset=start)
        distinct = len({match.term for match in matches})
        most_distinct, most_matches = candidates.get(start, (0, 0))
        assert distinct <= most_distinct and len(matches) <= most_matches, (text[start:end], wanted)


@settings(max_examples=200, deadline=None)
@given(odd_text(), st.data())
def test_the_pruned_snippet_is_the_one_from_every_sentence_for_odd_words(text: str, data):
    wanted = frozenset(data.draw(st.lists(st.sampled_from(analysed_forms(text) or ["x"]), min_size=1, max_size=5)))
    limit = data.draw(st.sampled_from([SNIPPET_CHARS, 60, 400]))
    assert make_snippet(text, ANALYZER, wanted, limit) == make_snippet(text, ANALYZER, wanted, limit, every_sentence=True)


def test_a_word_stemmed_where_it_opens_a_sentence_counts_as_two_matches():
    """``Perhubungan`` capitalised inside a sentence is a name, left whole; opening one it is
    stemmed, and its stem and exact form both match the term: that sentence ranks first."""
    text = ("Direktur Jenderal Perhubungan Darat hadir. Menteri Perhubungan datang. Kantor Perhubungan ramai. "
            "Perhubungan laut dibuka lagi.")
    wanted = frozenset({"perhubungan"})
    snippet = make_snippet(text, ANALYZER, wanted)
    assert visible(snippet).startswith("Perhubungan laut")
    assert snippet == make_snippet(text, ANALYZER, wanted, every_sentence=True)


@pytest.mark.parametrize("text", [
    "İstanbul ramai. Warga İstanbul dan Erdoğan bertemu menteri. Lalu pulang.",
    "Bacaan بِسْمِ اللَّهِ dibacakan. Menteri Erdoğan hadir. Ada ﬁnal menteri… Selesai.",
    "Ma'ruf Amin datang. Wakil presiden Ma'ruf bertemu menteri. Amin pulang.",
])
def test_texts_whose_fold_moves_characters_or_drops_apostrophes_give_the_same_snippet(text: str):
    for query in ("erdogan menteri", "maruf amin", "istanbul"):
        wanted = terms(query)
        assert make_snippet(text, ANALYZER, wanted, 60) == make_snippet(text, ANALYZER, wanted, 60, every_sentence=True)


def test_a_snippet_analyses_no_sentence_after_its_last_fragment():
    """A first fragment that fills the budget is the whole snippet: the sentences ranked after
    it are never analysed (each one analysed is remembered, so the memory counts them)."""
    long_sentence = "Gempa " + "besar " * 40 + "terasa di kota."
    text = f"{long_sentence} Gempa susulan terjadi. Warga gempa panik. Gempa reda."
    remembered = AnalysedTexts(ANALYZER)
    snippet = make_snippet(text, remembered, terms("gempa"))
    assert snippet == make_snippet(text, ANALYZER, terms("gempa"), every_sentence=True)
    assert visible(snippet).startswith("Gempa besar") and ELLIPSIS not in visible(snippet)[:-1]
    assert len(remembered.memory) == 1
