"""The one accent fold: a letter and its accented forms meet (``Erdoğan``, ``erdogan``).

The index analysis folds words with it; entity names fold with it too, after their own
table of letters that carry no separable mark (``ø``, ``ı``, ``ß``;
``search.entities.normalize``).
"""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
