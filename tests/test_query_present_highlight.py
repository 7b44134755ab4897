"""The highlighter's fast path: analysing only the words that may match marks what analysing
every word marks (the reference), for any text and any terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer

from indonesian_text import NAMES, PLAIN, news_text
from search.analysis.analyzer import EXACT_MARK, may_match, text_analyzer
from search.analysis.tokenizer import IndonesianTokenizer
from search.query.present.highlight import AnalysedTexts, Match, find_matches, highlight_all, marked

STEMMERS = ("sastrawi", "light")
# Words whose analysis takes the tokenizer's other paths: affixes and nasal prefixes,
# reduplication, compounds, apostrophes, accents, capitals that open a sentence or sit in a
# headline, stopwords with enclitics, numbers.
ODD = ("menua", "tua", "kesepakatan", "menyepakati", "sepakat", "negara-negara", "anak-anaknya", "al-Jubeir",
       "Ma'ruf", "Amin's", "Erdoğan", "erdogan", "ERDOĞAN", "itulah", "adanya", "Terawan", "terawan", "awan",
       "3.000", "2,5", "Pemerintah", "PEMERINTAH", "pemerintahan", "memerintah", "Kenapa?", "dia", "—", "\n")


@st.composite
def texts(draw) -> str:
    """News-like text, or lines of words drawn from every kind above (some in title case)."""
    if draw(st.booleans()):
        return draw(news_text()).text
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from((*PLAIN, *NAMES, *ODD)), min_size=1, max_size=12))
        if draw(st.booleans()):
            words = [word[:1].upper() + word[1:] for word in words]
        lines.append(" ".join(words) + draw(st.sampled_from(("", ".", " .", "!"))))
    return "\n".join(lines)


def every_token(analyzer, text: str) -> list[tuple[int, int, str, str]]:
    return [(token.startchar, token.endchar, token.text, token.surface)
            for token in analyzer(text, chars=True, positions=True, mode="index")]


def reference_matches(analyzer, text: str, terms: frozenset[str]) -> tuple[Match, ...]:
    """Every word analysed, then the tokens whose form or surface is a term."""
    return tuple(Match(start, end, form) for start, end, form, surface in every_token(analyzer, text)
                 if form in terms or surface in terms)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STEMMERS), texts(), st.data())
def test_analysing_only_the_words_that_may_match_finds_every_match(stemmer: str, text: str, data):
    analyzer = text_analyzer(stemmer)
    forms = sorted({form for token in every_token(analyzer, text) for form in token[2:]}
                   | {EXACT_MARK + word for word in ODD} | set(PLAIN))
    terms = frozenset(data.draw(st.lists(st.sampled_from(forms), max_size=6)))
    expected = reference_matches(analyzer, text, terms)
    assert find_matches(text, analyzer, terms) == expected
    remembered = AnalysedTexts(analyzer)
    assert find_matches(text, remembered, terms) == expected
    assert find_matches(text, remembered, terms) == expected


@settings(max_examples=200, deadline=None)
@given(texts(), st.data())
def test_kept_tokens_keep_their_positions_offsets_and_name_flags(text: str, data):
    tokenizer = IndonesianTokenizer()
    every = [(t.text, t.pos, t.startchar, t.endchar, t.name) for t in tokenizer(text, positions=True, chars=True)]
    chosen = set(data.draw(st.lists(st.sampled_from([token[0] for token in every] or ["x"]), max_size=5)))
    kept = [(t.text, t.pos, t.startchar, t.endchar, t.name)
            for t in tokenizer(text, positions=True, chars=True, keep=chosen.__contains__)]
    assert kept == [token for token in every if token[0] in chosen]


def test_a_stemmed_form_that_does_not_contain_the_term_is_still_marked():
    """The test asks the stemmer, not the spelling: a prefix may replace the root's first letter."""
    analyzer = text_analyzer("sastrawi")
    terms = frozenset(token[2] for token in every_token(analyzer, "menyepakati") if not token[2].startswith(EXACT_MARK))
    assert terms == {"sepakat"}
    assert highlight_all("Mereka menyepakati jadwal.", analyzer, terms) == "Mereka <mark>menyepakati</mark> jadwal."


@pytest.mark.parametrize("analyzer", [IndonesianTokenizer(), StandardAnalyzer()])
def test_other_analyzers_get_no_fast_path(analyzer):
    assert may_match(analyzer, {"harga"}) is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STEMMERS), texts(), st.data())
def test_a_text_escaped_without_analysis_when_it_holds_no_root_is_marked_as_the_reference_marks_it(
        stemmer: str, text: str, data):
    """``highlight_all`` skips analysing a title or paragraph that holds no root of the terms
    (``roots.may_hold_a_match``); the reference analyses every word of every text."""
    analyzer = text_analyzer(stemmer)
    forms = sorted({form for token in every_token(analyzer, text) for form in token[2:]}
                   | {EXACT_MARK + word for word in ODD} | set(PLAIN))
    terms = frozenset(data.draw(st.lists(st.sampled_from(forms), max_size=6)))
    expected = marked(text, 0, len(text), reference_matches(analyzer, text, terms))
    assert highlight_all(text, analyzer, terms) == expected
    assert highlight_all(text, AnalysedTexts(analyzer), terms) == expected
