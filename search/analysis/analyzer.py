"""The Whoosh analyzer for Indonesian ``title`` and ``body`` text, and its query side.

Whoosh pickles every field's analyzer into the index schema, so the chain is
built from top-level classes holding only names and word sets; stemmers are
created on first use in each process and shared through a module-level cache.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from whoosh.analysis import Analyzer, Filter, Token

from search.analysis.stem_memory import RememberingStemmer
from search.analysis.stemmers import check_stemmer_name, get_stemmer
from search.analysis.stopwords import STOPWORDS, is_stopword
from search.analysis.tokenizer import IndonesianTokenizer, words


@cache
def shared_stemmer(name: str) -> RememberingStemmer:
    """One stemmer per name and process, so its word memo serves every document."""
    return RememberingStemmer(get_stemmer(name))


class IndonesianStopFilter(Filter):
    """Drops stopwords (or marks them, when Whoosh asks to keep them) without
    renumbering, so the positions of the words around them keep their gaps."""

    def __init__(self, stopwords: frozenset[str] = STOPWORDS) -> None:
        self.stopwords = frozenset(stopwords)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self.stopwords)} words>)"

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stopwords = self.stopwords
        for t in tokens:
            if is_stopword(t.text, stopwords):
                if t.removestops:
                    continue
                t.stopped = True
            yield t


EXACT_MARK = "="


def exact_term(surface: str) -> str:
    """The index term recording that ``surface`` occurred unstemmed, so exact matches can rank higher."""
    return EXACT_MARK + surface


def written_forms(surface: str) -> tuple[str, str]:
    """The index terms of a word exactly as written: itself (unstemmed: a name or a root)
    and its exact form (stemmed, with the record that it was written so)."""
    return surface, exact_term(surface)


class IndonesianStemFilter(Filter):
    """Stems every word except names and numbers; keeps the unstemmed text in ``surface``.

    With ``exact``, an indexed word whose stem differs from it is also indexed at the
    same position as :func:`exact_term` of its surface: one analysis pass gives both
    stemmed recall and an exact-match signal, without a second field.
    """

    is_morph = True
    exact = False

    def __init__(self, stemmer: str, exact: bool = False) -> None:
        self.stemmer = check_stemmer_name(stemmer)
        self.exact = exact

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stem = shared_stemmer(self.stemmer).stem
        exact = self.exact
        for t in tokens:
            text = t.surface = t.text
            if not t.name and text.isalpha():
                t.text = stem(text)
            yield t
            if exact and t.text != text and t.mode == "index":
                t.text = EXACT_MARK + text
                yield t


def _stem_filter(analyzer: Analyzer) -> IndonesianStemFilter | None:
    """The stem filter of an analyzer of :func:`text_analyzer`'s chain; None for any other analyzer."""
    items = getattr(analyzer, "items", ())
    stemming = [item for item in items if isinstance(item, IndonesianStemFilter)]
    if (not items or not isinstance(items[0], IndonesianTokenizer) or len(stemming) != 1
            or not all(isinstance(item, (IndonesianStopFilter, IndonesianStemFilter)) for item in items[1:])):
        return None
    return stemming[0]


def may_match(analyzer: Analyzer, terms: Collection[str]) -> Callable[[str], bool] | None:
    """For an analyzer of :func:`text_analyzer`'s chain, a test of a token's text as the
    tokenizer gives it (before stopping and stemming) that accepts every token one of whose
    analysed forms, or its surface, is among ``terms``: the text itself, its exact form or
    its stem. None for any other analyzer. The highlighter analyses only the tokens it accepts
    (``IndonesianTokenizer``'s ``keep``): a few of a sentence's words instead of all of them."""
    stemming = _stem_filter(analyzer)
    if stemming is None:
        return None
    stem = shared_stemmer(stemming.stemmer).stem
    written = {*terms, *(term[len(EXACT_MARK):] for term in terms if term.startswith(EXACT_MARK))}
    wanted = frozenset(terms)

    def keep(text: str) -> bool:
        return text in written or (text.isalpha() and stem(text) in wanted)
    return keep


def word_forms(analyzer: Analyzer) -> Callable[[str], tuple[str, ...]] | None:
    """For an analyzer of :func:`text_analyzer`'s chain, the forms a token's text is analysed
    to when it is not a name: its stem, and its exact form when the stem differs and the
    chain records exact forms (a name keeps its text). None for any other analyzer."""
    stemming = _stem_filter(analyzer)
    return None if stemming is None else _word_forms(stemming.stemmer, stemming.exact)


@cache
def _word_forms(stemmer: str, exact: bool) -> Callable[[str], tuple[str, ...]]:
    stem = shared_stemmer(stemmer).stem

    def forms(text: str) -> tuple[str, ...]:
        stemmed = stem(text) if text.isalpha() else text
        return (stemmed, exact_term(text)) if exact and stemmed != text else (stemmed,)
    return forms


# Words whose index forms are remembered per chain (``indexed_positions``); CLICK-ID's
# 22k articles have ~160k distinct words.
_MAX_REMEMBERED_FORMS = 500_000


def indexed_positions(analyzer: Analyzer) -> Callable[[str], dict[str, list[int]]] | None:
    """For an analyzer that is :func:`text_analyzer`'s chain (tokenizer, stop filter, stem
    filter, in that order), the index terms of a text with their positions, in the order
    the chain first yields them: what Whoosh's ``Positions`` format gathers from the
    chain's token stream in index mode. None for any other analyzer.

    The stream passes one token object through three generators, each word through all of
    them; this reads the tokenizer's words and remembers a word's forms (stopped, or its
    stem and exact form), asking the stemmer the first time a word is met as the stem
    filter would, so the stemmer's memory learns the same words in the same order.
    Every field of the first 2,000 CLICK-ID records, one process, the two ways in turn on
    a loaded machine: 1.21 and 1.52 ms of CPU an article through the chain, 1.10 and 0.96
    this way; the same rows (tests/test_analysis_indexed_positions.py)."""
    items: list[object] = list(getattr(analyzer, "items", ()))
    if [type(item) for item in items] != [IndonesianTokenizer, IndonesianStopFilter, IndonesianStemFilter]:
        return None
    tokenizer, stopping, stemming = items
    assert isinstance(tokenizer, IndonesianTokenizer) and isinstance(stopping, IndonesianStopFilter)
    assert isinstance(stemming, IndonesianStemFilter)
    protect, stopwords = tokenizer.protect_names, stopping.stopwords
    analysed_forms = _word_forms(stemming.stemmer, stemming.exact)
    # A word's forms when it is not a name: () for a stopword, else what the stem filter makes of it.
    forms: dict[str, tuple[str, ...]] = {}

    def word_forms(word: str) -> tuple[str, ...]:
        found = () if is_stopword(word, stopwords) else analysed_forms(word)
        if len(forms) >= _MAX_REMEMBERED_FORMS:
            forms.clear()
        forms[word] = found
        return found

    def positions(text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for word, pos, _, _, name in words(text, protect):
            if name:
                if is_stopword(word, stopwords):
                    continue
                terms: tuple[str, ...] = (word,)
            else:
                known = forms.get(word)
                terms = word_forms(word) if known is None else known
            for term in terms:
                at = found.get(term)
                if at is None:
                    found[term] = [pos]
                else:
                    at.append(pos)
        return found
    return positions


def text_analyzer(
    stemmer: str, *, protect_names: bool = True, stopwords: frozenset[str] = STOPWORDS, exact: bool = True
) -> Analyzer:
    """The analyzer for ``title`` and ``body``; the keywords exist for measuring variants."""
    return (
        IndonesianTokenizer(protect_names=protect_names)
        | IndonesianStopFilter(stopwords)
        | IndonesianStemFilter(stemmer, exact=exact)
    )


@dataclass(frozen=True)
class QueryTerm:
    """One query word: ``stem`` to match stemmed text, ``surface`` to match names.
    ``name``: analysed as a name (left unstemmed), so ``stem`` is the surface."""

    surface: str
    stem: str
    startchar: int
    endchar: int
    name: bool = False

    @property
    def exact(self) -> str:
        """The index term of this word occurring exactly as typed (the stem itself for names)."""
        return exact_term(self.surface) if self.surface != self.stem else self.stem


_cached_analyzer = lru_cache(maxsize=32)(text_analyzer)


def query_terms(
    text: str, stemmer: str, *, protect_names: bool = True, stopwords: frozenset[str] = STOPWORDS
) -> list[QueryTerm]:
    """The query's words analysed exactly as indexed text is; stopwords only gives []."""
    analyzer = _cached_analyzer(stemmer, protect_names=protect_names, stopwords=stopwords)
    return [
        QueryTerm(t.surface, t.text, t.startchar, t.endchar, bool(t.name))
        for t in analyzer(text, chars=True, mode="query")
    ]
