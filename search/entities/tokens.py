"""Tokens with the two facts every rule needs: where a sentence starts and which lines are headlines.

A capital letter is evidence of a name only in running text; at a sentence start or in
a title-case headline (``Moskow dan Washington Sepakat Tingkatkan Kerja Sama``) it is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search.analysis.headlines import is_headline
from search.analysis.sentences import closes_sentence

WORD, NUMBER, PUNCT, DOMAIN, NEWLINE = "w", "n", "p", "d", "\n"

_TOKEN = re.compile(
    r"(?P<d>\b[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:co\.id|go\.id|ac\.id|or\.id|com|id|net|org|tv)\b)"
    r"|(?P<w>[^\W\d_](?:[^\W_]|['’](?=[^\W\d_]))*)"
    r"|(?P<n>\d+(?:[.,]\d+)*)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)
_SENTENCE_MARKS = frozenset(".!?…")
# Not sentence ends, but a capital after them is as little evidence of a name.
_CLAUSE_MARKS = frozenset(":;|•")
_TRANSPARENT = frozenset("\"“”‘’'«»()[]*")
_DASHES = frozenset("–—")
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


def _closes_sentence(tokens: list[Token], index: int) -> bool:
    """The shared sentence rule (``search.analysis.sentences``) asked of the mark at ``index``
    (the neighbours found by walking, not by copying the token list: long articles have many marks)."""
    back = index - 1
    while back >= 0 and tokens[back].text in _TRANSPARENT:
        back -= 1
    ahead = index + 1
    while ahead < len(tokens) and tokens[ahead].text in _TRANSPARENT:
        ahead += 1
    before = tokens[back] if back >= 0 else None
    after = tokens[ahead] if ahead < len(tokens) else None
    glued = after is not None and after.kind != NEWLINE and all(
        tokens[position].glued for position in range(index + 1, ahead + 1))
    word_before = before.text if before is not None and before.kind == WORD else ""
    next_word = after.text if after is not None and after.kind != NEWLINE else ""
    return closes_sentence(tokens[index].text, word_before, not glued, next_word)


def _mark_sentence_starts(tokens: list[Token]) -> None:
    at_start = True
    for index, token in enumerate(tokens):
        if token.kind == NEWLINE:
            at_start = True
        elif token.kind == PUNCT:
            if token.text in _TRANSPARENT:
                continue
            if token.text in _SENTENCE_MARKS:
                at_start = at_start or _closes_sentence(tokens, index)
            elif token.text in _CLAUSE_MARKS:
                at_start = True
            elif token.text in _DASHES or (token.text == "-" and not token.glued):
                at_start = at_start or _is_dateline_dash(tokens, index)
            else:
                at_start = False
        else:
            token.sentence_start = at_start
            at_start = False


def _is_dateline_dash(tokens: list[Token], index: int) -> bool:
    """``KUALA LUMPUR / MOSKOW – Rusia ...``: a dash after a capitalised place opens a sentence."""
    for position in range(index - 1, -1, -1):
        token = tokens[position]
        if token.kind == NEWLINE:
            return True
        if token.kind == WORD and not token.upper:
            return False
    return True


def _mark_headlines(tokens: list[Token], text: str) -> None:
    """Flag every token of a headline line; the NEWLINE tokens are the text's line breaks."""
    lines = iter(text.split("\n"))
    line_start = 0
    for index in range(len(tokens) + 1):
        if index == len(tokens) or tokens[index].kind == NEWLINE:
            if is_headline(next(lines)):
                for token in tokens[line_start:index]:
                    token.headline = True
            line_start = index + 1


def tokenize(text: str) -> list[Token]:
    """Split text into tokens and mark sentence starts and headline lines."""
    text = unicodedata.normalize("NFC", text).replace("\r", "\n").replace("\u00a0", " ")
    tokens: list[Token] = []
    append = tokens.append
    previous_end = -1
    for match in _TOKEN.finditer(text):  # one loop, no call per token: the hot path of extraction
        kind = match.lastgroup or ""
        written = match.group()
        start, end = match.span()
        if kind == "nl":
            append(Token(written, NEWLINE, False))
            previous_end = -1
            continue
        token = Token(written.replace("’", "'"), kind, start == previous_end)
        if kind == WORD:
            token.cap = written[0].isupper()
            token.upper = token.cap and len(written) > 1 and written.isupper()
        append(token)
        previous_end = end
    _mark_sentence_starts(tokens)
    _mark_headlines(tokens, text)
    return tokens
