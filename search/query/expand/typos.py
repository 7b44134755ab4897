"""A mistyped word still finds what was meant: a word that finds (almost) nothing also
matches its nearest index words, below what the typed words find.

``prabowi`` is in no article; ``prabowo`` is one letter away and in hundreds. Only
words of at least ``TYPO_MIN_CHARS`` letters are corrected (shorter ones have too many
neighbours), by one edit, or two from ``TYPO_TWO_EDITS_FROM`` letters. A word the
query analyses as a name is corrected only towards words of known names (the people,
organizations and countries the articles mention), so a name is never read as an
ordinary word. Did-you-mean still offers the respelt query. As did-you-mean, at most
``MAX_RESPELT_WORDS`` rare words of a query are looked up: each scans the vocabulary, and
a query of 32 unknown words took 110 ms (bench/hostile_queries.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import islice

from whoosh.reading import IndexReader

from search.analysis.analyzer import QueryTerm, written_forms
from search.config import TUNING
from search.entities.normalize import fold_key
from search.index.schema import ENTITY_FIELDS
from search.query.expand.vocabulary import MAX_RESPELT_WORDS, NearestWords, live_frequency
from search.query.facets.counting import FacetIndex
from search.query.live import IndexView
from search.query.parse.compile import Expansion, analysed_words
from search.query.parse.syntax import Node, Word, leaves

TYPO_MIN_CHARS = 5
TYPO_TWO_EDITS_FROM = 9
# A word in at most this many articles may be a typo (the "no or very few postings").
TYPO_RARE = 2
# Nearest words searched for a typo (their weight: ``Tuning.typo_boost``).
TYPO_EXPANSIONS = 3


def typo_expansions(view: IndexView, node: Node | None,
                    skip: Collection[Word] = frozenset()) -> Mapping[Word, Sequence[Expansion]]:
    """For each rare positive word of the query (not in ``skip``: a word being typed that
    already has completions), its nearest index words with their weights."""
    reader = view.searcher.reader()
    found: dict[Word, tuple[Expansion, ...]] = {}
    rare = (pair for pair in correctable_words(node, view.stemmer, reader, skip) if is_rare(reader, pair[1]))
    for leaf, term in islice(rare, MAX_RESPELT_WORDS):
        nearest = nearest_words(view.facets, view.nearest_words, reader, term)
        if nearest:
            found[leaf] = tuple(Expansion(word, TUNING.typo_boost / distance) for distance, _, word in nearest)
    return found


def correctable_words(node: Node | None, stemmer: str, reader: IndexReader,
                      skip: Collection[Word]) -> Iterator[tuple[Word, QueryTerm]]:
    """Each positive plain word (once) that analyses to one alphabetic word long enough to correct."""
    if node is None:
        return
    analysed = analysed_words(node, stemmer, reader)
    seen: set[Word] = set()
    for leaf, negated in leaves(node):
        if negated or not isinstance(leaf, Word) or leaf in skip or leaf in seen:
            continue
        seen.add(leaf)
        terms = analysed[leaf]
        if len(terms) == 1 and terms[0].surface.isalpha() and len(terms[0].surface) >= TYPO_MIN_CHARS:
            yield leaf, terms[0]


def is_rare(reader: IndexReader, term: QueryTerm) -> bool:
    """Whether the word finds so little that it may be a typo."""
    return live_frequency(reader, {term.stem, term.surface, term.exact}) <= TYPO_RARE


def nearest_words(facets: FacetIndex, words: NearestWords, reader: IndexReader,
                  term: QueryTerm) -> list[tuple[int, int, str]]:
    """(edits, -articles, word) of the best corrections of a rare word, best first."""
    edits = 2 if len(term.surface) >= TYPO_TWO_EDITS_FROM else 1
    ranked = []
    for distance, _, word in words.nearest(term.surface, edits):
        if word == term.surface or (term.name and not is_name_word(facets, word)):
            continue
        count = live_frequency(reader, set(written_forms(word)))
        if count:
            ranked.append((distance, -count, word))
    return sorted(ranked)[:TYPO_EXPANSIONS]


def is_name_word(facets: FacetIndex, word: str) -> bool:
    """Whether ``word`` is a word of a person, organization or country the articles mention."""
    folded = fold_key(word)
    for facet in ENTITY_FIELDS:
        words = facets.columns[facet].words.words
        position = bisect_left(words, folded)
        if position < len(words) and words[position] == folded:
            return True
    return False
