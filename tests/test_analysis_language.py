"""Language detection: the array detector answers exactly what langdetect answers.

``search.analysis.language`` runs langdetect's algorithm with numpy arrays and per-word
n-gram memory for speed; langdetect itself (seeded as the module seeds it) is the
reference, compared to the last bit of every probability on generated text of many
scripts and shapes, and on real articles when the CLICK-ID corpus is present.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect import detect_langs
from langdetect.lang_detect_exception import LangDetectException

from search.analysis import language
from tests.clickid_sample import clickid_records
from tests.indonesian_text import NAMES, PLAIN, PROTECTED

# Words of several scripts and shapes: capitals runs (the window skips them), accents,
# Vietnamese marks, Cyrillic, Arabic with the Farsi yeh, kana, hangul, CJK, digits, URLs.
_WORDS = (*PLAIN, *NAMES, *PROTECTED, "DPR", "KPK", "NU", "ÉTÉ", "café", "naïve", "Straße", "tiếng", "Việt",
          "а", "москва", "ПРАВДА", "کی", "السلام", "ひらがな", "カタカナ", "한국어", "中国", "日本語",
          "2015", "https://contoh.id/berita?id=1", "surat@contoh.id", "\u0219i", "\u021b", "x", "A")
_SEPARATORS = (" ", "  ", "\n", ", ", ". ", " - ", "\u3000", "\t", "")


def _reference(text: str) -> list[tuple[str, float]] | str:
    try:
        return [(found.lang, found.prob) for found in detect_langs(text)]
    except LangDetectException as error:
        return str(error)


def _ours(text: str) -> list[tuple[str, float]] | str:
    detector = language._detector()
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException as error:
        return str(error)


_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=120).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))


@settings(max_examples=300, deadline=None)
@given(_texts, st.booleans())
def test_same_probabilities_as_langdetect(text: str, lead_space: bool) -> None:
    text = " " + text if lead_space else text
    assert _ours(text) == _reference(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_same_probabilities_as_langdetect_on_any_characters(text: str) -> None:
    assert _ours(text) == _reference(text)


def _real_texts(start: int) -> list[str]:
    """Bodies and titles of every 20th of the first 6,000 CLICK-ID records from ``start``."""
    return [str(record.get(name) or "") for record in clickid_records(start, 6000, 20) for name in ("content", "title")]


def test_same_probabilities_as_langdetect_on_real_articles() -> None:
    for text in _real_texts(0):
        assert _ours(text[:1000]) == _reference(text[:1000])


def test_short_or_letterless_text_is_unknown() -> None:
    assert language.detect_language("123 456 !!!") == language.UNKNOWN
    assert language.detect_language("") == language.UNKNOWN


def _label_of_every_trial(text: str) -> str:
    """``detect_language`` with all seven trials run (no early decision)."""
    sample = text[:language._SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < language.MIN_LANGUAGE_LETTERS:
        return language.UNKNOWN
    ranked = _ours(sample)
    if isinstance(ranked, str) or not ranked or ranked[0][1] < language._MIN_PROBABILITY:
        return language.UNKNOWN
    return ranked[0][0]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_trials_stopped_once_decided_give_the_label_of_all_trials(text: str) -> None:
    assert language.detect_language(text) == _label_of_every_trial(text)


def test_trials_stopped_once_decided_give_the_label_of_all_trials_on_real_articles() -> None:
    for text in _real_texts(5):
        assert language.detect_language(text) == _label_of_every_trial(text)
