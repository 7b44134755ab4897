"""A title for an article whose source gave none.

Scraped pages usually open with the headline on a line of its own; wire copy opens
straight with the lead sentence. Either way the result list needs something short
to show, so the lead sentence is trimmed rather than shown whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.analysis.sentences import first_sentence, word_end

MAX_HEADLINE_CHARS = 160
MAX_SENTENCE_TITLE_CHARS = 140
_ELLIPSIS = "…"

# A line ending like running text (full stop, comma, colon...) is a paragraph, not a headline.
_BODY_ENDING = re.compile(r"[.,;:][\"'”’)]*$")


def _stands_as_title(line: str) -> bool:
    """A short line that does not end like running text: the page's own headline, in
    title case or not (the capitalisation rule of ``search.analysis.headlines`` is a
    different question)."""
    return len(line) <= MAX_HEADLINE_CHARS and not _BODY_ENDING.search(line)


def _first_sentence(paragraph: str) -> str:
    """The lead's first sentence, or its first words when that is too long for a title;
    a single word longer than a title is the one thing cut inside."""
    sentence = first_sentence(paragraph) or paragraph
    if len(sentence) <= MAX_SENTENCE_TITLE_CHARS:
        return sentence.rstrip(".") or sentence
    room = MAX_SENTENCE_TITLE_CHARS - len(_ELLIPSIS)
    cut = sentence[: min(room, word_end(sentence, room))]
    return cut.rstrip(" ,;:-–—") + _ELLIPSIS


def derive_title(paragraphs: Sequence[str]) -> tuple[str, list[str], bool]:
    """The title, the body paragraphs, and whether the title was cut from the lead
    sentence rather than found as a headline line; a headline is not repeated in the body.

    ``paragraphs`` must be non-empty. A lone headline stays as the body too, so the
    article still has text to search. A title cut from the lead is only a label: the
    lead stays in the body, and ranking must not count its words twice (as title and body).
    """
    first, rest = paragraphs[0], list(paragraphs[1:])
    if _stands_as_title(first):
        return first, rest or [first], False
    return _first_sentence(first), list(paragraphs), True
