"""Which lines are title-case headlines: the one rule of both tokenizers.

A capital letter is evidence of a name only in running text. In a title-case headline
(``Moskow dan Washington Sepakat Tingkatkan Kerja Sama``) or an ALL CAPS one every word
is capitalised, names or not, so the index tokenizer (which must not stem names) and the
entity tokenizer (which must not report ``Sepakat`` as a person) ask this same question.

The rule: a line is a headline when at least three quarters of its content words (words
other than the function words title case leaves lowercase) are capitalised, there are at
least two of them, and no full stop in it ends a sentence. Headlines may ask or exclaim
(``Ungkap Alasan, Kenapa?``, ``Kocak! ...``) or trail off (``Ini Alasannya...``), but
they do not end a sentence with a full stop: prose does, however many names it holds.

This is not the layout question of ``search.ingest.derived_titles`` (does the first line
of a scraped page stand alone as its title?): a sentence-case headline is a title there
and running text here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from search.analysis.sentences import CLOSERS, closes_at

# Words title case leaves lowercase in Indonesian (and the English of names); they count
# neither way. This was the entity tokenizer's list; the index tokenizer used every
# stopword and its own threshold. Merged onto this rule, 190 of CLICK-ID's 68,425 lines
# changed for the index tokenizer (none for the entity tokenizer), most of them headlines
# that trail off (``Ternyata...``), which the old end-of-line check took for prose.
HEADLINE_FUNCTION_WORDS = frozenset({
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "soal", "jadi", "ini",
    "itu", "usai", "saat", "bagi", "oleh", "akan", "tak", "tidak", "bisa", "ada", "sudah", "jelang",
    "hingga", "sampai", "demi", "karena", "agar", "dalam", "the", "of", "and", "in", "on", "for",
    "vs", "ala", "pun", "lho", "kok", "nih", "sih", "ya",
})
# Share of capitalised content words that makes a line title case: one lowercase content
# word in four is a headline's verb or noun left lowercase, two are prose.
HEADLINE_SHARE = 0.75
_MIN_CONTENT_WORDS = 2

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’](?=[^\W\d_]))*")
_FULL_STOP = re.compile(r"(?<!\.)\.(?!\.)")


# Lines whose answer is remembered: an article's lines are asked twice, by the entity
# tokenizer over title and body and by the index tokenizer over each field (0.15 ms of an
# article's analysis was this rule); a few hundred cover any article.
_REMEMBERED_LINES = 512


@lru_cache(maxsize=_REMEMBERED_LINES)
def is_headline(line: str) -> bool:
    """Whether ``line`` (one line of text, no line break) is a title-case or ALL CAPS headline."""
    content = [word for word in _WORD.findall(line) if word.lower() not in HEADLINE_FUNCTION_WORDS]
    if len(content) < _MIN_CONTENT_WORDS:
        return False
    if sum(word[0].isupper() for word in content) < HEADLINE_SHARE * len(content):
        return False
    return not any(_ends_sentence(line, found.start()) for found in _FULL_STOP.finditer(line))


def _ends_sentence(line: str, position: int) -> bool:
    """The shared sentence rule asked of the lone full stop at ``position``."""
    end = position + 1
    while end < len(line) and line[end] in CLOSERS:
        end += 1
    return closes_at(line, position, end)
