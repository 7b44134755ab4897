"""The index's analysis without Whoosh's token stream gives the stream's terms and positions.

``analyzer.indexed_positions`` reads the tokenizer's words (``tokenizer.words``) and
remembers each word's stopped, stemmed and exact forms; the reference is the analyzer chain
itself, its tokens in index mode gathered as Whoosh's ``Positions`` format gathers them (a
term's positions in order, terms in the order first met). Random text from the kinds of
input the tokenizer treats apart (capitals inside and at the start of sentences, headlines,
abbreviations, stopwords and clitics, hyphenated and reduplicated words, apostrophes,
numbers with separators, accented letters, line breaks), and real CLICK-ID articles when the
corpus is present.
"""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.analyzer import indexed_positions, text_analyzer

CLICKID = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clickid.jsonl.gz"

_PIECES = st.sampled_from([
    "Presiden", "presiden", "Jokowi", "jokowi", "Dr.", "dr.", "yang", "Yang", "itulah", "adanya",
    "negara-negara", "Negara-negara", "al-Jubeir", "anak-anaknya", "berbalas-balasan", "Ma'ruf",
    "Amin's", "1.000.000", "2,5", "Café", "café", "menyepakati", "kesepakatan", "Kota", "Gaza",
    "DPR", "KPK", "Ibu", "kota", "tiba", "di", "membangun", "pembangunan", "x", "Jakarta,",
    "JAKARTA", "Senin", "(4/6)", "—", "“penjaga”", "Rp", "100", "persen", "%", "akan", "pun",
])
_GAPS = st.sampled_from([" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " - ", "  ", "\t", ": ", "... "])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_PIECES, max_size=60))
    gaps = draw(st.lists(_GAPS, min_size=len(words), max_size=len(words)))
    return "".join(itertools.chain.from_iterable(zip(words, gaps, strict=True)))


def _through_the_stream(analyzer, text: str) -> list[tuple[str, list[int]]]:
    found: dict[str, list[int]] = {}
    for token in analyzer(text, positions=True, mode="index"):
        if not token.stopped:
            found.setdefault(token.text, []).append(token.pos)
    return list(found.items())


@pytest.mark.parametrize("stemmer", ["light", "none"])
@pytest.mark.parametrize("exact", [True, False])
@settings(max_examples=150, deadline=None)
@given(text=_texts())
def test_terms_and_positions_are_the_token_streams(stemmer: str, exact: bool, text: str) -> None:
    analyzer = text_analyzer(stemmer, exact=exact)
    positions = indexed_positions(analyzer)
    assert positions is not None
    assert list(positions(text).items()) == _through_the_stream(analyzer, text)
    assert list(positions(text).items()) == _through_the_stream(analyzer, text)  # remembered forms too


def test_any_other_chain_goes_through_the_stream() -> None:
    analyzer = text_analyzer("light")
    reordered = analyzer.items[0] | analyzer.items[2] | analyzer.items[1]
    assert indexed_positions(reordered) is None
    assert indexed_positions(analyzer.items[0] | analyzer.items[1]) is None


@pytest.mark.skipif(not CLICKID.exists(), reason="CLICK-ID corpus not present (../shared/corpus)")
def test_real_articles_analyse_as_through_the_stream() -> None:
    analyzer = text_analyzer("light")
    positions = indexed_positions(analyzer)
    assert positions is not None
    with gzip.open(CLICKID, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, 300):
            record = json.loads(line)
            for text in (record.get("title") or "", record.get("content") or record.get("body") or ""):
                assert list(positions(text).items()) == _through_the_stream(analyzer, text)
