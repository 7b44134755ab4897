"""Article language for the language facet.

langdetect is random unless seeded and guesses wildly on short text, so the seed is
fixed once here and short or letter-poor text is reported as ``unknown``.
"""

from __future__ import annotations

import logging

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from search.config import MIN_LANGUAGE_LETTERS

DetectorFactory.seed = 0

UNKNOWN = "unknown"

# langdetect's cost grows with the text; a few paragraphs decide the language as well.
_SAMPLE_CHARS = 1000
_MIN_PROBABILITY = 0.70

log = logging.getLogger(__name__)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``unknown`` when it cannot be told."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LANGUAGE_LETTERS:
        return UNKNOWN
    try:
        best = detect_langs(sample)[0]
    except LangDetectException as error:
        log.debug("language detection failed: %s", error)
        return UNKNOWN
    return best.lang if best.prob >= _MIN_PROBABILITY else UNKNOWN
