"""Character-level repair, done before any line or sentence rule looks at the text.

Much of CLICK-ID was UTF-8 decoded as Mac Roman once (``‚Äú`` for ``“``, ``¬†`` for a
no-break space, whole Arabic prayers as ``ÿß...``); left alone, those fragments glue
onto words and poison the index.
"""

from __future__ import annotations

import re


def _mac_roman_class(first: int, last: int) -> str:
    return re.escape(bytes(range(first, last + 1)).decode("mac_roman"))


_CONTINUATION = f"[{_mac_roman_class(0x80, 0xBF)}]"
_MOJIBAKE = re.compile(
    f"[{_mac_roman_class(0xC2, 0xDF)}]{_CONTINUATION}"
    f"|[{_mac_roman_class(0xE0, 0xEF)}]{_CONTINUATION}{{2}}"
    f"|[{_mac_roman_class(0xF0, 0xF4)}]{_CONTINUATION}{{3}}"
)
# Excel's escape for a carriage return, left in some scraped cells.
_EXCEL_CARRIAGE_RETURN = re.compile(r"_x000D_", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
# Control characters (NUL, BEL, ESC...) and lone surrogates (``"\\ud800"`` in JSON): never
# text, unprintable, and a surrogate cannot even be written to the index as UTF-8.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
# Every run of horizontal space (or of braille blanks) becomes one space; a lone space is
# already one, and matching only the runs that change skips the text's every other word.
_HORIZONTAL_SPACE = re.compile("[^\\S\n]{2,}|[^\\S\n ]|\u2800+")
# ASCII characters the line-break and control-character repairs change.
_ASCII_LINE_BREAKS = ("\r", "\x0b", "\x0c")


def _repair_one(match: re.Match[str]) -> str:
    fragment = match.group()
    try:
        return fragment.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return fragment


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Mac-Roman, sequence by sequence, so intact text beside it is untouched."""
    return _MOJIBAKE.sub(_repair_one, text)


def normalise_characters(text: str) -> str:
    """Repair mojibake, unify line breaks, drop control characters and collapse every kind of
    horizontal space to one space: the one character cleaning every reader applies. ASCII
    text (most of CLICK-ID) has no mojibake and no invisible characters to look for."""
    plain = text.isascii()
    if not plain:
        text = repair_mojibake(text)
    text = _EXCEL_CARRIAGE_RETURN.sub("\n", text)
    if not plain or any(mark in text for mark in _ASCII_LINE_BREAKS):
        text = _LINE_BREAK.sub("\n", text)
    if not plain:
        text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _HORIZONTAL_SPACE.sub(" ", text)
