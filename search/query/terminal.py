"""Show a highlighted HTML snippet in a terminal: matches in bold colour, entities decoded."""

from __future__ import annotations

import html
import re

_MARK = re.compile(r"<mark>(.*?)</mark>")
_BOLD_YELLOW = "\033[1;33m"
_RESET = "\033[0m"


def render_snippet(snippet: str, color: bool) -> str:
    """Matches stay visible without colour too, as [brackets]."""
    replacement = rf"{_BOLD_YELLOW}\1{_RESET}" if color else r"[\1]"
    return html.unescape(_MARK.sub(replacement, snippet))
