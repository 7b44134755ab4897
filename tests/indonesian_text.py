"""Generated Indonesian-like news text for property tests, with the truth about it.

Sentences are built from plain words, names and the tokens a full stop must not split
(prices, thousands, times, domains, abbreviations, initials), so the generator knows
where every sentence starts and ends and where every such token lies. The words are
invented for the tests; nothing is copied from a corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

PLAIN = ("harga", "cabai", "rawit", "bawang", "naik", "turun", "pasar", "pedagang", "warga", "kota",
         "menurut", "sebesar", "menjadi", "per", "kg", "pada", "hari", "dinas", "pertanian", "mengatakan",
         "bahwa", "panen", "berkurang", "kenaikan", "tertinggi", "yakni", "kemarin", "sore", "polisi",
         "jalan", "rumah", "dibuka", "banjir", "sekolah", "gempa", "pemerintah")
NAMES = ("Budi", "Sari", "Habibie", "Sudirman", "Jakarta", "Bandung", "Medan", "Wati")
# Each holds a full stop (or comma) that is not a sentence end.
PROTECTED = ("Rp72.906", "Rp1.358", "Rp52.790", "Rp545", "1.358", "2,5", "3.000.000", "10.30 WIB",
             "pukul 07.45", "Kompas.com", "REPUBLIKA.CO.ID", "tirto.id", "Jl. Sudirman", "No. 5", "dr. Sari",
             "Prof. Budi", "B.J. Habibie", "Ir. H. Wati", "dkk. dan", "Rp. 5.000", "kerja sama…masih")
ENDINGS = (".", "!", "?")
# A number as written: digits with their thousands, decimal and time separators.
NUMBER = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*")

Span = tuple[int, int]


@dataclass(frozen=True)
class NewsText:
    """Text, with the (start, end) of every sentence and of every protected token."""

    text: str
    sentences: tuple[Span, ...]
    protected: tuple[Span, ...]
    words: tuple[str, ...]

    @property
    def sentence_starts(self) -> set[int]:
        return {start for start, _ in self.sentences}

    @property
    def sentence_ends(self) -> set[int]:
        return {end for _, end in self.sentences}

    @property
    def first_words(self) -> list[str]:
        return [re.match(r"[“\"]?(\w+)", self.text[start:end])[1] for start, end in self.sentences]


@st.composite
def _sentence(draw) -> tuple[list[str], bool]:
    """The pieces of one sentence (first word capitalised), and whether it is a quotation."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(PLAIN), st.sampled_from(NAMES), st.sampled_from(PROTECTED)),
                           min_size=2, max_size=14))
    first = draw(st.sampled_from(PLAIN)).capitalize()
    return [first, *pieces], draw(st.booleans()) and draw(st.booleans())


@st.composite
def news_text(draw, max_paragraphs: int = 4) -> NewsText:
    """Paragraphs (one a line) of sentences: plain, or a quoted question put to a name
    (``“Harga naik?” tanya Budi.``), whose question mark ends nothing."""
    text = ""
    sentences: list[Span] = []
    protected: list[Span] = []
    words: set[str] = set()
    for paragraph in range(draw(st.integers(1, max_paragraphs))):
        if paragraph:
            text += "\n"
        for number in range(draw(st.integers(1, 4))):
            if number:
                text += " "
            pieces, quoted = draw(_sentence())
            start = len(text)
            text += "“" if quoted else ""
            for index, piece in enumerate(pieces):
                if index:
                    text += " "
                if piece in PROTECTED:
                    protected.append((len(text), len(text) + len(piece)))
                elif piece in PLAIN:
                    words.add(piece)
                text += piece
            if quoted:
                text += f"?” tanya {draw(st.sampled_from(NAMES))}."
            else:
                text += draw(st.sampled_from(ENDINGS))
            sentences.append((start, len(text)))
    return NewsText(text, tuple(sentences), tuple(protected), tuple(sorted(words)))
