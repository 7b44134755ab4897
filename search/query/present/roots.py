"""Where a query's matches can be in a text, found without analysing it: each matched token
holds a root of one of the query's terms (the term folded as the analysis folds accents,
without its first letter, which a nasal prefix may replace: ``menyepakati`` holds
``epakat`` of ``sepakat``), so the sentences holding no root hold no match, and a sentence's
root occurrences bound how many matches, and distinct terms, analysing it can find.

A snippet analyses the few sentences that may be among its fragments
(``search.query.present.snippets``); these bounds say which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

from search.analysis.analyzer import EXACT_MARK
from search.analysis.folding import strip_accents
from search.analysis.sentences import sentences, sentences_holding

# Words this short are looked for whole; longer ones without their first letter.
_SHORT_WORD = 3
# Term sets remembered with their roots: a page of hits asks for the same terms ten times.
_REMEMBERED_TERM_SETS = 256

# The analysed forms of a token's text (``search.analysis.analyzer.word_forms``).
FormsOf = Callable[[str], tuple[str, ...]]


@dataclass(frozen=True)
class Roots:
    """The roots of a set of terms, and what an occurrence of each may hold.

    ``doubled``: roots one occurrence of which may hold two matches: a word the stemmer
    changes is analysed to two tokens in one place, its stem and its exact form, and both
    match when the word itself is a term (a name opening a sentence is stemmed, ``Persija``
    to ``sija`` and ``=persija``). ``forms``: per root, the analysed forms its matches can
    have (a match's term is its form); None when the analyzer is not the index's chain."""

    keys: tuple[str, ...]
    doubled: frozenset[str]
    forms: Mapping[str, frozenset[str]] | None

    def bound(self, occurrences: list[Occurrence]) -> tuple[int, int]:
        """At most how many distinct terms, and matches, a text holds whose root occurrences
        are ``occurrences`` (by start). Overlapping occurrences are in one token (a root holds
        no space or hyphen), which is at most two matches (its stem and its exact form), and two
        only with a doubled root among them: ``pembicaraan`` holds ``icara`` and ``embicaraan``."""
        matches = 0
        reach = -1
        doubled = False
        for start, end, key in occurrences:
            if start >= reach:
                matches += 1
                doubled = False
            if not doubled and key in self.doubled:
                matches += 1
                doubled = True
            reach = max(reach, end) if start < reach else end
        if self.forms is None:
            return matches, matches
        forms: set[str] = set()
        for key in {key for _, _, key in occurrences}:
            forms |= self.forms[key]
        return min(len(forms), matches), matches


def roots_of(terms: frozenset[str], forms_of: FormsOf | None) -> Roots:
    """The roots of ``terms`` for an analyzer whose forms are ``forms_of`` (None: unknown)."""
    return _roots_of(terms, forms_of)


@lru_cache(maxsize=_REMEMBERED_TERM_SETS)
def _roots_of(terms: frozenset[str], forms_of: FormsOf | None) -> Roots:
    forms: dict[str, set[str]] = {}
    doubled = set()
    for term in terms:
        written = term.removeprefix(EXACT_MARK)
        folded = strip_accents(written.lower())
        if not folded:
            continue
        key = folded[1:] if len(folded) > _SHORT_WORD else folded
        found = forms.setdefault(key, set())
        found.add(term)
        analysed = forms_of(written) if forms_of is not None else ()
        if forms_of is None or len(analysed) > 1:
            doubled.add(key)
        if not term.startswith(EXACT_MARK):
            found.update(analysed)
    return Roots(tuple(sorted(forms)), frozenset(doubled),
                 None if forms_of is None else {key: frozenset(found) for key, found in forms.items()})


# A root's occurrence: start, end, root.
Occurrence = tuple[int, int, str]
# A sentence that may hold a match: its bound (minus distinct terms, minus matches, start:
# the order fragments are taken in), and its end.
Candidate = tuple[tuple[int, int, int], int]


def candidate_sentences(text: str, roots: Roots, every_sentence: bool = False) -> list[Candidate]:
    """The sentences holding a root, best bound first (with ``every_sentence``: in text order,
    found by folding every sentence on its own, the reference the fast way is tested against).

    The roots are found in the whole text folded once, and only the sentences around them
    are worked out (``sentences_holding``); a text whose fold does not keep every character
    in its place (an ``İ``, a ligature, Arabic vowel marks) is read sentence by sentence.
    Reading and folding every sentence of every hit was a third of a snippet's cost
    (0.07 of 0.21 ms per hit on the hits of ``bench/search_latency``'s mix at 22k)."""
    keys = roots.keys
    folded = None if every_sentence or any(len(key.split()) != 1 for key in keys) else aligned_fold(text)
    found = []
    if folded is None:
        for start, end in sentences(text):
            lowered = text[start:end].lower()
            occurrences = _occurrences(lowered if lowered.isascii() else strip_accents(lowered), keys)
            if occurrences:
                found.append((_ranked(roots.bound(occurrences), start), end))
    else:
        occurrences = _occurrences(folded, keys)
        at = 0
        for start, end in sentences_holding(text, [occurrence[0] for occurrence in occurrences]):
            while occurrences[at][0] < start:
                at += 1
            first = at
            while at < len(occurrences) and occurrences[at][0] < end:
                at += 1
            found.append((_ranked(roots.bound(occurrences[first:at]), start), end))
    if not every_sentence:
        found.sort()
    return found


def may_hold_a_match(text: str, roots: Roots) -> bool:
    """Whether analysing ``text`` may find a match of the roots' terms: it holds one of their
    roots, or the bounds do not hold in it (:func:`bounds_hold`). A result title or an article
    paragraph without one is escaped without being analysed (94 of the 765 hits' titles of the
    words and two words of ``bench/search_latency``'s mix at 22k)."""
    if not bounds_hold(text):
        return True
    folded = strip_accents(text.lower())
    return any(key in folded for key in roots.keys)


def bounds_hold(text: str) -> bool:
    """Whether the bounds of :class:`Roots` hold in ``text``: the analysis drops an apostrophe
    inside a word (``Ma'ruf`` is ``maruf``), so such a word holds its match's root only
    without it, and may match where no root occurs."""
    return ("'" not in text and "’" not in text) or _INNER_APOSTROPHE.search(text) is None


_INNER_APOSTROPHE = re.compile(r"\w['’]\w")


def _ranked(bound: tuple[int, int], start: int) -> tuple[int, int, int]:
    return -bound[0], -bound[1], start


def aligned_fold(text: str) -> str | None:
    """``text`` lowercased and folded as the analysis folds, when every character folds to
    exactly one (so an offset in the fold is the same offset in the text); else None."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if lowered.isascii():
        return lowered
    pieces = []
    cursor = 0
    for found in _NON_ASCII.finditer(lowered):
        fold = _fold_char(found.group())
        if len(fold) != 1:
            return None
        pieces.append(lowered[cursor:found.start()])
        pieces.append(fold)
        cursor = found.end()
    pieces.append(lowered[cursor:])
    return "".join(pieces)


_fold_char = lru_cache(maxsize=4096)(strip_accents)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _occurrences(folded: str, keys: Collection[str]) -> list[Occurrence]:
    """Each root's occurrences in ``folded`` (non-overlapping from the left, as ``str.count``
    counts them), by start."""
    found = []
    for key in keys:
        at = folded.find(key)
        while at >= 0:
            found.append((at, at + len(key), key))
            at = folded.find(key, at + len(key))
    found.sort()
    return found
