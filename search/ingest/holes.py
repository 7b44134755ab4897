"""Holes a scraper left where it cut out linked words, tidied for the reader.

Corpora scraped with their links removed (CLICK-ID) read ``karena , di sebuah hotel``,
``pedangdut  ,, HR``, ``harga naik (,) tajam``. Only punctuation and spacing around a
hole change, never a word or a number, so what is indexed stays what it was; snippets
and article pages show the text as a person would have written it without the word.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def _holding(*parts: str) -> Callable[[str], bool]:
    return lambda text: any(part in text for part in parts)


def _two_commas(text: str) -> bool:
    return text.count(",") > 1


def _anything(text: str) -> bool:
    return True


# In this order; none joins two words or numbers (``Rp72.906,,1.358`` keeps its two prices).
# Each with a cheap test of what a text must hold for the repair to match at all: a repair
# is skipped for text without it, which leaves the text as the repair would (on CLICK-ID
# the nine passes over every paragraph were 15% of cleaning).
_REPAIRS: tuple[tuple[re.Pattern[str], str, Callable[[str], bool]], ...] = (
    (re.compile(r"\([\s,;.]*\)|\[[\s,;.]*\]"), " ", _holding("(", "[")),  # brackets a link was cut out of
    (re.compile(r"(?<!\.)\.\.(?![.\d])"), ".", _holding("..")),  # a doubled full stop (not an ellipsis)
    (re.compile(r",(?:\s*,)+(?=\S)"), ", ", _two_commas),  # commas left in a row
    (re.compile(r",(?:\s*,)+"), ",", _two_commas),
    (re.compile(r"\s*,\s*(?=[.!?;:)\]])"), "", _holding(",")),  # a comma before the mark that follows it
    (re.compile(r"(?<=\S)\s+,(?=\s|[^\W\d_])"), " ", _holding(",")),  # a comma standing alone between words
    (re.compile(r",(?<=[^\W\d_],)(?=[^\W\d_])"), ", ", _holding(",")),  # a comma glued to the next word
    (re.compile(r"\s+(?=[.,!?;:](?:\s|$))"), "", _anything),  # a space before a mark
    (re.compile(r" {2,}"), " ", _holding("  ")),
)


def tidy_holes(text: str) -> str:
    """``text`` with the punctuation and spacing around cut-out words collapsed."""
    for pattern, replacement, may_match in _REPAIRS:
        if may_match(text):
            text = pattern.sub(replacement, text)
    return text.strip(" ")
