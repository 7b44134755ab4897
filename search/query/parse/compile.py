"""Query trees to Whoosh queries, with the index's own analysis.

A word matches its stem or its surface (a lowercase name such as ``terawan`` has
the stem ``awan`` but is indexed unstemmed); the exact form, indexed beside the
stem, adds a bonus so the word as typed ranks above its inflections. The whole
query is analysed in one pass, so a capitalised word inside it counts as a name
exactly as it would inside an article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from whoosh.query import And, Not, Or, Query, SpanNear2, SpanOr, Term
from whoosh.reading import IndexReader

from search.analysis.analyzer import QueryTerm, exact_term, query_terms, written_forms
from search.analysis.tokenizer import IndonesianTokenizer
from search.config import TUNING
from search.query.match.postings import live_doc_frequency
from search.query.parse.syntax import TITLE, AllOf, AnyOf, Excluded, Leaf, Node, Quoted, Word, leaves

TEXT_FIELDS: Mapping[str, float] = {TITLE: TUNING.title_boost, "body": 1.0}
# Where the index's statistics tell a name (indexed unstemmed) from an inflected word.
NAME_EVIDENCE_FIELD = "body"

_COUNTER = IndonesianTokenizer(protect_names=False)


@dataclass(frozen=True)
class Expansion:
    """A word searched beside a query word as written (a completion of the word being
    typed), with its weight relative to the typed word's own."""

    text: str
    weight: float


@dataclass(frozen=True)
class CompiledQuery:
    """What the engine needs from a query: the Whoosh query (None: browse), the terms
    a snippet should mark, and how many analysed words it looks for (0: it only excludes)."""

    query: Query | None
    highlight: frozenset[str]
    positive_terms: int


class _SpanEither(SpanOr):
    """Whoosh's SpanOr cannot estimate its size, which the Or around a phrase asks for."""

    def estimate_size(self, ixreader: IndexReader) -> int:
        return self.q.estimate_size(ixreader)

    def estimate_min_size(self, ixreader: IndexReader) -> int:
        return self.q.estimate_min_size(ixreader)


@dataclass(frozen=True)
class _Analysed:
    """A word or phrase's terms and, between consecutive terms, their distance in positions."""

    terms: tuple[QueryTerm, ...]
    gaps: tuple[int, ...]


def compile_query(node: Node | None, stemmer: str, reader: IndexReader | None = None,
                  expansions: Mapping[Word, Sequence[Expansion]] | None = None) -> CompiledQuery:
    """The Whoosh query for ``node``, analysed with the index's ``stemmer``.

    With the index's ``reader``, a lowercase word the index knows as a name (``terawan``)
    is searched as that name only, not also as its stem (``awan``). ``expansions``
    widens words to more words as written (``search.query.expand.prefix``).
    """
    if node is None:
        return CompiledQuery(None, frozenset(), 0)
    analysed = _analyse(node, stemmer, reader)
    expansions = expansions or {}
    wanted = [analysed[leaf].terms for leaf, negated in leaves(node) if not negated]
    highlight = frozenset(form for terms in wanted for term in terms for form in _forms(term)) | {
        form for extra in expansions.values() for expansion in extra for form in written_forms(expansion.text)}
    return CompiledQuery(_Compiler(analysed, expansions).compile(node), highlight, sum(map(len, wanted)))


def with_entities(compiled: CompiledQuery, clauses: Sequence[Query]) -> CompiledQuery:
    """``compiled`` widened to also match entity tags (see ``search.query.parse.entity_terms``)."""
    if not clauses or compiled.query is None or not compiled.positive_terms:
        return compiled
    return replace(compiled, query=Or([compiled.query, *clauses]))


def analysed_words(node: Node, stemmer: str, reader: IndexReader | None) -> dict[Leaf, tuple[QueryTerm, ...]]:
    """Every leaf's terms as the compiler analyses them: the whole query in one pass (a
    capital inside it marks a name), words the index knows as names taken as names."""
    return {leaf: analysed.terms for leaf, analysed in _analyse(node, stemmer, reader).items()}


def _analyse(node: Node, stemmer: str, reader: IndexReader | None) -> dict[Leaf, _Analysed]:
    """Every leaf's terms from one analysis of all leaves joined, in query order."""
    found = [leaf for leaf, _ in leaves(node)]
    starts = [0]
    for leaf in found:
        starts.append(starts[-1] + len(leaf.text) + 1)
    joined = " ".join(leaf.text for leaf in found)
    grouped: list[list[QueryTerm]] = [[] for _ in found]
    for term in query_terms(joined, stemmer):
        if reader is not None and _known_as_name(reader, term):
            term = replace(term, stem=term.surface, name=True)
        grouped[bisect_right(starts, term.startchar) - 1].append(term)
    return {
        leaf: _Analysed(tuple(terms), tuple(_gap(joined, left, right) for left, right in pairwise(terms)))
        for leaf, terms in zip(found, grouped, strict=True)
    }


def _known_as_name(reader: IndexReader, term: QueryTerm) -> bool:
    """Whether the index holds the word unstemmed (as names are) at least as often as inflected."""
    if term.stem == term.surface:
        return False
    as_name = live_doc_frequency(reader, NAME_EVIDENCE_FIELD, term.surface)
    return as_name > 0 and as_name >= live_doc_frequency(reader, NAME_EVIDENCE_FIELD, term.exact)


def _gap(text: str, left: QueryTerm, right: QueryTerm) -> int:
    """Positions from ``left`` to ``right``: one more than the stopwords analysis dropped between them."""
    return 1 + sum(1 for _ in _COUNTER(text[left.endchar:right.startchar]))


def _forms(term: QueryTerm) -> dict[str, float]:
    """The index terms a query word matches, each with its boost.

    A word is found wherever a reader can see it: as its surface (names and roots are
    indexed so) and as its exact form (how a stemmed word records that it was written
    so). Its stem widens it to the other inflections, unless the word is a name (typed
    capitalised, or known to the index as one), whose "stem" would be another word
    (``terawan`` is not ``awan``): then the exact form alone finds it where the text has
    it in lower case, and it weighs as much as the surface does."""
    if term.name:
        return {term.surface: 1.0, exact_term(term.surface): 1.0}
    if term.stem == term.surface:
        return {term.surface: 1.0}
    return {term.stem: 1.0, term.surface: 1.0, term.exact: TUNING.exact_boost}


def _fields(leaf: Leaf) -> Mapping[str, float]:
    return {leaf.field: TEXT_FIELDS[leaf.field]} if leaf.field else TEXT_FIELDS


class _Compiler:
    """Turns one analysed tree into a Whoosh query; parts that analyse to nothing vanish."""

    def __init__(self, analysed: Mapping[Leaf, _Analysed], expansions: Mapping[Word, Sequence[Expansion]]) -> None:
        self.analysed = analysed
        self.expansions = expansions

    def compile(self, node: Node) -> Query | None:
        if isinstance(node, Word | Quoted):
            return self.leaf(node)
        if isinstance(node, Excluded):
            return _excluding(None, self.parts([node.child]))
        if isinstance(node, AnyOf):
            return _either(self.parts(node.children))
        positives = [child for child in node.children if not isinstance(child, Excluded)]
        negatives = [child.child for child in node.children if isinstance(child, Excluded)]
        if isinstance(node, AllOf):
            parts = self.parts(positives)
            positive = And(parts) if len(parts) > 1 else _either(parts)
        else:  # Should: no part is required; BM25 ranks by how many and how rare match
            positive = _either(self.parts(positives))
        return _excluding(positive, self.parts(negatives))

    def parts(self, nodes: Sequence[Node]) -> list[Query]:
        return [query for query in map(self.compile, nodes) if query is not None]

    def leaf(self, leaf: Leaf) -> Query | None:
        analysed = self.analysed[leaf]
        if not analysed.terms:
            return None
        fields = _fields(leaf)
        if len(analysed.terms) == 1:
            extra = self.expansions.get(leaf) if isinstance(leaf, Word) else None
            if extra:
                return Or([_word(analysed.terms[0], fields), *(
                    Term(field, form, boost=field_boost * expansion.weight)
                    for expansion in extra for field, field_boost in fields.items()
                    for form in written_forms(expansion.text))])
            return _word(analysed.terms[0], fields)
        if isinstance(leaf, Quoted) and leaf.near:
            return _either([_near(analysed, field, boost, leaf.near) for field, boost in fields.items()])
        return _either([_phrase(analysed, field, boost) for field, boost in fields.items()])


def _word(term: QueryTerm, fields: Mapping[str, float]) -> Query:
    return Or([
        Term(field, form, boost=field_boost * form_boost)
        for field, field_boost in fields.items()
        for form, form_boost in _forms(term).items()
    ])


def _span_word(term: QueryTerm, field: str, boost: float) -> Query:
    alternatives = [Term(field, form, boost=boost * form_boost) for form, form_boost in _forms(term).items()]
    return alternatives[0] if len(alternatives) == 1 else _SpanEither(alternatives)


def _phrase(analysed: _Analysed, field: str, boost: float) -> Query:
    """Each term exactly as many positions after the previous one as in the query,
    so a stopword dropped inside the phrase still has to be there in the text."""
    terms = analysed.terms
    query = _span_word(terms[0], field, boost)
    for term, gap in zip(terms[1:], analysed.gaps, strict=True):
        query = SpanNear2([query, _span_word(term, field, boost)], slop=gap, mindist=gap)
    return query


def _near(analysed: _Analysed, field: str, boost: float, distance: int) -> Query:
    """The terms in any order, the first to the last at most ``distance`` positions apart
    (matched by ``search.query.match.near``)."""
    return SpanNear2([_span_word(term, field, boost) for term in analysed.terms], slop=distance, ordered=False)


def _either(parts: list[Query]) -> Query | None:
    if len(parts) > 1:
        return Or(parts)
    return parts[0] if parts else None


def _excluding(positive: Query | None, negatives: list[Query]) -> Query | None:
    """``positive`` without the documents any negative matches; everything without them when
    nothing is asked for positively.

    Not Whoosh's ``AndNot``: its matcher (2.7.5) keeps the first positive document
    whenever the excluded part's first document comes before it.
    """
    excluded = _either(negatives)
    if excluded is None:
        return positive
    if positive is None:
        return Not(excluded)
    return And([positive, Not(excluded)])
