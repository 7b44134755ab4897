"""The one ``<mark>`` highlighter: which tokens of a text a query matches, and the text
escaped with those marked. Snippets, article pages and result titles all mark through it.

Matching runs on analysed tokens, so a query for ``sepakat`` marks ``kesepakatan`` and
``menyepakati`` too. All text is HTML-escaped; ``<mark>`` is the only markup added.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from whoosh.analysis import Analyzer


@dataclass(frozen=True)
class Match:
    """A token of the text that a query term matches, by character offsets."""

    start: int
    end: int
    term: str


def find_matches(text: str, analyzer: Analyzer, terms: Collection[str], offset: int = 0) -> tuple[Match, ...]:
    """Every token of ``text`` whose analysed form (or, for a name stemmed by mistake, its
    surface) is one of ``terms``; offsets are shifted by ``offset``."""
    return tuple(
        Match(offset + token.startchar, offset + token.endchar, token.text)
        for token in analyzer(text, chars=True, positions=True, mode="index")
        if token.text in terms or token.surface in terms
    )


def marked(text: str, start: int, end: int, matches: Collection[Match]) -> str:
    """``text[start:end]`` escaped, each of ``matches`` inside it (and not overlapping an
    earlier one) in ``<mark>``."""
    parts = []
    cursor = start
    for match in matches:
        if match.start < cursor or match.end > end:
            continue
        parts.append(escape(text[cursor:match.start]))
        parts.append(f"<mark>{escape(text[match.start:match.end])}</mark>")
        cursor = match.end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def highlight_all(text: str, analyzer: Analyzer, terms: Collection[str]) -> str:
    """``text`` escaped, with every token whose analysed form is in ``terms`` inside ``<mark>``."""
    if not terms:
        return escape(text)
    return marked(text, 0, len(text), find_matches(text, analyzer, terms))
