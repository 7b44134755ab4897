"""Article language for the language facet.

langdetect is random unless seeded and guesses wildly on short text, so the seed is
fixed once here and short or letter-poor text is reported as ``unknown``.

langdetect's own detector spends its time in Python loops (a character at a time to
cut n-grams, a language at a time to update 55 probabilities, ~250 updates per
article): 2.4 ms of CPU per CLICK-ID article, the largest single cost of an index
build. :class:`_ArrayDetector` runs the same algorithm on the same profiles with the
same random draws, with the probabilities in a numpy array: every update is the same
IEEE multiplication per language and every sum the same left-to-right Python sum, so
its answer is langdetect's to the last bit (tests/test_analysis_language.py checks it
against langdetect on random and real text), at half the CPU (1.2 against 2.4 ms per article over the first 2,000). Its trials stop
once the label is decided (``_detect_block``: five of seven on CLICK-ID) and it draws
rows of the n-gram table directly, without a table of the text's distinct n-grams: 0.69 ms
an article over the first 3,000 after 500 to warm up, against 1.19 (the label of every
article is the one all seven trials give, tests/test_analysis_language.py).
"""

from __future__ import annotations

import logging
import re
from typing import ClassVar

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

from search.config import MIN_LANGUAGE_LETTERS

DetectorFactory.seed = 0

UNKNOWN = "unknown"

# langdetect's cost grows with the text; a few paragraphs decide the language as well.
_SAMPLE_CHARS = 1000
_MIN_PROBABILITY = 0.70
_RUNS_OF_SPACES = re.compile(" {2,}")
# Words whose n-grams are remembered (each way: closed by a space or not); CLICK-ID's 22k articles have ~160k distinct words.
_MAX_REMEMBERED_WORDS = 500_000

log = logging.getLogger(__name__)


class _ProbabilityRows:
    """langdetect's per-language probabilities of each n-gram met so far, one row of a
    growing float64 table per n-gram, numbered in the order first met."""

    def __init__(self, probabilities: dict[str, list[float]], languages: int) -> None:
        self.probabilities = probabilities
        self.number: dict[str, int] = {}
        self.table = np.empty((1024, languages))

    def row(self, ngram: str) -> int:
        number = self.number.get(ngram)
        if number is None:
            number = self.number[ngram] = len(self.number)
            if number == len(self.table):
                self.table = np.concatenate([self.table, np.empty_like(self.table)])
            self.table[number] = self.probabilities[ngram]
        return number


class _ArrayDetector(Detector):
    """langdetect's ``Detector`` with its two inner loops done another way, same results."""

    # The rows of a word's n-grams: [0] when no space closes it (the text's last word), [1] when one does.
    word_rows: ClassVar[tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]] = ({}, {})
    rows: ClassVar[_ProbabilityRows | None] = None
    # A share of the trials that decides the first language (see ``_detect_block``); None
    # runs every trial, for langdetect's probabilities to the last bit.
    decided_at: float | None = None

    def append(self, text: str) -> None:
        """As langdetect's: URLs and mail addresses out, runs of spaces to one, at most
        ``max_text_length`` characters (counted before the runs are joined)."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _RUNS_OF_SPACES.sub(" ", text[:self.max_text_length])

    def cleaning_text(self) -> None:
        """langdetect's: drop Latin letters from text mostly in another script; text all
        ASCII has no other script, so its character count is skipped."""
        if not self.text.isascii():
            super().cleaning_text()

    def _ngram_rows(self) -> list[int]:
        """The rows of the n-grams langdetect's window (``NGram.add_char``) yields, in its
        order, a word at a time: the window restarts at every space, so a word's n-grams
        depend on the word alone (and on whether a space closes it)."""
        found: list[int] = []
        words = self.text.translate(_NORMALIZED).split(" ")
        closed = self.word_rows[True]
        for word in words[:-1]:
            if word:
                rows = closed.get(word)
                found.extend(self._word_rows(word, True) if rows is None else rows)
        if words[-1]:
            found.extend(self._word_rows(words[-1], False))
        return found

    def _word_rows(self, word: str, closed: bool) -> tuple[int, ...]:
        """The rows of the known n-grams the window yields over ``word`` after a space,
        and over the space after it when ``closed``; none where a capital follows a capital."""
        remembered = self.word_rows[closed]
        rows = remembered.get(word)
        if rows is not None:
            return rows
        if _ArrayDetector.rows is None:
            _ArrayDetector.rows = _ProbabilityRows(self.word_lang_prob_map, len(self.langlist))
        known, row = self.word_lang_prob_map, _ArrayDetector.rows.row
        padded = f" {word} " if closed else f" {word}"
        found: list[int] = []
        for end in range(1, len(padded)):
            ch = padded[end]
            if ch.isupper() and padded[end - 1].isupper():
                continue
            grams = [ch, padded[end - 1:end + 1]] if ch != " " else [padded[end - 1:end + 1]]
            if end >= 2:
                grams.append(padded[end - 2:end + 1])
            found.extend(row(gram) for gram in grams if gram in known)
        if len(remembered) >= _MAX_REMEMBERED_WORDS:
            remembered.clear()
        rows = remembered[word] = tuple(found)
        return rows

    def _detect_block(self) -> None:
        """langdetect's trials: from even odds, multiply in the probabilities of randomly
        drawn n-grams (drawn as ``random.choice`` draws), normalising every fifth, until
        one language passes the threshold or the iterations run out.

        With :attr:`decided_at` set, the trials stop once one language's share of the
        trials so far reaches it: the trials left only add to every share (each trial's
        probabilities are normalised, none negative), so that language ends at or above
        ``decided_at`` and, when that is more than half, ahead of all others; the ranking's
        first language is the one all seven trials would give. On CLICK-ID five trials of
        seven decide nearly every article."""
        self.cleaning_text()
        found = self._ngram_rows()
        if not found:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        assert _ArrayDetector.rows is not None  # filled by the n-grams just found
        table = _ArrayDetector.rows.table
        count = len(found)
        bits = count.bit_length()
        languages = len(self.langlist)
        langprob = np.zeros(languages)
        draw = self.random
        draw.seed(self.seed)
        getrandbits = draw.getrandbits
        for _ in range(self.n_trial):
            prob = np.full(languages, 1.0 / languages)
            weight = (self.alpha + draw.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            i = 0
            while True:
                drawn = getrandbits(bits)
                while drawn >= count:
                    drawn = getrandbits(bits)
                prob *= table[found[drawn]] + weight
                if i % 5 == 0:
                    shares = prob.tolist()
                    total = sum(shares)
                    prob /= total
                    if max(shares) / total > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            langprob += prob / self.n_trial
            if self.decided_at is not None and langprob.max() >= self.decided_at:
                break
        self.langprob = langprob.tolist()


class _Normalization(dict[int, str]):
    """A character's code to the character langdetect's n-grams see (``NGram.normalize``),
    for ``str.translate``, each worked out on first sight."""

    def __missing__(self, code: int) -> str:
        normalized = self[code] = NGram.normalize(chr(code))
        return normalized


_NORMALIZED = _Normalization()
_factory = DetectorFactory()
_loaded = False


def _detector() -> _ArrayDetector:
    global _loaded
    if not _loaded:
        _factory.load_profile(PROFILES_DIRECTORY)
        _loaded = True
    return _ArrayDetector(_factory)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``unknown`` when it cannot be told."""
    sample = text[:_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LANGUAGE_LETTERS:
        return UNKNOWN
    detector = _detector()
    detector.decided_at = _MIN_PROBABILITY
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException as error:
        log.debug("language detection failed: %s", error)
        return UNKNOWN
    return ranked[0].lang if ranked and ranked[0].prob >= _MIN_PROBABILITY else UNKNOWN
