"""The one accent fold: a letter and its accented forms meet (``Erdoğan``, ``erdogan``).

The index analysis folds words with it; entity names fold with it too, after their own
table of letters that carry no separable mark (``ø``, ``ı``, ``ß``;
``search.entities.normalize``).
"""

from __future__ import annotations

import unicodedata


class _WithoutCombiningMarks(dict[int, int | None]):
    """A character's code to itself, or to None for a combining mark, for ``str.translate``,
    each worked out on first sight (a character at a time in Python was 0.08 ms of a
    CLICK-ID body's fingerprint)."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_KEEP = _WithoutCombiningMarks()


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks; ASCII text (most words and
    86% of CLICK-ID's bodies) is its own decomposition and has none."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_KEEP)
