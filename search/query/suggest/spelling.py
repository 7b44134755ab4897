"""'Did you mean': respell unknown query words with the index's own vocabulary.

The vocabulary (``search.query.expand.vocabulary``) is every alphabetic word of the
text fields, exact forms (``=kesepakatan``) read as the surface the reader would type,
so a suggestion reads like a word and not like a stem.
"""

from __future__ import annotations

from dataclasses import replace

from whoosh.reading import IndexReader

from search.analysis.analyzer import query_terms, written_forms
from search.query.expand.vocabulary import MAX_RESPELT_WORDS, NearestWords, live_frequency
from search.query.live import IndexView
from search.query.parse.syntax import Leaf, Node, Word, map_leaves, parse, unparse

# A word found in at most this many documents may be a typo of a far more common one...
RARE_DOC_FREQUENCY = 3
# ...when the correction is this many times more frequent; an absent word takes any correction.
FREQUENCY_GAIN = 20
# Shorter words have too many neighbours to correct; longer ones tolerate two edits.
MIN_CORRECTABLE_LENGTH = 4
TWO_EDITS_FROM_LENGTH = 6


def respell(view: IndexView, query: Node | str | None) -> str | None:
    """The query with its unknown words respelt, as query text; None when no word changes."""
    node = parse(query) if isinstance(query, str) else query
    if node is None:
        return None
    reader = view.searcher.reader()
    looked_at = 0

    def respelt(leaf: Leaf) -> Leaf:
        # Each word looked at scans the vocabulary: the first few carry what was meant.
        nonlocal looked_at
        looked_at += 1
        return _respelt(leaf, reader, view.nearest_words, view.stemmer) if looked_at <= MAX_RESPELT_WORDS else leaf

    corrected = map_leaves(node, respelt)
    return unparse(corrected) if corrected != node else None


def _respelt(leaf: Leaf, reader: IndexReader, nearest: NearestWords, stemmer: str) -> Leaf:
    """Phrases and words that are not one plain alphabetic word are left as typed."""
    terms = query_terms(leaf.text, stemmer) if isinstance(leaf, Word) else []
    if len(terms) != 1 or not terms[0].surface.isalpha() or len(terms[0].surface) < MIN_CORRECTABLE_LENGTH:
        return leaf
    term = terms[0]
    frequency = live_frequency(reader, {term.stem, term.surface, term.exact})
    if frequency > RARE_DOC_FREQUENCY:
        return leaf
    needed = max(1, frequency * FREQUENCY_GAIN)
    most_edits = 2 if len(term.surface) >= TWO_EDITS_FROM_LENGTH else 1
    # One edit first: most typos are one edit away, and the two-edit search costs more.
    for edits in range(1, most_edits + 1):
        ranked = sorted((distance, -live_frequency(reader, set(written_forms(candidate))), candidate)
                        for distance, most, candidate in nearest.nearest(term.surface, edits)
                        if -most >= needed and candidate != term.surface)
        for _, negative_frequency, candidate in ranked:
            if -negative_frequency >= needed:
                return replace(leaf, text=_same_case(leaf.text, candidate))
    return leaf


def _same_case(typed: str, word: str) -> str:
    """The suggestion keeps the reader's capitals, so only the spelling looks changed."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word.capitalize() if typed[:1].isupper() else word
