"""Highlighted snippets: the sentences that best show why an article matched.

Matches are found and marked by ``search.query.present.highlight``, as on article pages and in
result titles; all article text is HTML-escaped and ``<mark>`` is the only markup a
snippet can contain.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from search.analysis.analyzer import EXACT_MARK
from search.analysis.folding import strip_accents
from search.analysis.sentences import sentences, word_end, word_start
from search.query.present.highlight import Analysis, Match, find_matches, marked

SNIPPET_CHARS = 200
MAX_FRAGMENTS = 3
# A leftover budget smaller than this is not worth another fragment.
_MIN_FRAGMENT_CHARS = 50
ELLIPSIS = "…"

# Words this short are looked for whole; longer ones without their first letter.
_SHORT_WORD = 3


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    matches: tuple[Match, ...]

    @property
    def distinct(self) -> int:
        return len({match.term for match in self.matches})


def make_snippet(text: str, analyzer: Analysis, terms: Collection[str], limit: int = SNIPPET_CHARS,
                 *, every_sentence: bool = False) -> str:
    """Up to three fragments (about ``limit`` characters in all), best fragment first.

    A fragment is a whole sentence or a cut of one at word boundaries; an ellipsis marks
    every cut, so a fragment without one is a sentence as the article wrote it.
    ``every_sentence`` analyses every sentence that may hold a match, not only those that
    may be among the best ``MAX_FRAGMENTS`` (the same snippet: tests compare the two)."""
    found = _sentences_with_matches(text, analyzer, terms, every_sentence) if terms else []
    if not found:
        return opening(text, limit)
    fragments: list[str] = []
    budget = limit
    for sentence in sorted(found, key=_rank):
        if len(fragments) == MAX_FRAGMENTS or budget < _MIN_FRAGMENT_CHARS:
            break
        start, end = _window(text, sentence, budget)
        fragments.append(_render(text, start, end, sentence.matches,
                                 cut_before=start > sentence.start, cut_after=end < sentence.end))
        budget -= end - start
    return f" {ELLIPSIS} ".join(fragments)


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The article's first ``limit`` characters, cut at a word boundary, escaped."""
    start = len(text) - len(text.lstrip())
    end = word_end(text, start + limit, floor=start)
    return _render(text, start, end, (), cut_before=False, cut_after=not _ends_sentence(text, end))


def _ends_sentence(text: str, position: int) -> bool:
    for _, end in sentences(text):
        if end >= position:
            return end == position
    return True


def _rank(sentence: _Sentence) -> tuple[int, int, int]:
    """Fragments are taken in this order: most distinct terms, most matches, earliest."""
    return -sentence.distinct, -len(sentence.matches), sentence.start


def _sentences_with_matches(text: str, analyzer: Analysis, terms: Collection[str],
                            every_sentence: bool = False) -> list[_Sentence]:
    """Sentences holding a match, among them the best ``MAX_FRAGMENTS`` by ``_rank``.

    Stemming every word of an article costs more than the rest of a search, so only
    sentences that could hold a match are analysed: an affixed form contains its root
    (all but the root's first letter, which a nasal prefix may replace). A sentence is
    analysed alone, so a name opening it may be stemmed: its surface matches then.

    Each matched token holds one of those roots (folded, as the analysis folds accents), so
    a sentence has at most as many matches, and as many distinct terms, as its occurrences
    of the roots: sentences are analysed most occurrences first, and once three analysed
    ones rank above what any other could reach, the others cannot be among the fragments.
    Analysing every candidate sentence of every hit was the largest stage of a search
    (6.2 ms of a question's 16 at 22k).
    """
    keys = _match_keys(terms)
    possible = []
    for start, end in sentences(text):
        lowered = text[start:end].lower()
        folded = lowered if lowered.isascii() else strip_accents(lowered)
        occurrences = sum(folded.count(key) for key in keys)
        if occurrences:
            possible.append((-occurrences, start, end))
    if not every_sentence:
        possible.sort()
    found: list[_Sentence] = []
    best: list[tuple[int, int, int]] = []
    for negative_occurrences, start, end in possible:
        reachable = (negative_occurrences, negative_occurrences, start)
        if not every_sentence and len(best) >= MAX_FRAGMENTS and best[MAX_FRAGMENTS - 1] < reachable:
            break
        matches = find_matches(text[start:end], analyzer, terms, offset=start)
        if matches:
            sentence = _Sentence(start, end, matches)
            found.append(sentence)
            best = sorted([*best, _rank(sentence)])[:MAX_FRAGMENTS]
    return sorted(found, key=lambda sentence: sentence.start)


def _match_keys(terms: Collection[str]) -> set[str]:
    """What each term's matches contain, folded as the analysis folds words."""
    words = {strip_accents(term.removeprefix(EXACT_MARK).lower()) for term in terms}
    return {word[1:] if len(word) > _SHORT_WORD else word for word in words if word}


def _window(text: str, sentence: _Sentence, budget: int) -> tuple[int, int]:
    """The sentence, or a word-aligned cut of it centred on its first match when too long."""
    start, end = sentence.start, sentence.end
    if end - start <= budget:
        return start, end
    first = sentence.matches[0]
    lead = word_start(text, max(start, first.start - budget // 3), floor=start)
    return lead, min(end, word_end(text, lead + budget, floor=lead))


def _render(text: str, start: int, end: int, matches: Collection[Match], *, cut_before: bool,
            cut_after: bool) -> str:
    html = marked(text, start, end, matches)
    return _squash(f"{ELLIPSIS if cut_before else ''}{html}{ELLIPSIS if cut_after else ''}")


def _squash(html: str) -> str:
    return " ".join(html.split())
