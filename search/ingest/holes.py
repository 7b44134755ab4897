"""Holes a scraper left where it cut out linked words, tidied for the reader.

Corpora scraped with their links removed (CLICK-ID) read ``karena , di sebuah hotel``,
``pedangdut  ,, HR``, ``harga naik (,) tajam``. Only punctuation and spacing around a
hole change, never a word or a number, so what is indexed stays what it was; snippets
and article pages show the text as a person would have written it without the word.
"""

from __future__ import annotations

import re

# In this order; none joins two words or numbers (``Rp72.906,,1.358`` keeps its two prices).
_REPAIRS = (
    (re.compile(r"\([\s,;.]*\)|\[[\s,;.]*\]"), " "),  # brackets a link was cut out of
    (re.compile(r"(?<!\.)\.\.(?![.\d])"), "."),  # a doubled full stop (not an ellipsis)
    (re.compile(r",(?:\s*,)+(?=\S)"), ", "),  # commas left in a row
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(r"\s*,\s*(?=[.!?;:)\]])"), ""),  # a comma before the mark that follows it
    (re.compile(r"(?<=\S)\s+,(?=\s|[^\W\d_])"), " "),  # a comma standing alone between words
    (re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])"), ", "),  # a comma glued to the next word
    (re.compile(r"\s+(?=[.,!?;:](?:\s|$))"), ""),  # a space before a mark
    (re.compile(r" {2,}"), " "),
)


def tidy_holes(text: str) -> str:
    """``text`` with the punctuation and spacing around cut-out words collapsed."""
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    return text.strip(" ")
