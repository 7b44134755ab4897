"""An independent reference for what a search should answer: brute force over the live
stored documents, and stock Whoosh's own searcher on the same index.

Nothing here reads postings, facet arrays or any of the engine's caches. Each live
document (as Whoosh's reader lists them) is analysed again with its field's own
analyzer, and the compiled query tree is evaluated over those terms and positions;
BM25 scores come from ``Searcher.search`` over the query's positive terms, and the
proximity re-rank is recomputed from the analysed positions. Stories are every pair of
live documents compared by the pairwise rule, their fingerprints taken again from the
stored bodies, and joined into groups. The engine's answer to a request must equal
:meth:`Reference.expected`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from whoosh.query import (
    And,
    ConstantScoreQuery,
    DisjunctionMax,
    Every,
    Not,
    NullQuery,
    Or,
    Query,
    SpanNear2,
    SpanOr,
    Term,
)
from whoosh.searching import Searcher

from search.analysis.analyzer import query_terms
from search.analysis.fingerprint import story_fingerprint
from search.config import TUNING
from search.entities.normalize import fold_key
from search.index.schema import ENTITY_FIELDS, TITLE_DERIVED, VALUE_SEPARATOR
from search.index.stories import SAME_STORY_DAYS, SAME_STORY_SLOTS
from search.query.expand.prefix import PREFIX_CANDIDATES, PREFIX_EXPANSIONS, open_last_word
from search.query.expand.typos import TYPO_EXPANSIONS, TYPO_RARE, TYPO_TWO_EDITS_FROM, correctable_words
from search.query.expand.vocabulary import MAX_RESPELT_WORDS, edit_distance
from search.query.facets.value_words import folded_words
from search.query.parse.compile import Expansion, compile_query, with_entities
from search.query.parse.entity_terms import entity_clauses
from search.query.parse.syntax import leaves, parse, without_last_leaf
from search.query.rank.answer_page import CANDIDATES, asked_words
from search.query.rank.bm25f import positive_clauses
from search.query.rank.proximity import proximity_terms
from search.query.request import FACETS, SearchRequest

# Fields whose terms a query can name (dates and bookkeeping columns are never searched).
SEARCHED_FIELDS = ("title", "body", *ENTITY_FIELDS, "source", "language", "category", "id")
PROXIMITY_FIELDS = ("title", "body")
SCORE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class LiveDocument:
    """One live document: its stored fields, and per field each term's positions."""

    docnum: int
    fields: dict
    terms: dict[str, dict[str, tuple[int, ...]]]

    @property
    def id(self) -> str:
        return self.fields["id"]

    def values(self, facet: str) -> list[str]:
        if facet == "year":
            return [str(self.fields["date"] // 10000)] if self.fields.get("date") else []
        raw = self.fields.get(facet)
        if not raw:
            return []
        if facet in ENTITY_FIELDS:
            return [value.strip() for value in raw.split(VALUE_SEPARATOR) if value.strip()]
        return [raw]


class Reference:
    """The answers a searcher should give, computed the slow, obvious way."""

    def __init__(self, searcher: Searcher, stemmer: str) -> None:
        self.searcher = searcher
        self.stemmer = stemmer
        schema = searcher.schema
        self.documents = [
            _live_document(schema, stemmer, docnum, searcher.stored_fields(docnum))
            for docnum in sorted(searcher.reader().all_doc_ids())
        ]

        self.story = _brute_force_stories(self.documents)

    @property
    def ids(self) -> set[str]:
        return {document.id for document in self.documents}

    def _fold(self, ordered: list[LiveDocument]) -> tuple[list[LiveDocument], dict[str, list[str]]]:
        """The first document of each story in ``ordered`` (and every document in none), with
        each kept one's other matches in that order."""
        members: dict[int, list[LiveDocument]] = {}
        for document in ordered:
            members.setdefault(self.story.get(document.docnum, -1 - document.docnum), []).append(document)
        kept = [group[0] for group in members.values()]
        return kept, {group[0].id: [other.id for other in group[1:]] for group in members.values()}

    def matching(self, query: Query | None) -> list[LiveDocument]:
        if query is None:
            return list(self.documents)
        return [document for document in self.documents if matches(query, document)]

    def expected(self, request: SearchRequest) -> dict:
        """``total``, the ranked ``(id, score)`` page, and every facet's counts."""
        node = parse(request.query)
        completions = self.prefix_expansions(node, request.query) if request.prefix else {}
        expansions = {**self.typo_expansions(node, frozenset(completions)), **completions}
        compiled = with_entities(compile_query(node, self.stemmer, self.searcher.reader(), expansions),
                                 entity_clauses(node))
        matched = self.matching(compiled.query)
        kept = [document for document in matched if _in_range(document, request)
                and all(set(document.values(facet)) & set(values) for facet, values in request.filters.items())]
        if compiled.positive_terms and request.sort == "relevance":
            scores = self.bm25(compiled.query)
            stories, similar = self._fold(sorted(kept, key=lambda document: (-scores.get(document.docnum, 0.0),
                                                                              document.docnum)))
            ranked = self._relevance_order(stories if request.group else kept, scores, request, asked_words(node))
        else:
            scores = {}
            stories, similar = self._fold([document for document, _ in _date_order(kept, request.sort)])
            ranked = _date_order(stories if request.group else kept, request.sort)
        page = ranked[request.offset:request.offset + request.per_page]
        return {
            "total": len(kept),
            "stories": len(stories),
            "similar": {document.id: similar.get(document.id, []) if request.group else [] for document, _ in page},
            "page": [(document.id, scores.get(document.docnum, 0.0), key) for document, key in page],
            "facets": self._facet_counts(matched, request),
            "corrected": bool(set(expansions) - set(completions)),
        }

    def prefix_expansions(self, node, query: str) -> dict:
        """The open last word's completions: words of live titles and bodies that it begins,
        by articles holding them (with other query words: articles holding those too)."""
        word = open_last_word(node, query, self.stemmer)
        if word is None:
            return {}
        holding: dict[str, set[int]] = {}
        for document in self.documents:
            for field in ("title", "body"):
                for term in document.terms.get(field, {}):
                    text = term.removeprefix("=")
                    if text.startswith(word.surface) and text != word.surface and text.isalpha() and len(text) >= 3:
                        holding.setdefault(text, set()).add(document.docnum)
        counts = {text: max(sum(form in document.terms.get(field, {}) for document in self.documents)
                            for field in ("title", "body") for form in (text, f"={text}")) for text in holding}
        candidates = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:PREFIX_CANDIDATES]
        if not candidates:
            return {}
        rest = without_last_leaf(node)
        others = [leaf for leaf, negated in leaves(node) if not negated][:-1]
        compiled_rest = compile_query(rest, self.stemmer, self.searcher.reader()) if others and rest else None
        if compiled_rest is not None and compiled_rest.query is not None:
            clauses = positive_clauses(compiled_rest.query)
            wanted = [(field, text) for field, text, _ in (*clauses.terms, *clauses.constants)]
            context = {document.docnum for document in self.documents
                       if any(text in document.terms.get(field, {}) for field, text in wanted)}
            together = [(text, len(holding[text] & context)) for text, _ in candidates]
            if any(count for _, count in together):
                candidates = sorted(((text, count) for text, count in together if count), key=lambda pair: -pair[1])
        top = candidates[0][1]
        return {word.leaf: tuple(Expansion(text, TUNING.prefix_boost * count / top)
                                 for text, count in candidates[:PREFIX_EXPANSIONS])}

    def typo_expansions(self, node, skip: frozenset) -> dict:
        """Rare positive words' nearest spellings among the live words, by edit distance then
        articles; names only towards words of live entity names."""
        words = {term.removeprefix("=") for document in self.documents for field in ("title", "body")
                 for term in document.terms.get(field, {}) if term.removeprefix("=").isalpha()}
        names = {word for document in self.documents for facet in ENTITY_FIELDS
                 for value in document.values(facet) for word in folded_words(value)}
        found = {}
        rare = 0
        for leaf, term in correctable_words(node, self.stemmer, self.searcher.reader(), skip):
            if self._written_count({term.stem, term.surface, term.exact}) > TYPO_RARE:
                continue
            rare += 1
            if rare > MAX_RESPELT_WORDS:
                break
            edits = 2 if len(term.surface) >= TYPO_TWO_EDITS_FROM else 1
            ranked = []
            for word in words:
                distance = edit_distance(term.surface, word, edits)
                if distance > edits or word == term.surface or (term.name and fold_key(word) not in names):
                    continue
                ranked.append((distance, -self._written_count({word, f"={word}"}), word))
            best = sorted(ranked)[:TYPO_EXPANSIONS]
            if best:
                found[leaf] = tuple(Expansion(word, TUNING.typo_boost / distance) for distance, _, word in best)
        return found

    def _written_count(self, forms: set[str]) -> int:
        return max(sum(form in document.terms.get(field, {}) for document in self.documents)
                   for field in ("title", "body") for form in forms)

    def bm25(self, query: Query) -> dict[int, float]:
        """Stock Whoosh's BM25F score of every document for the query's positive terms."""
        clauses = positive_clauses(query)
        parts: list[Query] = [Term(field, text, boost=boost) for field, text, boost in clauses.terms]
        parts += [ConstantScoreQuery(Term(field, text), score) for field, text, score in clauses.constants]
        if not parts:
            return {}
        results = self.searcher.search(Or(parts), limit=None)
        return {docnum: score for docnum, score in results.items()}

    def _relevance_order(self, kept: list[LiveDocument], scores: dict[int, float], request: SearchRequest,
                         wanted: str) -> list[tuple[LiveDocument, float]]:
        """BM25 order, ties by document number; the head re-ordered by word proximity."""
        ranked = sorted(kept, key=lambda document: (-scores.get(document.docnum, 0.0), document.docnum))
        ranked = ranked[:max(request.offset + request.per_page, CANDIDATES, TUNING.proximity_candidates)]
        terms = proximity_terms(query_terms(wanted, self.stemmer))
        head, rest = ranked[:TUNING.proximity_candidates], ranked[TUNING.proximity_candidates:]
        if not terms or not (TUNING.lead_weight or len(terms) > 1):
            return [(document, scores.get(document.docnum, 0.0)) for document in ranked]
        forms = [{term.stem, term.surface, term.exact} for term in terms]
        boosted = []
        for document in head:
            near = max(_adjacent_pairs(document, field, forms) for field in PROXIMITY_FIELDS)
            body = document.terms.get("body", {})
            lead = sum(any(position < TUNING.lead_positions for form in alternatives for position in body.get(form, ()))
                       for alternatives in forms)
            bonus = TUNING.proximity_weight * near / max(1, len(terms) - 1) + TUNING.lead_weight * lead / len(terms)
            boosted.append((document, scores.get(document.docnum, 0.0) * (1 + bonus)))
        boosted.sort(key=lambda pair: -pair[1])
        return boosted + [(document, scores.get(document.docnum, 0.0)) for document in rest]

    def _facet_counts(self, matched: list[LiveDocument], request: SearchRequest) -> dict[str, dict[str, int]]:
        counts = {}
        for facet in FACETS:
            tally: dict[str, int] = {}
            for document in matched:
                if not _in_range(document, request):
                    continue
                if any(other != facet and not set(document.values(other)) & set(values)
                       for other, values in request.filters.items()):
                    continue
                for value in document.values(facet):
                    tally[value] = tally.get(value, 0) + 1
            counts[facet] = tally
        return counts


def _brute_force_stories(documents: list[LiveDocument]) -> dict[int, int]:
    """Every pair of documents compared (fingerprints agreeing in enough slots, dated close enough
    or undated), then joined: each grouped docnum to the least docnum of its group."""
    prints = {document.docnum: story_fingerprint(document.fields.get("body", "")) for document in documents}

    def day(document: LiveDocument) -> dt.date | None:
        number = document.fields.get("date")
        return dt.date(number // 10000, number // 100 % 100, number % 100) if number else None

    group = {document.docnum: {document.docnum} for document in documents}
    for position, first in enumerate(documents):
        for second in documents[position + 1:]:
            a, b = prints[first.docnum], prints[second.docnum]
            if a is None or b is None:
                continue
            equal = sum(a[byte:byte + 4] == b[byte:byte + 4] for byte in range(0, len(a), 4))  # 32-bit slots
            first_day, second_day = day(first), day(second)
            close = first_day is None or second_day is None or abs((first_day - second_day).days) <= SAME_STORY_DAYS
            if equal >= SAME_STORY_SLOTS and close and group[first.docnum] is not group[second.docnum]:
                joined = group[first.docnum] | group[second.docnum]
                for docnum in joined:
                    group[docnum] = joined
    return {docnum: min(members) for docnum, members in group.items() if len(members) > 1}


def matches(query: Query, document: LiveDocument) -> bool:
    """Whether ``document`` satisfies ``query``, read off its analysed terms."""
    if isinstance(query, SpanNear2 | SpanOr):
        return bool(spans(query, document))
    kind = type(query)
    if kind is Term:
        return query.text in document.terms.get(query.fieldname, {})
    if kind is ConstantScoreQuery:
        return matches(query.child, document)
    if kind in (Or, DisjunctionMax):
        return any(matches(child, document) for child in query.subqueries)
    if kind is And:
        return all(matches(child, document) for child in query.subqueries)
    if kind is Not:
        return not matches(query.query, document)
    if kind is Every:
        return True
    if query is NullQuery:
        return False
    raise TypeError(f"the reference cannot evaluate {kind.__name__}")


def spans(query: Query, document: LiveDocument) -> set[tuple[int, int]]:
    """(first, last) positions of every occurrence of a span query."""
    if type(query) is Term:
        return {(position, position) for position in document.terms.get(query.fieldname, {}).get(query.text, ())}
    if isinstance(query, SpanOr):
        return set().union(*(spans(sub, document) for sub in query.subqs))
    if isinstance(query, SpanNear2) and query.ordered and len(query.qs) == 2:
        left, right = spans(query.qs[0], document), spans(query.qs[1], document)
        return {(start, end) for start, before in left for after, end in right
                if query.mindist <= after - before <= query.slop}
    raise TypeError(f"the reference cannot evaluate span {type(query).__name__}")


def _adjacent_pairs(document: LiveDocument, field: str, forms: list[set[str]]) -> int:
    terms = document.terms.get(field, {})
    positions = [{position for form in alternatives for position in terms.get(form, ())} for alternatives in forms]
    return sum(
        any(position + step in right for position in left for step in range(1, TUNING.proximity_window + 1))
        for left, right in pairwise(positions)
    )


def _date_order(kept: list[LiveDocument], sort: str) -> list[tuple[LiveDocument, float]]:
    """Newest first (also for a query with nothing to score), or oldest with undated last;
    ties keep document order."""
    def date(document: LiveDocument) -> int:
        return document.fields.get("date") or 0

    if sort == "oldest":
        ordered = sorted(kept, key=lambda document: (date(document) == 0, date(document), document.docnum))
    else:
        ordered = sorted(kept, key=lambda document: (-date(document), document.docnum))
    return [(document, 0.0) for document in ordered]


def _in_range(document: LiveDocument, request: SearchRequest) -> bool:
    if request.date_from is None and request.date_to is None:
        return True
    number = document.fields.get("date")
    if not number:
        return False
    day = dt.date(number // 10000, number // 100 % 100, number % 100)
    return (request.date_from is None or day >= request.date_from) and (
        request.date_to is None or day <= request.date_to)


# Analysis of a field value, by (stemmer, field, value): the same versions recur across states.
_ANALYSED: dict[tuple[str, str, str], dict[str, tuple[int, ...]]] = {}


def _live_document(schema, stemmer: str, docnum: int, fields: dict) -> LiveDocument:
    terms = {}
    for name in SEARCHED_FIELDS:
        value = fields.get(name)
        if name == "title" and fields.get(TITLE_DERIVED):
            continue  # shown, never indexed
        if value:
            key = (stemmer, name, value)
            if key not in _ANALYSED:
                _ANALYSED[key] = _field_terms(schema[name], value)
            terms[name] = _ANALYSED[key]
    return LiveDocument(docnum, fields, terms)


def _field_terms(field, value: str) -> dict[str, tuple[int, ...]]:
    """The terms the field's own analysis makes of ``value``, with positions where it keeps them."""
    decode = field.format.decoder("positions") if field.format.supports("positions") else None
    found = {}
    for term, _frequency, _weight, encoded in field.index(value):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        found[text] = tuple(decode(encoded)) if decode else ()
    return found


def stored_words(documents: Iterable[LiveDocument], field: str) -> set[str]:
    """Every term of ``field`` over the documents."""
    return {term for document in documents for term in document.terms.get(field, {})}
