"""The one ``<mark>`` highlighter: which tokens of a text a query matches, and the text
escaped with those marked. Snippets, article pages and result titles all mark through it.

Matching runs on analysed tokens, so a query for ``sepakat`` marks ``kesepakatan`` and
``menyepakati`` too. All text is HTML-escaped; ``<mark>`` is the only markup added.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from html import escape
from typing import TypeAlias

from whoosh.analysis import Analyzer

from search.analysis.analyzer import may_match, word_forms
from search.config import MEMORY
from search.query.match.memory import BoundedMemory
from search.query.present.roots import FormsOf, may_hold_a_match, roots_of

# The tokens of a text that may match a query's terms are remembered per index view within
# ``MEMORY.analysed_tokens`` (``search.config``), by text and terms: paging and refining by
# facets ask for the same hits again. Texts longer than a long sentence (article paragraphs)
# are analysed but not remembered.
REMEMBERED_TEXT_CHARS = 1_000

# A token as matching needs it: character offsets, the analysed form, the surface.
_Token = tuple[int, int, str, str]
# What a remembered text costs, in tokens: those kept, and the text itself (its key) counted
# as the tokens it would have, about one per six characters (a word and its space), so the
# budget holds as much text as when every token of it was kept.
_Remembered = tuple[int, tuple[_Token, ...]]
_CHARS_PER_TOKEN = 6
# Term sets whose token test (``may_match``) is kept: building it takes 3 µs, asked for by
# every sentence and title a page of hits analyses (about 30 per search).
_REMEMBERED_KEEPS = 64


@dataclass(frozen=True)
class Match:
    """A token of the text that a query term matches, by character offsets."""

    start: int
    end: int
    term: str


class AnalysedTexts:
    """An analyzer whose tokens of short texts (sentences, titles) are remembered."""

    def __init__(self, analyzer: Analyzer, capacity: int = MEMORY.analysed_tokens) -> None:
        self.analyzer = analyzer
        # Found once: every title and snippet of a page asks for them (``forms_of``).
        self.forms_of = word_forms(analyzer)
        self.memory: BoundedMemory[_Remembered] = BoundedMemory(capacity, lambda remembered: remembered[0])
        self.keeps: BoundedMemory[tuple[Callable[[str], bool] | None]] = BoundedMemory(_REMEMBERED_KEEPS)

    def tokens(self, text: str, terms: Collection[str] = ()) -> tuple[_Token, ...]:
        """The tokens of ``text`` that may match ``terms`` (see :func:`find_matches`)."""
        wanted = frozenset(terms)
        keep = self.keeps.get(wanted, lambda: (may_match(self.analyzer, wanted),))[0]
        if len(text) > REMEMBERED_TEXT_CHARS:
            return _analyse(self.analyzer, text, keep)

        def analyse() -> _Remembered:
            tokens = _analyse(self.analyzer, text, keep)
            return len(tokens) + 1 + len(text) // _CHARS_PER_TOKEN, tokens
        return self.memory.get((text, wanted), analyse)[1]


Analysis: TypeAlias = Analyzer | AnalysedTexts


def forms_of(analyzer: Analysis) -> FormsOf | None:
    """The analysed forms of a token's text (``search.analysis.analyzer.word_forms``)."""
    return analyzer.forms_of if isinstance(analyzer, AnalysedTexts) else word_forms(analyzer)


def _analyse(analyzer: Analyzer, text: str, keep: Callable[[str], bool] | None) -> tuple[_Token, ...]:
    """The tokens of ``text``; for the index's own analysis only those ``keep`` accepts, the
    ones that may match the terms (``may_match``): a sentence's other words are neither
    stemmed nor kept, and the sentence's name evidence is read only when a capitalised word
    may match. Analysing every word was most of a snippet's cost (73 µs for a CLICK-ID
    sentence of 119 characters)."""
    options = {} if keep is None else {"keep": keep}
    return tuple((token.startchar, token.endchar, token.text, token.surface)
                 for token in analyzer(text, chars=True, positions=True, mode="index", **options))


def find_matches(text: str, analyzer: Analysis, terms: Collection[str], offset: int = 0) -> tuple[Match, ...]:
    """Every token of ``text`` whose analysed form (or, for a name stemmed by mistake, its
    surface) is one of ``terms``; offsets are shifted by ``offset``."""
    tokens = (analyzer.tokens(text, terms) if isinstance(analyzer, AnalysedTexts)
              else _analyse(analyzer, text, may_match(analyzer, terms)))
    return tuple(Match(offset + start, offset + end, form)
                 for start, end, form, surface in tokens if form in terms or surface in terms)


def marked(text: str, start: int, end: int, matches: Collection[Match]) -> str:
    """``text[start:end]`` escaped, each of ``matches`` inside it (and not overlapping an
    earlier one) in ``<mark>``."""
    parts = []
    cursor = start
    for match in matches:
        if match.start < cursor or match.end > end:
            continue
        parts.append(escape(text[cursor:match.start]))
        parts.append(f"<mark>{escape(text[match.start:match.end])}</mark>")
        cursor = match.end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def highlight_all(text: str, analyzer: Analysis, terms: Collection[str]) -> str:
    """``text`` escaped, with every token whose analysed form is in ``terms`` inside ``<mark>``
    (titles and article pages, where every match is shown)."""
    forms = forms_of(analyzer)
    analysed = bool(terms) and (forms is None or may_hold_a_match(text, roots_of(frozenset(terms), forms)))
    return marked(text, 0, len(text), find_matches(text, analyzer, terms) if analysed else ())
