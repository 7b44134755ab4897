"""Highlighted snippets: the sentences that best show why an article matched.

Matches are found and marked by ``search.query.present.highlight``, as on article pages and in
result titles; all article text is HTML-escaped and ``<mark>`` is the only markup a
snippet can contain.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from heapq import heappop, heappush

from search.analysis.sentences import sentences, word_end, word_start
from search.query.present.highlight import Analysis, Match, find_matches, forms_of, marked
from search.query.present.roots import bounds_hold, candidate_sentences, roots_of

SNIPPET_CHARS = 200
MAX_FRAGMENTS = 3
# A leftover budget smaller than this is not worth another fragment.
_MIN_FRAGMENT_CHARS = 50
ELLIPSIS = "…"


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
    ``every_sentence`` finds the sentences holding a root by reading every sentence and
    analyses each of them, not only those that may be among the fragments shown (the same
    snippet: tests compare the two)."""
    best = _best_first(text, analyzer, terms, every_sentence) if terms else iter(())
    sentence = next(best, None)
    if sentence is None:
        return opening(text, limit)
    fragments: list[str] = []
    budget = limit
    while sentence is not None and _room_left(fragments, budget):
        start, end = _window(text, sentence, budget)
        fragments.append(_render(text, start, end, sentence.matches,
                                 cut_before=start > sentence.start, cut_after=end < sentence.end))
        budget -= end - start
        # The next sentence is asked for only when it can be shown: each one asked for is
        # analysed, and asking after the last fragment analysed 2.43 sentences a hit where 1.81
        # are needed (the words and two words of ``bench/search_latency``'s mix at 22k).
        sentence = next(best, None) if _room_left(fragments, budget) else None
    return f" {ELLIPSIS} ".join(fragments)


def _room_left(fragments: list[str], budget: int) -> bool:
    return len(fragments) < MAX_FRAGMENTS and budget >= _MIN_FRAGMENT_CHARS


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


def _best_first(text: str, analyzer: Analysis, terms: Collection[str], every_sentence: bool) -> Iterator[_Sentence]:
    """The sentences that hold matches, in ``_rank`` order, each analysed only when it may be next.

    Candidates come best bound first (``search.query.present.roots``), so the bound of the
    ones not yet analysed only grows: an analysed sentence ranking above the next candidate's
    bound ranks above every sentence left and is given out. A snippet stops after three
    fragments or when its budget runs out (often after one or two), and the sentences it never
    asks for are never analysed. Analysing sentences was the largest stage of a search
    (6.2 ms of a question's 16 at 22k); ``every_sentence``, or a text where the bounds do not
    hold (``bounds_hold``), has every candidate analysed first."""
    roots = roots_of(frozenset(terms), forms_of(analyzer))
    bounded = not every_sentence and bounds_hold(text)
    analysed: list[tuple[tuple[int, int, int], _Sentence]] = []
    for bound, end in candidate_sentences(text, roots, every_sentence):
        start = bound[2]
        while analysed and bounded and analysed[0][0] < bound:
            yield heappop(analysed)[1]
        matches = find_matches(text[start:end], analyzer, terms, offset=start)
        if matches:
            sentence = _Sentence(start, end, matches)
            heappush(analysed, (_rank(sentence), sentence))
    while analysed:
        yield heappop(analysed)[1]


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
