"""Find facet values by the start of their words, as a reader types into a facet's search box.

``lavrov`` finds ``Sergey Lavrov`` and ``cavusoglu`` finds ``Mevlüt Çavuşoğlu``: both
sides are folded the way entity names are compared, and every word typed must begin
some word of the value. The words of all values are sorted once, so a typed word is
answered by a binary search instead of a pass over every value.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

import numpy as np

from search.entities.normalize import fold_key

_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> list[str]:
    """The case- and accent-free words of ``text``; punctuation only separates them."""
    return _WORD.findall(fold_key(text))


def _prefix_end(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class ValueWords:
    """The folded words of a facet's values, sorted for prefix look-ups."""

    def __init__(self, values: Sequence[str]) -> None:
        pairs = sorted((word, value_id) for value_id, value in enumerate(values) for word in folded_words(value))
        self.value_count = len(values)
        self.words = [word for word, _ in pairs]
        self.word_value = np.fromiter((value_id for _, value_id in pairs), dtype=np.int32, count=len(pairs))

    def matching(self, text: str) -> np.ndarray | None:
        """Which values have, for every word of ``text``, a word starting with it; None when
        ``text`` has no words and so narrows nothing."""
        typed = folded_words(text)
        if not typed:
            return None
        matched = np.ones(self.value_count, dtype=bool)
        for prefix in set(typed):
            start = bisect_left(self.words, prefix)
            end = bisect_left(self.words, _prefix_end(prefix), start)
            with_prefix = np.zeros(self.value_count, dtype=bool)
            with_prefix[self.word_value[start:end]] = True
            matched &= with_prefix
        return matched
