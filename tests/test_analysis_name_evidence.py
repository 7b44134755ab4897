"""The index tokenizer's evidence of names (words capitalised inside a sentence) against the
one pattern it was written as: a look behind for a word, comma, bracket or percent sign
across spaces and tabs, or for a word across a hyphen, then the capitalised word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import tokenizer
from search.analysis.tokenizer import headline_spans, name_evidence, normalise
from tests.clickid_sample import clickid_records

_REFERENCE = re.compile(
    rf"(?:(?<=[\w,)%])[ \t]+|(?<=\w)[-\u2010\u2011])({tokenizer._UPPER}[^\W_]*(?:['’][^\W_]+)*)")


def _reference(text: str) -> frozenset[str]:
    headlines = headline_spans(text)
    return frozenset(normalise(match.group(1)) for match in _REFERENCE.finditer(text)
                     if not tokenizer._inside(headlines, match.start(1)))


_PIECES = ("Jakarta", "joko", "Widodo", "ÉLYSÉE", "Ma'ruf", "Amin’s", "2024", "x", "_", " ", "  ", "\t", " \t ",
           "-", "\u2010", "\u2011", ",", ")", "(", "%", ".", "\n", "Kota Baru", "al-Jubeir", "A", "é")
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_texts)
def test_evidence_as_the_one_pattern_finds_it(text: str) -> None:
    assert name_evidence(text, headline_spans(text)) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_evidence_as_the_one_pattern_finds_it_in_any_characters(text: str) -> None:
    assert name_evidence(text, headline_spans(text)) == _reference(text)


def test_evidence_as_the_one_pattern_finds_it_in_real_articles() -> None:
    for record in clickid_records(0, 6000, 15):
        text = str(record.get("content") or "")
        assert name_evidence(text, headline_spans(text)) == _reference(text)
