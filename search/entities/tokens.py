"""Tokens with the two facts every rule needs: where a sentence starts and which lines are headlines.

A capital letter is evidence of a name only in running text; at a sentence start or in
a title-case headline (``Moskow dan Washington Sepakat Tingkatkan Kerja Sama``) it is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD, NUMBER, PUNCT, DOMAIN, NEWLINE = "w", "n", "p", "d", "\n"

_TOKEN = re.compile(
    r"(?P<d>\b[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:co\.id|go\.id|ac\.id|or\.id|com|id|net|org|tv)\b)"
    r"|(?P<w>[^\W\d_](?:[^\W_]|['’](?=[^\W\d_]))*)"
    r"|(?P<n>\d+(?:[.,]\d+)*)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)
_SENTENCE_END = frozenset(".!?:;|•")
_TRANSPARENT = frozenset("\"“”‘’'«»()[]*")
_DASHES = frozenset("–—")
# Words a full stop follows without ending the sentence (``Dr.``, ``Jl.``, initials).
_ABBREVIATIONS = frozenset({
    "dr", "prof", "ir", "drs", "dra", "h", "hj", "kh", "st", "jl", "jln", "no", "tn", "ny", "sdr",
    "bpk", "mr", "mrs", "ms", "jr", "sr", "kol", "brig", "jend", "pol", "purn", "yth", "dkk",
    "dll", "dsb", "tsb", "sbg", "vs", "mt", "ft", "inc", "co", "ltd", "corp", "pt", "cv", "ust",
    "kec", "kab", "kel", "ds", "rt", "rw", "gg", "komp", "s", "m", "mm", "se", "sh",
})
_HEADLINE_FUNCTION_WORDS = frozenset({
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "soal", "jadi", "ini",
    "itu", "usai", "saat", "bagi", "oleh", "akan", "tak", "tidak", "bisa", "ada", "sudah", "jelang",
    "hingga", "sampai", "demi", "karena", "agar", "dalam", "the", "of", "and", "in", "on", "for",
    "vs", "ala", "pun", "lho", "kok", "nih", "sih", "ya", "&",
})
_HEADLINE_SHARE = 0.75


@dataclass(slots=True)
class Token:
    """One token of the text: a word, number, punctuation mark, web domain or line break."""

    text: str
    kind: str
    glued: bool
    cap: bool = False
    upper: bool = False
    sentence_start: bool = False
    headline: bool = False

    @property
    def ambiguous_case(self) -> bool:
        """Capitalised for a reason other than being a name."""
        return self.sentence_start or self.headline


def _make(match: re.Match[str], previous_end: int) -> Token:
    kind = match.lastgroup
    text = match.group()
    if kind == "nl":
        return Token(text, NEWLINE, False)
    token = Token(text.replace("’", "'"), kind, match.start() == previous_end)
    if kind == WORD:
        token.cap = text[0].isupper()
        token.upper = token.cap and len(text) > 1 and text.isupper()
    return token


def _is_abbreviation(token: Token | None) -> bool:
    return token is not None and token.kind == WORD and (
        (len(token.text) == 1 and token.cap) or token.text.lower() in _ABBREVIATIONS)


def _mark_sentence_starts(tokens: list[Token]) -> None:
    at_start = True
    previous: Token | None = None
    for index, token in enumerate(tokens):
        if token.kind == NEWLINE:
            at_start = True
        elif token.kind == PUNCT:
            if token.text in _TRANSPARENT:
                continue
            if token.text == "." and _is_abbreviation(previous):
                pass
            elif token.text in _SENTENCE_END:
                at_start = True
            elif token.text in _DASHES or (token.text == "-" and not token.glued):
                at_start = at_start or _is_dateline_dash(tokens, index)
            else:
                at_start = False
        else:
            token.sentence_start = at_start
            at_start = False
        previous = token


def _is_dateline_dash(tokens: list[Token], index: int) -> bool:
    """``KUALA LUMPUR / MOSKOW – Rusia ...``: a dash after a capitalised place opens a sentence."""
    for position in range(index - 1, -1, -1):
        token = tokens[position]
        if token.kind == NEWLINE:
            return True
        if token.kind == WORD and not token.upper:
            return False
    return True


def _mark_headlines(tokens: list[Token]) -> None:
    line_start = 0
    for index in range(len(tokens) + 1):
        if index == len(tokens) or tokens[index].kind == NEWLINE:
            line = tokens[line_start:index]
            if _is_headline(line):
                for token in line:
                    token.headline = True
            line_start = index + 1


def _is_headline(line: list[Token]) -> bool:
    """Title case, and no full stop ending a sentence: headlines may ask or exclaim
    (``Fahri Hamzah Ungkap Jokowi Terganggu, Kenapa?``, ``Kocak! ...``) or trail off
    (``Ini Alasannya...``), but they do not end with a full stop."""
    printed = [token for token in line if token.text not in _TRANSPARENT]
    if any(_ends_sentence(printed, index) for index, token in enumerate(printed) if token.text == "."):
        return False
    words = [token for token in line if token.kind == WORD and token.text.lower() not in _HEADLINE_FUNCTION_WORDS]
    if len(words) < 2:
        return False
    return sum(token.cap for token in words) >= _HEADLINE_SHARE * len(words)


def _ends_sentence(printed: list[Token], index: int) -> bool:
    """A full stop that is not part of an ellipsis and does not close an abbreviation."""
    before = printed[index - 1] if index > 0 else None
    after = printed[index + 1] if index + 1 < len(printed) else None
    in_ellipsis = (before is not None and before.text == ".") or (after is not None and after.text == "." and after.glued)
    return not in_ellipsis and not _is_abbreviation(before)


def tokenize(text: str) -> list[Token]:
    """Split text into tokens and mark sentence starts and headline lines."""
    text = unicodedata.normalize("NFC", text).replace("\r", "\n").replace("\u00a0", " ")
    tokens: list[Token] = []
    previous_end = -1
    for match in _TOKEN.finditer(text):
        token = _make(match, previous_end)
        tokens.append(token)
        previous_end = -1 if token.kind == NEWLINE else match.end()
    _mark_sentence_starts(tokens)
    _mark_headlines(tokens)
    return tokens
