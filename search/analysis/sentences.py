"""Where a sentence ends and where a fragment of text may be cut: one rule for every reader.

Snippets, derived titles and the entity tokenizer all ask the same two questions of
raw news text. A full stop is not always a sentence end in Indonesian news: numbers
group thousands and write times with it (``Rp72.906``, ``1.358``, ``10.30 WIB``),
domains contain it (``Kompas.com``), and so do abbreviations and initials (``Jl.``,
``No.``, ``dr.``, ``Prof.``, ``B.J. Habibie``). Cutting there misquotes the article:
a snippet that ends at ``Rp72.`` states a price the article never gave.

The rule: a run of ``.``, ``!``, ``?`` or ``…`` (and the quotes or brackets closing
after it) ends a sentence when white space or the end of the text follows, a lone
full stop does not close an abbreviation or an initial, and the next word does not
start in lower case (``"Kenapa?" tanya dia``). A line break always ends one.
Fragments are cut only there or at white space, never inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Words a full stop follows without ending the sentence (``Dr.``, ``Jl.``, ``No. 5``); the
# one list of both tokenizers (entities and index analysis) and the snippets.
ABBREVIATIONS = frozenset({
    "dr", "prof", "ir", "drs", "dra", "h", "hj", "kh", "st", "jl", "jln", "no", "tn", "ny", "sdr",
    "bpk", "mr", "mrs", "ms", "jr", "sr", "kol", "brig", "jend", "pol", "purn", "yth", "dkk",
    "dll", "dsb", "tsb", "sbg", "vs", "mt", "ft", "inc", "co", "ltd", "corp", "pt", "cv", "ust",
    "kec", "kab", "kel", "ds", "rt", "rw", "gg", "komp", "s", "m", "mm", "se", "sh", "rp",
    "brigjen", "mayjen", "letjen", "kapt", "tbk", "msi", "phd", "sp",
})
# Characters that close a sentence after its final mark, and that may open the next one.
CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"

# The marks a run of which may end a sentence (a possible sentence end, with its closers).
_MARKS = ".!?…"
_BREAK = re.compile(rf"\n|[{re.escape(_MARKS)}]+[{re.escape(CLOSERS)}]*")

Span = tuple[int, int]


def is_abbreviation(word: str) -> bool:
    """Whether a full stop after ``word`` leaves the sentence open: a known abbreviation,
    in any case, or a single capital letter (an initial, as in ``B.J. Habibie``)."""
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


def closes_sentence(marks: str, word_before: str, spaced: bool, next_word: str) -> bool:
    """Whether ``marks`` (``.``, ``?!``, ``...``, ``…``) end a sentence.

    ``word_before`` is the word the marks follow (empty after a digit or bracket),
    ``spaced`` whether white space or the end of the text follows them, ``next_word`` the
    next word (empty at a line break or the end)."""
    if not spaced:
        return False
    if marks == "." and is_abbreviation(word_before):
        return False
    return not next_word[:1].islower()


def sentences(text: str) -> Iterator[Span]:
    """(start, end) of each non-empty sentence of ``text``, in order, without the white
    space around it; the spans cover every non-space character."""
    start = 0
    for found in _BREAK.finditer(text):
        end = found.end()
        if not _closes(text, found.start(), end):
            continue
        span = _trimmed(text, start, end)
        if span:
            yield span
        start = end
    span = _trimmed(text, start, len(text))
    if span:
        yield span


def sentences_holding(text: str, positions: Iterable[int]) -> list[Span]:
    """The sentences of :func:`sentences` that hold the characters at ``positions``
    (ascending), each once, in order.

    Only the marks around each position are found (with ``str.find``) and judged, back to
    the previous sentence end and on to the next: a snippet needs the few sentences holding
    a query's words, and scanning a whole article with ``_BREAK`` and judging every mark cost
    120 µs per hit of the search mix at 22k (CLICK-ID bodies: 1,700 characters), the scan
    alone 30-45. A position on white space, a mark or a closer is answered from the whole text."""
    spans: list[Span] = []
    covered = -1
    wanted = list(positions)
    if any(text[position].isspace() or text[position] in _MARK_CHARS for position in wanted):
        return [span for span in sentences(text) if any(span[0] <= position < span[1] for position in wanted)]
    for position in wanted:
        if position < covered:
            continue
        covered = _sentence_end_after(text, position)
        span = _trimmed(text, _sentence_start_before(text, position), covered)
        if span:
            spans.append(span)
    return spans


# The characters of a mark run and of what may follow it.
_MARK_CHARS = frozenset("\n" + _MARKS + CLOSERS)


def _closes(text: str, start: int, end: int) -> bool:
    """Whether the break ``_BREAK`` matched from ``start`` to ``end`` ends a sentence: a line break always."""
    return text[start:end] == "\n" or closes_at(text, start, end)


def _sentence_end_after(text: str, position: int) -> int:
    """The end of the first sentence-ending mark run after ``position`` (not a mark), or the text's end."""
    while True:
        found = [at for at in (text.find(char, position) for char in "\n" + _MARKS) if at >= 0]
        if not found:
            return len(text)
        start = min(found)
        end = _run_end(text, start)
        if _closes(text, start, end):
            return end
        position = end


def _sentence_start_before(text: str, position: int) -> int:
    """The end of the last sentence-ending mark run before ``position`` (not a mark), or 0."""
    while True:
        last = max(text.rfind(char, 0, position) for char in "\n" + _MARKS)
        if last < 0:
            return 0
        start = last
        while start > 0 and text[last] != "\n" and text[start - 1] in _MARKS:
            start -= 1
        end = _run_end(text, start)
        if _closes(text, start, end):
            return end
        position = start


def _run_end(text: str, start: int) -> int:
    """Where the break ``_BREAK`` matches at ``start`` ends: a line break, or a run of marks with its closers."""
    if text[start] == "\n":
        return start + 1
    end = start + 1
    while end < len(text) and text[end] in _MARKS:
        end += 1
    while end < len(text) and text[end] in CLOSERS:
        end += 1
    return end


def first_sentence(text: str) -> str:
    """The text's first sentence, or '' when it has none."""
    for start, end in sentences(text):
        return text[start:end]
    return ""


def word_start(text: str, position: int, floor: int = 0) -> int:
    """``position`` moved back to the start of the word it falls in, never below ``floor``."""
    while position > floor and not text[position - 1].isspace():
        position -= 1
    return position


def word_end(text: str, position: int, floor: int = 0) -> int:
    """The end of the last whole word that ends by ``position`` after ``floor``; when a
    single word spans the whole stretch, the end of that word (it is not cut)."""
    if position >= len(text):
        return len(text.rstrip())
    cut = position
    while cut > floor and not text[cut].isspace() and not text[cut - 1].isspace():
        cut -= 1
    if cut == floor and not text[cut].isspace():
        cut = position
        while cut < len(text) and not text[cut].isspace():
            cut += 1
    while cut > floor and text[cut - 1].isspace():
        cut -= 1
    return cut


def closes_at(text: str, start: int, end: int) -> bool:
    """Whether the marks ``text[start:end]`` (closers after them included) end a sentence."""
    marks = text[start:end].rstrip(CLOSERS)
    spaced = end == len(text) or text[end].isspace()
    return closes_sentence(marks, _word_before(text, start), spaced, _next_word(text, end))


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:position]


def _next_word(text: str, position: int) -> str:
    """The first character of the next word on this line, past an opening quote or bracket."""
    while position < len(text) and text[position] in " \t\u00a0":
        position += 1
    if position < len(text) and text[position] in _OPENERS:
        position += 1
    return text[position:position + 1].strip()


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
