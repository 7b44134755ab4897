"""Show a highlighted HTML snippet in a terminal: matches in bold colour, entities decoded."""

from __future__ import annotations

import html
import itertools
import re

_MARK = re.compile(r"<mark>(.*?)</mark>")
# Control characters in article text must not reach the terminal as escape sequences.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BOLD_YELLOW = "\033[1;33m"
_RESET = "\033[0m"


def render_snippet(snippet: str, color: bool) -> str:
    """Matches stay visible without colour too, as [brackets]."""
    start, end = (_BOLD_YELLOW, _RESET) if color else ("[", "]")
    parts = [safe(html.unescape(part)) for part in _MARK.split(snippet)]
    return "".join(f"{start}{part}{end}" if marked else part for marked, part in zip(itertools.cycle((False, True)), parts))


def plain_snippet(snippet: str) -> str:
    """The snippet as the text it shows, without marks, for exports that are read as data."""
    return "".join(html.unescape(part) for part in _MARK.split(snippet))


def safe(text: str) -> str:
    """Text from an article with control characters blanked, fit for a terminal."""
    return _CONTROL.sub(" ", text)
