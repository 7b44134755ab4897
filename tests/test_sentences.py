"""The one sentence rule: numbers, domains, abbreviations and initials never end a sentence,
for the raw-text splitter, derived titles and the entity tokenizer alike."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indonesian_text import NewsText, news_text
from search.analysis.sentences import first_sentence, sentences, sentences_holding, word_end, word_start
from search.entities.tokens import WORD, tokenize
from search.ingest.derived_titles import MAX_SENTENCE_TITLE_CHARS, derive_title


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Harga naik Rp545 menjadi Rp72.906 per kg. Harga turun.", ["Harga naik Rp545 menjadi Rp72.906 per kg.",
                                                                 "Harga turun."]),
    ("Rapat dimulai pukul 10.30 WIB. Semua hadir.", ["Rapat dimulai pukul 10.30 WIB.", "Semua hadir."]),
    ("Dikutip dari Kompas.com, harga naik. Lalu turun.", ["Dikutip dari Kompas.com, harga naik.", "Lalu turun."]),
    ("Kantornya di Jl. Sudirman No. 5 Jakarta. Ia datang.", ["Kantornya di Jl. Sudirman No. 5 Jakarta.", "Ia datang."]),
    ("Diperiksa dr. Sari dan Prof. Budi di sana. Hasilnya baik.",
     ["Diperiksa dr. Sari dan Prof. Budi di sana.", "Hasilnya baik."]),
    ("Presiden B.J. Habibie wafat. Warga berduka.", ["Presiden B.J. Habibie wafat.", "Warga berduka."]),
    ("“Kenapa naik?” tanya Budi. Ia heran.", ["“Kenapa naik?” tanya Budi.", "Ia heran."]),
    ("Ini alasannya… Simak berikut.", ["Ini alasannya…", "Simak berikut."]),
    ("Baris pertama tanpa titik\nBaris kedua.", ["Baris pertama tanpa titik", "Baris kedua."]),
    ("  \n ", []),
])
def test_sentences_end_only_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_first_sentence_and_word_boundaries() -> None:
    text = "Harga naik Rp72.906 per kg. Lalu turun."
    assert first_sentence(text) == "Harga naik Rp72.906 per kg."
    inside = text.index("72.906") + 2
    assert text[word_start(text, inside):].startswith("Rp72.906")
    assert text[:word_end(text, inside)].endswith("naik")
    assert word_end("Rp72.906", 3) == len("Rp72.906")


@settings(max_examples=300, deadline=None)
@given(news_text())
def test_sentences_are_the_sentences_the_text_was_written_in(news: NewsText) -> None:
    assert tuple(sentences(news.text)) == news.sentences


@settings(max_examples=200, deadline=None)
@given(news_text())
def test_entity_tokenizer_starts_sentences_where_the_shared_rule_does(news: NewsText) -> None:
    """A capital after ``B.J.``, ``Prof.`` or ``Rp72.906`` is evidence of a name, not a sentence start."""
    starts = [token.text for token in tokenize(news.text) if token.kind == WORD and token.sentence_start]
    assert starts == news.first_words


@settings(max_examples=200, deadline=None)
@given(news_text(max_paragraphs=1))
def test_a_derived_title_is_the_lead_sentence_or_cut_at_a_word_boundary(news: NewsText) -> None:
    title, _, derived = derive_title([news.text])
    if not derived:
        return
    start, end = news.sentences[0]
    sentence = news.text[start:end]
    assert len(title) <= MAX_SENTENCE_TITLE_CHARS
    if title.endswith("…"):
        kept = title.removesuffix("…")
        assert sentence.startswith(kept) and sentence[len(kept):][:1] in set(" ,;:-–—")
    else:
        assert title in (sentence, sentence.removesuffix("."))


@settings(max_examples=300, deadline=None)
@given(news_text(), st.data())
def test_the_sentences_holding_positions_are_those_the_whole_text_splits_into(news: NewsText, data) -> None:
    """Only the marks around the positions are judged, and the sentences are those of ``sentences``."""
    text = news.text * data.draw(st.integers(1, 2))
    letters = [at for at, char in enumerate(text) if not char.isspace()]
    positions = sorted(set(data.draw(st.lists(st.sampled_from(letters), max_size=8))))
    expected = [span for span in sentences(text) if any(span[0] <= at < span[1] for at in positions)]
    assert sentences_holding(text, positions) == expected


@pytest.mark.parametrize("text", ["Harga naik... Lalu turun!? “Kenapa?” tanya Budi.\nBaris baru", "Tanpa titik",
                                  "Pukul 10.30 WIB. Jl. Sudirman No. 5. B.J. Habibie datang.)] Warga."])
def test_sentences_holding_every_character(text: str) -> None:
    for at in range(len(text)):
        if not text[at].isspace():
            assert sentences_holding(text, [at]) == [span for span in sentences(text) if span[0] <= at < span[1]]
