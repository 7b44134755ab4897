"""The last word of a query, still being typed, also matches the words it begins.

Search as you type shows results between keystrokes: ``prabo`` on the way to
``prabowo``, ``harga caba`` on the way to ``harga cabai``. The last plain word (not in
quotes, not excluded, not followed by a space) is widened to the index words it
begins, the likeliest first: with other words in the query, likeliest means found
most often in the articles that hold those words (``caba`` after ``harga`` is
``cabai``, not the more common ``cabang``); alone, found in the most articles. Each
completion is searched with a weight below the typed word's own, proportional to
that likelihood, so a complete word always outranks a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from search.analysis.analyzer import query_terms, written_forms
from search.config import TUNING
from search.query.live import IndexView
from search.query.parse.compile import TEXT_FIELDS, Expansion, compile_query
from search.query.parse.syntax import Node, Word, leaves, without_last_leaf
from search.query.rank.bm25f import positive_clauses

# Shorter beginnings match too many words to guess from (the page asks from 3 letters).
MIN_PREFIX_CHARS = 3
# Completions weighed, and completions searched: enough for the word being typed to be
# among them, few enough to keep the query small (each adds four index terms).
PREFIX_CANDIDATES = 16
PREFIX_EXPANSIONS = 6


@dataclass(frozen=True)
class OpenWord:
    """The query's last word while it may still be growing."""

    leaf: Word
    surface: str


def open_last_word(node: Node | None, query: str, stemmer: str) -> OpenWord | None:
    """The last leaf when it is a plain word that ends the query text and analyses to one
    alphabetic word of at least ``MIN_PREFIX_CHARS`` letters."""
    if node is None:
        return None
    last, negated = list(leaves(node))[-1]
    if negated or not isinstance(last, Word) or not query.endswith(last.text):
        return None
    terms = query_terms(last.text, stemmer)
    if len(terms) != 1 or not terms[0].surface.isalpha() or len(terms[0].surface) < MIN_PREFIX_CHARS:
        return None
    return OpenWord(last, terms[0].surface)


def prefix_expansions(view: IndexView, node: Node | None, query: str) -> Mapping[Word, Sequence[Expansion]]:
    """The completions to search for the query's open last word, with their weights."""
    word = open_last_word(node, query, view.stemmer)
    if word is None or node is None:
        return {}
    candidates = [(text, count) for text, count in view.article_words.completions(word.surface, PREFIX_CANDIDATES + 1)
                  if text != word.surface][:PREFIX_CANDIDATES]
    if not candidates:
        return {}
    context = _context(view, node, word.leaf)
    if context is not None:
        together = [_found_with(view, text, context) for text, _ in candidates]
        if max(together) > 0:
            candidates = [(text, int(count)) for (text, _), count in zip(candidates, together, strict=True) if count]
            candidates.sort(key=lambda pair: -pair[1])
    top = candidates[0][1]
    return {word.leaf: tuple(Expansion(text, TUNING.prefix_boost * count / top) for text, count in candidates[:PREFIX_EXPANSIONS])}


def _context(view: IndexView, node: Node, open_leaf: Word) -> np.ndarray | None:
    """Live articles holding any other word the query asks for; None when it asks for no other.

    The articles any of those words' terms is in: each adds a positive score (its weight is a
    term frequency, Whoosh's idf is above 0, every boost of a compiled query too), so they are
    the articles the rest of the query scores above 0, without summing the scores (0.1-0.3 ms
    of a question's completion at 22k). A term with no positive boost leaves that to the scorer."""
    others = [leaf for leaf, negated in leaves(node) if not negated and leaf is not open_leaf]
    if not others:
        return None
    rest = compile_query(without_last_leaf(node), view.stemmer, view.searcher.reader())
    if rest.query is None:
        return None
    clauses = positive_clauses(rest.query)
    if any(weight <= 0 for _, _, weight in (*clauses.terms, *clauses.constants)):
        return (view.scoring.scores(clauses) > 0) & view.facets.live
    found = np.zeros(view.facets.doc_count, dtype=bool)
    for field, text, _ in (*clauses.terms, *clauses.constants):
        found[view.scoring.postings(field, text)[0]] = True
    return found & view.facets.live


def _found_with(view: IndexView, text: str, context: np.ndarray) -> int:
    """How many articles of ``context`` hold the word as written, in a title or a body: from
    each posting list's documents in the context, not a mask of the whole index per word
    (sixteen words weighed per keystroke; 70 µs a word at 110k as a mask)."""
    found = []
    for field in TEXT_FIELDS:
        for form in written_forms(text):
            docs, _ = view.scoring.postings(field, form, keep_positions=False)
            found.append(docs[context[docs]])
    return len(np.unique(np.concatenate(found)))
