"""Facet counts and masks against brute force over the same real Whoosh index.

The indexes are written directly with Whoosh, in several segments and with deleted
documents, because a real index has both; every expectation is recomputed from the
stored fields, independently of the facet engine's arrays.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import whoosh.index
from whoosh.query import And, AndNot, Every, Not, NullQuery, Or, Phrase, Query, Term

from search.index.schema import ENTITY_FIELDS, VALUE_SEPARATOR, build_schema
from search.query.facets.counting import FacetCounts, FacetIndex, count_facets
from search.query.request import FACETS, SearchRequest

PEOPLE = ["Sergey Lavrov", "Mevlüt Çavuşoğlu", "Joko Widodo", "Barack Obama", "Xi Jinping", "Bashar al-Assad"]
COUNTRIES = ["Amerika Serikat", "Indonesia", "Rusia", "Turki", "Korea Selatan"]
# "ISIS" and "Isis" are different values: entity values keep their case.
ORGANIZATIONS = ["ISIS", "Isis", "PBB", "NATO", "Uni Eropa", "KPK"]
REGIONS = ["Jawa Timur", "DKI Jakarta", "Papua Barat Daya", "Nusa Tenggara Timur"]
SOURCES = ["kabarkita.com", "warta.id", "suarapagi.com"]
# A record may give no category (plain text files never do).
CATEGORIES = ["Nasional", "Bola", "News & Entertainment", None]
LANGUAGES = ["id", "en", "ms"]
WORDS = ["banjir", "gempa", "pemilu", "ekonomi", "sepak", "bola"]
UNKNOWN = "Tidak Ada Di Indeks"
TEXT_FIELDS = ("title", "body")


# ---- building indexes -------------------------------------------------------------------

def create_index(root: Path, batches: Sequence[Sequence[dict]], deleted: Sequence[str] = (),
                 updated: Sequence[dict] = (), merged_batches: int = 0) -> whoosh.index.Index:
    """One segment per batch, the first ``merged_batches`` merged into one, then one commit
    of deletions and updates."""
    index = whoosh.index.create_in(str(root), build_schema("light"))
    for number, batch in enumerate(batches, start=1):
        writer = index.writer()
        for document in batch:
            writer.add_document(**document)
        writer.commit(merge=False, optimize=number == merged_batches)
    if deleted or updated:
        writer = index.writer()
        for doc_id in deleted:
            writer.delete_by_term("id", doc_id)
        for document in updated:
            writer.update_document(**document)
        writer.commit(merge=False)
    return index


def document(doc_id: str, body: str = "berita", date: int | None = None, source: str = "kabarkita.com",
             language: str = "id", category: str | None = None, **entities: Sequence[str]) -> dict:
    fields = {"id": doc_id, "title": "judul", "body": body, "source": source, "language": language}
    if category is not None:
        fields["category"] = category
    if date is not None:
        fields["date"] = date
    fields.update({name: VALUE_SEPARATOR.join(values) for name, values in entities.items() if values})
    return fields


def random_document(rng: random.Random, doc_id: str) -> dict:
    dated = rng.random() < 0.85
    return document(
        doc_id,
        body=" ".join(rng.choices(WORDS, k=rng.randint(1, 4))),
        date=rng.randint(2015, 2019) * 10000 + rng.randint(1, 12) * 100 + rng.randint(1, 28) if dated else None,
        source=rng.choice(SOURCES),
        language=rng.choice(LANGUAGES),
        people=rng.sample(PEOPLE, rng.randint(0, 3)),
        countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
        organizations=rng.sample(ORGANIZATIONS, rng.randint(0, 2)),
        region=rng.sample(REGIONS, rng.randint(0, 2)),
        category=rng.choice(CATEGORIES),
    )


@pytest.fixture(scope="module")
def random_index(tmp_path_factory) -> whoosh.index.Index:
    rng = random.Random(20151025)
    batches = [[random_document(rng, f"{batch}-{number}") for number in range(60)] for batch in range(5)]
    ids = [fields["id"] for batch in batches for fields in batch]
    deleted = rng.sample(ids, 25)
    updated = [random_document(rng, doc_id) for doc_id in rng.sample(ids, 6)]
    return create_index(tmp_path_factory.mktemp("facets-random"), batches, deleted, updated, merged_batches=2)


@pytest.fixture(scope="module")
def random_searcher(random_index):
    with random_index.searcher() as searcher:
        yield searcher


# ---- brute force over stored fields -----------------------------------------------------

class BruteForce:
    """Everything the facet engine answers, recomputed document by document from stored fields."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self.docs: dict[int, dict[str, set[str]]] = {}
        self.dates: dict[int, int] = {}
        self.texts: dict[int, dict[str, dict[str, set[int]]]] = {}
        for docnum in range(reader.doc_count_all()):
            if reader.is_deleted(docnum):
                continue
            stored = reader.stored_fields(docnum)
            date = stored.get("date") or 0
            values = {name: set(filter(None, stored.get(name, "").split(VALUE_SEPARATOR))) for name in ENTITY_FIELDS}
            values.update(source={stored["source"]}, language={stored["language"]},
                          category={stored["category"]} if "category" in stored else set(),
                          year={str(date // 10000)} if date else set())
            self.docs[docnum] = values
            self.dates[docnum] = date
            self.texts[docnum] = {field: _positions(searcher.schema[field].analyzer, stored[field])
                                  for field in TEXT_FIELDS}

    def query_docs(self, query: Query | None) -> set[int]:
        """Boolean logic over each document's analysed text. Not Whoosh's matchers: across
        segments its AndNot lets through documents the negative part matches."""
        if query is None:
            return set(self.docs)
        return {docnum for docnum, text in self.texts.items() if _matches(query, text)}

    def in_range(self, docnum: int, request: SearchRequest) -> bool:
        if request.date_from is None and request.date_to is None:
            return True
        date = self.dates[docnum]
        return bool(date) and (
            (request.date_from is None or date >= _number(request.date_from))
            and (request.date_to is None or date <= _number(request.date_to))
        )

    def selected_docs(self, query: Query | None, request: SearchRequest, ignoring: str | None = None) -> set[int]:
        return {
            docnum for docnum in self.query_docs(query)
            if self.in_range(docnum, request) and all(
                self.docs[docnum][facet] & set(values)
                for facet, values in request.filters.items() if facet != ignoring
            )
        }

    def facet(self, query: Query | None, request: SearchRequest, facet: str) -> tuple[list[tuple], int]:
        counts = Counter(value for docnum in self.selected_docs(query, request, ignoring=facet)
                         for value in self.docs[docnum][facet])
        search = request.facet_search.get(facet, "")
        listable = {value: count for value, count in counts.items() if _found_by(search, value)}
        shown = dict(sorted(listable.items(), key=_listing_key)[:request.facet_limit])
        selected = request.filters.get(facet, ())
        for value in selected:
            shown.setdefault(value, counts.get(value, 0))
        listed = [(value, count, value in selected) for value, count in sorted(shown.items(), key=_listing_key)]
        return listed, len(listable) + sum(value not in listable for value in selected)


def _positions(analyzer, text: str) -> dict[str, set[int]]:
    positions: dict[str, set[int]] = {}
    for token in analyzer(text, positions=True):
        positions.setdefault(token.text, set()).add(token.pos)
    return positions


def _matches(query: Query, text: dict[str, dict[str, set[int]]]) -> bool:
    if isinstance(query, Term):
        return query.text in text[query.fieldname]
    if isinstance(query, Phrase):
        first, second = (text[query.fieldname].get(word, set()) for word in query.words)
        return any(position + 1 in second for position in first)
    if isinstance(query, Or):
        return any(_matches(child, text) for child in query.subqueries)
    if isinstance(query, And):
        return bool(query.subqueries) and all(_matches(child, text) for child in query.subqueries)
    if isinstance(query, AndNot):
        return _matches(query.a, text) and not _matches(query.b, text)
    if isinstance(query, Not):
        return not _matches(query.query, text)
    return isinstance(query, Every)


def _number(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _listing_key(item: tuple[str, int]) -> tuple:
    return -item[1], item[0].casefold(), item[0]


def _fold(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).casefold()


def _found_by(search: str, value: str) -> bool:
    typed = re.findall(r"[^\W_]+", _fold(search))
    words = re.findall(r"[^\W_]+", _fold(value))
    return all(any(word.startswith(prefix) for word in words) for prefix in typed)


def as_tuples(counts: FacetCounts) -> list[tuple]:
    return [(value.value, value.count, value.selected) for value in counts.values]


# ---- random requests against brute force -------------------------------------------------

def random_query(rng: random.Random, depth: int = 0) -> Query:
    def term() -> Term:
        return Term(rng.choice(["body", "body", "title"]), rng.choice(WORDS + ["judul", "tidakada"]))

    if depth >= 2 or rng.random() < 0.4:
        return term()
    kind = rng.choice(["or", "and", "andnot", "not", "every", "null", "phrase"])
    if kind == "or":
        return Or([random_query(rng, depth + 1) for _ in range(rng.randint(0, 3))])
    if kind == "and":
        return And([random_query(rng, depth + 1) for _ in range(rng.randint(0, 3))])
    if kind == "andnot":
        return AndNot(random_query(rng, depth + 1), random_query(rng, depth + 1))
    if kind == "not":
        return Not(random_query(rng, depth + 1))
    if kind == "phrase":
        return Phrase("body", rng.sample(WORDS, 2))
    return Every() if kind == "every" else NullQuery


def random_request(rng: random.Random, brute: BruteForce) -> SearchRequest:
    known = {facet: sorted({value for values in brute.docs.values() for value in values[facet]}) for facet in FACETS}
    filters = {
        facet: tuple(UNKNOWN if rng.random() < 0.1 else rng.choice(known[facet]) for _ in range(rng.randint(1, 2)))
        for facet in rng.sample(FACETS, rng.choice([0, 1, 1, 2, 3]))
    }
    dates = [None, dt.date(2016, 1, 1), dt.date(2017, 6, 15), dt.date(2018, 12, 31), dt.date(2019, 3, 1)]
    date_from, date_to = (rng.choice(dates), rng.choice(dates)) if rng.random() < 0.4 else (None, None)
    searched = rng.choice(FACETS)
    typed = rng.choice(re.findall(r"\w+", rng.choice(known[searched])))[:rng.randint(1, 4)]
    return SearchRequest(
        filters=filters,
        date_from=date_from, date_to=date_to,
        facet_limit=rng.randint(1, 6),
        facet_search={searched: rng.choice([typed, typed.upper(), "x"])} if rng.random() < 0.4 else {},
    )


def test_random_requests_match_brute_force(random_searcher):
    searcher = random_searcher
    index = FacetIndex.build(searcher)
    brute = BruteForce(searcher)
    assert len(list(searcher.reader().leaf_readers())) >= 3 and searcher.reader().has_deletions()
    rng = random.Random(7)
    for case in range(200):
        query = None if rng.random() < 0.25 else random_query(rng)
        request = random_request(rng, brute)
        mask, facets = count_facets(index, searcher, query, request)
        context = f"case {case}: {query!r} {request!r}"
        assert set(np.flatnonzero(mask)) == brute.selected_docs(query, request), context
        assert list(facets) == list(FACETS)
        for facet in FACETS:
            listed, total = brute.facet(query, request, facet)
            assert (as_tuples(facets[facet]), facets[facet].total) == (listed, total), f"{context} {facet}"


def test_query_mask_matches_boolean_logic_for_every_query_shape(random_searcher):
    index = FacetIndex.build(random_searcher)
    brute = BruteForce(random_searcher)
    rng = random.Random(11)
    for _ in range(300):
        query = random_query(rng)
        assert set(np.flatnonzero(index.query_mask(random_searcher, query))) == brute.query_docs(query), query


def test_arrays_describe_the_live_documents(random_searcher):
    index = FacetIndex.build(random_searcher)
    brute = BruteForce(random_searcher)
    assert index.doc_count == random_searcher.reader().doc_count_all()
    assert set(np.flatnonzero(index.live)) == set(brute.docs)
    assert {docnum: int(index.dates[docnum]) for docnum in brute.docs} == brute.dates
    for facet in FACETS:
        assert index.values(facet) == sorted({value for values in brute.docs.values() for value in values[facet]})


def test_repeated_query_gives_the_same_read_only_mask(random_searcher):
    index = FacetIndex.build(random_searcher)
    query = Or([Term("body", "banjir"), Term("body", "gempa")])
    first = index.query_mask(random_searcher, query)
    again = index.query_mask(random_searcher, Or([Term("body", "banjir"), Term("body", "gempa")]))
    assert np.array_equal(first, again)
    with pytest.raises(ValueError):
        first[0] = not first[0]
    with pytest.raises(ValueError):
        index.live[0] = False


# ---- multi-select semantics on a small hand-made index -----------------------------------

@pytest.fixture
def small(tmp_path):
    """Ten articles in two segments, one of them deleted; returns (index, searcher)."""
    first = [
        document("a", body="banjir", date=20190105, people=["Sergey Lavrov", "Joko Widodo"],
                 countries=["Rusia"], organizations=["ISIS"]),
        document("b", body="banjir", date=20190220, people=["Sergey Lavrov"], countries=["Amerika Serikat"],
                 source="warta.id"),
        document("c", body="gempa", date=20180301, people=["Mevlüt Çavuşoğlu"], countries=["Turki"],
                 organizations=["Isis"]),
        document("d", body="banjir gempa", people=["Joko Widodo"], countries=["Indonesia"], language="en"),
        document("e", body="banjir", date=20171231, people=["Joko Widodo", "Mevlüt Çavuşoğlu"],
                 countries=["Turki", "Indonesia"]),
    ]
    second = [
        document("f", body="banjir", date=20190310, people=["Barack Obama"], countries=["Amerika Serikat"],
                 source="suarapagi.com"),
        document("g", body="pemilu", date=20190311, people=["Joko Widodo"], countries=["Indonesia"]),
        document("h", body="banjir", date=20180707, people=["Xi Jinping"], countries=["Korea Selatan"]),
        document("i", body="banjir", date=20160101, people=["Only Deleted"], countries=["Rusia"]),
        document("j", body="banjir", date=20190412, people=["Sergey Lavrov", "Barack Obama"]),
    ]
    index = create_index(tmp_path, [first, second], deleted=["i"])
    with index.searcher() as searcher:
        yield FacetIndex.build(searcher), searcher


def counted(counts: FacetCounts) -> dict[str, int]:
    return {value.value: value.count for value in counts.values}


def search(small, query: Query | None = None, **request) -> tuple[np.ndarray, dict[str, FacetCounts]]:
    index, searcher = small
    return count_facets(index, searcher, query, SearchRequest(**request))


def ids_of(small, mask: np.ndarray) -> set[str]:
    _, searcher = small
    return {searcher.stored_fields(int(docnum))["id"] for docnum in np.flatnonzero(mask)}


def test_no_filter_counts_every_live_document(small):
    mask, facets = search(small)
    assert ids_of(small, mask) == set("abcdefghj")
    assert counted(facets["people"]) == {"Joko Widodo": 4, "Sergey Lavrov": 3, "Barack Obama": 2,
                                         "Mevlüt Çavuşoğlu": 2, "Xi Jinping": 1}
    assert facets["people"].total == 5
    assert counted(facets["year"]) == {"2019": 5, "2018": 2, "2017": 1}
    assert "Only Deleted" not in small[0].values("people")


def test_own_selection_leaves_own_counts_alone_and_narrows_the_others(small):
    _, unfiltered = search(small)
    mask, facets = search(small, filters={"people": ("Sergey Lavrov",)})
    assert ids_of(small, mask) == {"a", "b", "j"}
    assert counted(facets["people"]) == counted(unfiltered["people"])
    assert counted(facets["countries"]) == {"Rusia": 1, "Amerika Serikat": 1}
    assert [value.value for value in facets["people"].values if value.selected] == ["Sergey Lavrov"]


def test_values_within_a_facet_are_alternatives_and_facets_narrow_each_other(small):
    mask, facets = search(small, filters={"people": ("Sergey Lavrov", "Xi Jinping"), "year": ("2019",)})
    assert ids_of(small, mask) == {"a", "b", "j"}
    assert counted(facets["year"]) == {"2019": 3, "2018": 1}
    assert counted(facets["people"]) == {"Joko Widodo": 2, "Sergey Lavrov": 3, "Barack Obama": 2, "Xi Jinping": 0}
    assert {value.value for value in facets["people"].values if value.selected} == {"Sergey Lavrov", "Xi Jinping"}


def test_selected_value_with_no_documents_left_is_still_listed(small):
    _, facets = search(small, filters={"countries": ("Turki",), "people": ("Barack Obama",)})
    assert ("Barack Obama", 0, True) in as_tuples(facets["people"])
    assert ("Turki", 0, True) in as_tuples(facets["countries"])


def test_unknown_selected_value_matches_nothing_but_is_listed(small):
    mask, facets = search(small, filters={"organizations": (UNKNOWN,)})
    assert not mask.any()
    assert as_tuples(facets["organizations"]) == [("ISIS", 1, False), ("Isis", 1, False), (UNKNOWN, 0, True)]
    assert facets["organizations"].total == 3
    assert counted(facets["people"]) == {}


def test_values_differing_in_case_are_different_values(small):
    mask, _ = search(small, filters={"organizations": ("ISIS",)})
    assert ids_of(small, mask) == {"a"}


def test_facet_limit_keeps_the_most_frequent_and_total_counts_them_all(small):
    _, facets = search(small, facet_limit=2)
    assert as_tuples(facets["people"]) == [("Joko Widodo", 4, False), ("Sergey Lavrov", 3, False)]
    assert facets["people"].total == 5
    _, facets = search(small, facet_limit=2, filters={"people": ("Xi Jinping",)})
    assert as_tuples(facets["people"]) == [("Joko Widodo", 4, False), ("Sergey Lavrov", 3, False),
                                           ("Xi Jinping", 1, True)]


def test_equal_counts_are_listed_alphabetically_ignoring_case(small):
    _, facets = search(small, facet_limit=3)
    assert [value.value for value in facets["people"].values] == ["Joko Widodo", "Sergey Lavrov", "Barack Obama"]
    assert [value.value for value in facets["organizations"].values] == ["ISIS", "Isis"]


@pytest.mark.parametrize(("facet", "typed", "found"), [
    ("people", "lavrov", ["Sergey Lavrov"]),
    ("people", "LAV", ["Sergey Lavrov"]),
    ("people", "cavusoglu", ["Mevlüt Çavuşoğlu"]),
    ("people", "mevlut cav", ["Mevlüt Çavuşoğlu"]),
    ("people", "Çavuş", ["Mevlüt Çavuşoğlu"]),
    ("people", "avrov", []),
    ("people", "o", ["Barack Obama"]),
    ("countries", "amerika", ["Amerika Serikat"]),
    ("countries", "serikat amer", ["Amerika Serikat"]),
    ("source", "warta", ["warta.id"]),
    ("year", "201", ["2019", "2018", "2017"]),
])
def test_facet_search_finds_values_by_the_start_of_their_words(small, facet, typed, found):
    _, facets = search(small, facet_search={facet: typed})
    assert [value.value for value in facets[facet].values] == found
    assert facets[facet].total == len(found)


def test_facet_search_narrows_only_its_own_facet_and_keeps_selections(small):
    _, facets = search(small, facet_search={"people": "lavrov"}, filters={"people": ("Joko Widodo",)})
    assert as_tuples(facets["people"]) == [("Joko Widodo", 4, True), ("Sergey Lavrov", 3, False)]
    assert facets["people"].total == 2
    assert counted(facets["countries"]) == {"Indonesia": 3, "Rusia": 1, "Turki": 1}


def test_year_selection_masks_by_date(small):
    mask, facets = search(small, filters={"year": ("2018", "2017")})
    assert ids_of(small, mask) == {"c", "e", "h"}
    assert counted(facets["year"]) == {"2019": 5, "2018": 2, "2017": 1}


def test_date_range_is_inclusive_and_leaves_undated_articles_out(small):
    mask, facets = search(small, date_from=dt.date(2018, 3, 1), date_to=dt.date(2019, 2, 20))
    assert ids_of(small, mask) == {"a", "b", "c", "h"}
    assert counted(facets["year"]) == {"2018": 2, "2019": 2}
    mask, _ = search(small, date_to=dt.date(2017, 12, 31))
    assert ids_of(small, mask) == {"e"}
    assert small[0].date_mask(None, None) is None


def test_query_date_range_and_filters_apply_together(small):
    query = Term("body", "banjir")
    mask, facets = search(small, query, date_from=dt.date(2019, 1, 1), filters={"source": ("kabarkita.com",)})
    assert ids_of(small, mask) == {"a", "j"}
    assert counted(facets["source"]) == {"kabarkita.com": 2, "warta.id": 1, "suarapagi.com": 1}
    assert counted(facets["language"]) == {"id": 2}


def test_empty_index_gives_empty_counts(tmp_path):
    index = create_index(tmp_path, [])
    with index.searcher() as searcher:
        facets_index = FacetIndex.build(searcher)
        request = SearchRequest(filters={"people": ("Sergey Lavrov",)}, date_from=dt.date(2019, 1, 1),
                                facet_search={"countries": "amerika"})
        mask, facets = count_facets(facets_index, searcher, Term("body", "banjir"), request)
        assert facets_index.doc_count == 0 and mask.shape == (0,)
        assert as_tuples(facets["people"]) == [("Sergey Lavrov", 0, True)]
        assert all(counts.values == [] and counts.total == 0 for name, counts in facets.items() if name != "people")
        assert facets_index.values("year") == []


def test_counting_by_document_is_counting_by_column(random_searcher):
    """Every facet's counts over masks of every size, from the values grouped by document
    (of the mask, or of its complement when it holds most documents) and from each facet's
    column (the reference)."""
    index = FacetIndex.build(random_searcher)
    rng = np.random.default_rng(5)
    for share in (0.0, 0.01, 0.2, 0.5, 0.9, 1.0):
        for _ in range(10):
            mask = (rng.random(index.doc_count) < share) & index.live
            counts = index.by_document.counts(mask)
            assert np.array_equal(counts, index.by_document.of_documents(np.flatnonzero(mask)))
            for facet in FACETS:
                assert np.array_equal(index.by_document.facet(counts, facet), index.columns[facet].counts(mask)), facet
                assert np.array_equal(index.counts(facet, mask), index.columns[facet].counts(mask)), facet
