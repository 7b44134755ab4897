"""Words out of Indonesian text, with character offsets and a flag for names.

Names must never be stemmed (``Terawan`` is not ``awan``), and capitalisation
is the only evidence a tokenizer has: a capitalised word inside a sentence is a
name; at the start of a sentence, or anywhere in a headline, it is one only if
the same text also capitalises it inside a sentence.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer

from search.analysis.folding import strip_accents
from search.analysis.headlines import is_headline
from search.analysis.sentences import is_abbreviation
from search.analysis.stemmers import light_stem


def _char_class(predicate: Callable[[str], bool]) -> str:
    """A regex character class of the BMP characters satisfying ``predicate``."""
    ranges: list[str] = []
    start = None
    for code in range(0x10001):
        inside = code < 0x10000 and predicate(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(code - 1)) if code - 1 > start else ""))
            start = None
    return "[" + "".join(ranges) + "]"


_LETTERS_OR_DIGITS = r"[^\W_]+"
_JOINED = rf"{_LETTERS_OR_DIGITS}(?:['’]{_LETTERS_OR_DIGITS})*"
_HYPHENS = "-\u2010\u2011"
# Numbers keep their separators (``1.000.000``, ``2,5``); words keep inner
# apostrophes (``Ma'ruf``) and hyphens (``negara-negara``, ``al-Jubeir``).
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)+|{_JOINED}(?:[{_HYPHENS}]{_JOINED})*")
# The text cut at its words: gaps and words in turn (``re.split`` with the word as its group),
# the gap before each word read as it is instead of sliced from the offsets of two matches.
_GAPS_AND_WORDS = re.compile(f"({_TOKEN.pattern})")
_HYPHEN = re.compile(f"[{_HYPHENS}]")
# ``Amin's`` is English inside Indonesian text: the possessive goes, the name stays.
_APOSTROPHE = re.compile("['’]s$|['’]")
_UPPER = _char_class(str.isupper)
# A capitalised word after a word, comma, bracket or hyphen on the same line is
# inside a sentence: the evidence that it is a name. Found from the word (after a space,
# a tab or a hyphen), what comes before it checked afterwards (``_after_word``): a pattern
# that opened with the look behind was tried at every character, 0.12 ms an article.
_CAPITALISED = re.compile(rf"(?<=[{_HYPHENS} \t]){_UPPER}[^\W_]*(?:['’]{_LETTERS_OR_DIGITS})*")
_BEFORE_SPACE = re.compile(r"[\w,)%]")
_BEFORE_HYPHEN = re.compile(r"\w")
_SENTENCE_BREAK = re.compile(r"[.!?\n\"“‘«•|]")
_LINE = re.compile(r"[^\n]+")


# Words repeat: each distinct one is folded once.
_fold = lru_cache(maxsize=1 << 14)(strip_accents)


def normalise(word: str) -> str:
    """The index form of a word before stemming: lowercase, no apostrophes, no accents."""
    text = word.lower()
    if not text.isalnum():
        text = _APOSTROPHE.sub("", text)
    return text if text.isascii() else _fold(text)


def headline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every headline line, in order."""
    return [line.span() for line in _LINE.finditer(text) if is_headline(line.group())]


def name_evidence(text: str, headlines: list[tuple[int, int]]) -> frozenset[str]:
    """Normalised words the text capitalises inside a sentence outside headlines."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        if _after_word(text, start) and not _inside(headlines, start):
            found.add(normalise(match.group()))
    return frozenset(found)


def _after_word(text: str, start: int) -> bool:
    """Whether the word at ``start`` (after a space, tab or hyphen) follows a word, comma,
    bracket or percent sign across spaces and tabs, or a word across one hyphen."""
    before = start - 1
    if text[before] in _HYPHENS:
        return before > 0 and _BEFORE_HYPHEN.match(text, before - 1) is not None
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before > 0 and _BEFORE_SPACE.match(text, before - 1) is not None


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    if not spans:
        return False
    index = bisect_right(spans, (offset, math.inf)) - 1
    return index >= 0 and offset < spans[index][1]


def starts_sentence(gap: str, previous_word: str) -> bool:
    """True when the text ``gap`` between ``previous_word`` and the next word (punctuation
    or a line break) opens a new sentence; the first word (no previous word) opens one."""
    if not previous_word:
        return True
    found = _SENTENCE_BREAK.search(gap)
    if found is None:
        return False
    if found.start() == 0 and gap[0] == "." and is_abbreviation(previous_word):
        return _SENTENCE_BREAK.search(gap, 1) is not None
    return True


def split_compound(word: str, start: int) -> list[tuple[str, int, int, bool]]:
    """(text, start, end, capitalised) pieces of a word with hyphens or apostrophes.

    Reduplication (``negara-negara``, ``anak-anaknya``, ``berbalas-balasan``)
    is one piece spanning the whole word, its text the shared base; any other
    compound (``al-Jubeir``, ``militer-ke-militer``) yields its parts.
    """
    parts = _HYPHEN.split(word)
    if len(parts) == 2:
        base = reduplicated_base(normalise(parts[0]), normalise(parts[1]))
        if base is not None:
            return [(base, start, start + len(word), parts[0][0].isupper())]
    pieces = []
    offset = start
    for part in parts:
        pieces.append((normalise(part), offset, offset + len(part), part[0].isupper()))
        offset += len(part) + 1
    return pieces


def reduplicated_base(left: str, right: str) -> str | None:
    """The shared base when ``left-right`` repeats one word, else None.

    Recognised by our own affix rules whatever stemmer indexes the text, so a
    reduplication is one token in every index.
    """
    if left == right:
        return left
    if not (left.isalpha() and right.isalpha()):
        return None
    base = light_stem(left)
    return base if base == light_stem(right) else None


class IndonesianTokenizer(Tokenizer):
    """Lowercased words with offsets, positions and a ``name`` flag for the filters.

    ``protect_names`` off flags nothing as a name: the switch exists to measure
    what name protection is worth.
    """

    def __init__(self, protect_names: bool = True) -> None:
        self.protect_names = protect_names

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), self.protect_names))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        keep: Callable[[str], bool] | None = None,
        **kwargs,
    ) -> Iterator[Token]:
        """Tokens of ``value``; with ``keep``, only those whose text it accepts, with the
        positions, offsets and name flags they have among all the tokens (the highlighter asks
        for the few words that can match a query: the name evidence of the text is then read
        only when a capitalised one is kept)."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        if not tokenize:
            t.text, t.name, t.stopped = normalise(value), False, False
            t.original = value
            t.pos, t.startchar, t.endchar = start_pos, start_char, start_char + len(value)
            yield t
            return
        for text, pos, piece_start, piece_end, name in words(value, self.protect_names, keep, start_pos):
            t.text, t.name, t.stopped = text, name, False
            if keeporiginal:
                t.original = value[piece_start:piece_end]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + piece_start
                t.endchar = start_char + piece_end
            yield t


# A word's text, position, start and end in the value, and whether it is a name.
Word = tuple[str, int, int, int, bool]


def words(value: str, protect_names: bool = True, keep: Callable[[str], bool] | None = None,
          start_pos: int = 0) -> Iterator[Word]:
    """The tokenizer's words of ``value`` as tuples, in order: what ``IndonesianTokenizer``
    sets on its token, and what the index's analysis (``analyzer.indexed_positions``) reads
    without a token passed through Whoosh's filters. With ``keep``, only the words whose
    text it accepts, with the positions and name flags they have among all the words."""
    protect = protect_names
    evidence = _NameEvidence(value)
    pos = start_pos
    parts = _GAPS_AND_WORDS.split(value)
    gap, end, previous_word = parts[0], 0, ""
    for index in range(1, len(parts), 2):
        word = parts[index]
        start = end + len(gap)
        end = start + len(word)
        if word.isalnum():
            text = word.lower()
            if not text.isascii():
                text = _fold(text)
            if keep is None or keep(text):
                yield text, pos, start, end, protect and word[0].isupper() and evidence.is_name(
                    text, start, starts_sentence(gap, previous_word))
            pos += 1
        else:
            # Only the first piece can open a sentence; a headline leaves every piece open.
            opens = protect and word[0].isupper()
            for text, piece_start, piece_end, capitalised in split_compound(word, start):
                if keep is None or keep(text):
                    yield text, pos, piece_start, piece_end, protect and capitalised and evidence.is_name(
                        text, start, opens and starts_sentence(gap, previous_word))
                pos += 1
                opens = False
        gap, previous_word = parts[index + 1], word


class _NameEvidence:
    """The headlines of a text and the words it capitalises inside a sentence, read when a
    capitalised word first asks: a capitalised word is a name unless it may only be
    capitalised by position (opening a sentence, or in a headline) and the text never
    capitalises it inside a sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._headlines: list[tuple[int, int]] | None = None
        self._names: frozenset[str] | None = None

    def is_name(self, word: str, start: int, opens_sentence: bool) -> bool:
        if self._headlines is None:
            self._headlines = headline_spans(self.text)
        if not opens_sentence and not _inside(self._headlines, start):
            return True
        if self._names is None:
            self._names = name_evidence(self.text, self._headlines)
        return word in self._names
