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
from search.analysis.tokenizer import IndonesianTokenizer


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


def may_match(analyzer: Analyzer, terms: Collection[str]) -> Callable[[str], bool] | None:
    """For an analyzer of :func:`text_analyzer`'s chain, a test of a token's text as the
    tokenizer gives it (before stopping and stemming) that accepts every token one of whose
    analysed forms, or its surface, is among ``terms``: the text itself, its exact form or
    its stem. None for any other analyzer. The highlighter analyses only the tokens it accepts
    (``IndonesianTokenizer``'s ``keep``): a few of a sentence's words instead of all of them."""
    items = getattr(analyzer, "items", ())
    stemming = [item for item in items if isinstance(item, IndonesianStemFilter)]
    if (not items or not isinstance(items[0], IndonesianTokenizer) or len(stemming) != 1
            or not all(isinstance(item, (IndonesianStopFilter, IndonesianStemFilter)) for item in items[1:])):
        return None
    stem = shared_stemmer(stemming[0].stemmer).stem
    written = {*terms, *(term[len(EXACT_MARK):] for term in terms if term.startswith(EXACT_MARK))}
    wanted = frozenset(terms)

    def keep(text: str) -> bool:
        return text in written or (text.isalpha() and stem(text) in wanted)
    return keep


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
