"""Every state an index can reach answers like the reference.

A hypothesis state machine drives the real indexing code (``build_index``, as
``telusur index`` runs it) through random operator steps: text files and JSONL lines
added, edited and deleted, whole sources removed, incremental runs, rebuilds and
Whoosh merges, and wire stories: one long story republished in several sources at once
or in a later run, copied as is, with a sentence changed, another title or a date days
away. After every run it asks the engine random searches (words, words only
deleted versions held, half-typed last words, phrases, AND/OR/NOT, ``judul:``, entity
names, facet filters,
date ranges, sort orders, pages, grouped or not) and compares total, stories, hits, order,
scores, snippets, each hit's copies and every facet count with ``tests/index_reference.py``; autocomplete, spelling, article
pages and related articles are checked against the live documents too. A view opened
before a run keeps answering for the index it was opened on.

``TELUSUR_TEST_STATE_EXAMPLES`` (default 6) sets how many random histories run; a soak
run uses e.g. 200.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import whoosh.index
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from index_reference import SCORE_TOLERANCE, Reference, matches
from search.analysis.analyzer import query_terms
from search.index.arrays import compute_arrays, load_arrays
from search.index.builder import build_index
from search.index.store import current_generation
from search.query.engine import search as engine_search
from search.query.live import IndexView, LiveIndex
from search.query.match.masks import query_documents
from search.query.parse.compile import compile_query
from search.query.parse.syntax import parse_query
from search.query.present.article import load_article
from search.query.present.related import related_articles
from search.query.request import FACETS, SearchRequest
from search.query.suggest.autocomplete import complete as autocomplete

EXAMPLES = int(os.environ.get("TELUSUR_TEST_STATE_EXAMPLES", "6"))
STEMMER = "sastrawi"
# Few enough articles that every match fits the re-ranked head, so ties never decide
# which documents enter it.
MOST_ARTICLES = 36

PEOPLE = ["Joko Widodo", "Prabowo Subianto", "Sri Mulyani", "Anies Baswedan", "Vladimir Putin", "Sergey Lavrov"]
ROLES = ["Presiden", "Menteri", "Gubernur", "Ketua"]
COUNTRIES = ["Rusia", "Jepang", "Malaysia", "Amerika Serikat", "Suriah"]
ORGS = ["KPK", "DPR", "PBB", "Bank Indonesia"]
WORDS = ["pembangunan", "membangun", "bangunan", "harga", "beras", "naik", "pasar", "pedagang", "petani",
         "kebijakan", "anggaran", "pendidikan", "sekolah", "banjir", "hujan", "warga", "mengungsi",
         "pengungsi", "jalan", "tol", "proyek", "korupsi", "penyidik", "kesepakatan", "menyepakati",
         "sepakat", "dagang", "perdagangan", "kerja", "sama", "pertemuan", "membahas", "rencana",
         "kunjungan", "ekonomi", "tumbuh", "pertumbuhan", "listrik", "tarif", "subsidi"]
CITIES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar"]
SOURCES = ["kompas.com", "tempo.co", "detik.com"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis"]
_LETTERS = ("bdgklmnprstz", "aiueo")


def _rare_word(rng: random.Random) -> str:
    """A made-up word: it occurs only in the versions that carry it."""
    return "".join(rng.choice(_LETTERS[i % 2]) for i in range(rng.randrange(6, 9)))


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _article_text(rng: random.Random) -> tuple[str, str]:
    """A headline and a body of a few sentences naming people, countries and bodies."""
    person, other = rng.sample(PEOPLE, 2)
    country = rng.choice(COUNTRIES)
    sentences = [
        f"{rng.choice(ROLES)} {person} {_words(rng, 3)} di {rng.choice(CITIES)}, {rng.choice(DAYS)}.",
        f"Menurut {person}, kerja sama dengan {country} {_words(rng, 4)} {_rare_word(rng)}.",
        f"\"{_words(rng, 5).capitalize()},\" kata {other} kepada wartawan.",
        f"{rng.choice(ORGS)} juga {_words(rng, 4)} {_words(rng, 2)}.",
    ]
    rng.shuffle(sentences)
    headline = f"{person} {_words(rng, 3).title()}"
    return headline, " ".join(sentences[:rng.randrange(2, 5)])


def _wire_story(rng: random.Random) -> str:
    """A body long enough to carry a fingerprint: many sentences, several of them made-up words."""
    return " ".join(f"{rng.choice(PEOPLE)} {_words(rng, 5)} {_rare_word(rng)} di {rng.choice(CITIES)}."
                    for _ in range(rng.randrange(6, 10)))


def _retold(rng: random.Random, body: str) -> str:
    """A copy as another outlet runs it: unchanged, a sentence changed or added, or another story."""
    sentences = body.split(". ")
    shape = rng.randrange(4)
    if shape == 1:
        sentences[rng.randrange(len(sentences))] = f"{rng.choice(ORGS)} {_words(rng, 4)}"
    elif shape == 2:
        sentences.append(f"Menurut {rng.choice(PEOPLE)}, {_words(rng, 5)}")
    elif shape == 3:
        return _wire_story(rng)
    return ". ".join(sentences)


def _date(rng: random.Random) -> dt.date | None:
    return None if rng.random() < 0.15 else dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(1800))


class Corpus:
    """The files on disk and the articles they hold, as the test last wrote them."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.texts: dict[str, str] = {}
        self.records: dict[str, list[dict]] = {}
        self.number = 0

    def article_count(self) -> int:
        return len(self.texts) + sum(map(len, self.records.values()))

    def new_id(self) -> str:
        self.number += 1
        return f"art{self.number:03d}"

    def text_file(self, rng: random.Random) -> str:
        headline, body = _article_text(rng)
        day = _date(rng)
        dateline = f"{day.day:02d}/{day.month:02d}/{day.year}\n" if day else ""
        return f"{headline}\n{dateline}{body}\n"

    def record(self, rng: random.Random, article_id: str) -> dict:
        headline, body = _article_text(rng)
        day = _date(rng)
        record = {"id": article_id, "title": headline, "content": body, "source": rng.choice(SOURCES)}
        if day:
            record["date"] = day.isoformat()
        return record

    def write(self) -> None:
        for name, text in self.texts.items():
            (self.directory / name).write_text(text, encoding="utf-8")
        for name, records in self.records.items():
            (self.directory / name).write_text("".join(json.dumps(record) + "\n" for record in records),
                                               encoding="utf-8")

    def wire_copy(self, rng: random.Random, article_id: str, body: str, day: dt.date | None) -> dict:
        """A record republishing ``body``: another source and title, dated the same or days apart."""
        record = {"id": article_id, "title": f"{rng.choice(PEOPLE)} {_words(rng, 2).title()}",
                  "content": _retold(rng, body), "source": rng.choice(SOURCES)}
        if day is not None and rng.random() < 0.9:
            record["date"] = (day + dt.timedelta(days=rng.choice([0, 0, 1, -1, 2, 5]))).isoformat()
        return record

    def long_bodies(self) -> list[tuple[str, dt.date | None]]:
        """The bodies of records long enough to be a wire story, with their dates."""
        return [(record["content"], dt.date.fromisoformat(record["date"]) if "date" in record else None)
                for _, records in sorted(self.records.items()) for record in records
                if len(record["content"].split()) >= 40]

    def live_ids(self) -> set[str]:
        return {Path(name).stem for name in self.texts} | {
            record["id"] for records in self.records.values() for record in records}


def _source_edit(method: Callable[[IndexStates, int], None]) -> Callable[[IndexStates, int, bool], None]:
    """An edit of the sources, followed at once by an incremental run when ``run_after``."""
    @functools.wraps(method)
    def edit(self: IndexStates, seed: int, run_after: bool) -> None:
        method(self, seed)
        if run_after:
            self._index(seed, rebuild=False)

    return edit


class IndexStates(RuleBasedStateMachine):
    """Operator steps on a source folder, and the index runs that follow them."""

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(os.environ.get("TMPDIR", "/tmp")) / f"telusur-states-{os.getpid()}-{id(self)}"
        shutil.rmtree(self.work, ignore_errors=True)
        (self.work / "src").mkdir(parents=True)
        self.root = self.work / "index"
        self.corpus = Corpus(self.work / "src")
        self.live = LiveIndex(self.root)
        self.indexed: set[str] = set()
        self.words_seen: set[str] = set()
        self.previous: tuple[IndexView, Reference] | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    @initialize(seed=st.integers(0, 2**32 - 1))
    def first_build(self, seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(rng.randrange(3, 8)):
            self.corpus.texts[f"{self.corpus.new_id()}.txt"] = self.corpus.text_file(rng)
        self.corpus.records["feed.jsonl"] = [self.corpus.record(rng, self.corpus.new_id())
                                             for _ in range(rng.randrange(2, 6))]
        self._index(seed, rebuild=False)

    # Edits of the sources; the index sees them at the next run.

    @precondition(lambda self: self.corpus.article_count() < MOST_ARTICLES)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def add_text_file(self, seed: int) -> None:
        rng = random.Random(seed)
        self.corpus.texts[f"{self.corpus.new_id()}.txt"] = self.corpus.text_file(rng)

    @precondition(lambda self: self.corpus.texts)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def edit_text_file(self, seed: int) -> None:
        rng = random.Random(seed)
        self.corpus.texts[rng.choice(sorted(self.corpus.texts))] = self.corpus.text_file(rng)

    @precondition(lambda self: self.corpus.texts)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def delete_text_file(self, seed: int) -> None:
        name = random.Random(seed).choice(sorted(self.corpus.texts))
        del self.corpus.texts[name]
        (self.corpus.directory / name).unlink(missing_ok=True)

    @precondition(lambda self: self.corpus.article_count() < MOST_ARTICLES)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def add_record(self, seed: int) -> None:
        rng = random.Random(seed)
        name = rng.choice([*sorted(self.corpus.records), f"feed{self.corpus.number}.jsonl"])
        self.corpus.records.setdefault(name, []).append(self.corpus.record(rng, self.corpus.new_id()))

    @precondition(lambda self: self.corpus.article_count() < MOST_ARTICLES - 3)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def add_wire_story(self, seed: int) -> None:
        """One story in two to four feeds at once."""
        rng = random.Random(seed)
        body, day = _wire_story(rng), _date(rng)
        for _ in range(rng.randrange(2, 5)):
            name = rng.choice([*sorted(self.corpus.records), f"wire{self.corpus.number}.jsonl"])
            self.corpus.records.setdefault(name, []).append(self.corpus.wire_copy(rng, self.corpus.new_id(), body, day))

    @precondition(lambda self: self.corpus.article_count() < MOST_ARTICLES and self.corpus.long_bodies())
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def republish(self, seed: int) -> None:
        """A copy of a story already in the sources, arriving now (indexed by a later run)."""
        rng = random.Random(seed)
        body, day = rng.choice(self.corpus.long_bodies())
        name = rng.choice([*sorted(self.corpus.records), f"feed{self.corpus.number}.jsonl"])
        self.corpus.records.setdefault(name, []).append(self.corpus.wire_copy(rng, self.corpus.new_id(), body, day))

    @precondition(lambda self: any(self.corpus.records.values()))
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def edit_record(self, seed: int) -> None:
        rng = random.Random(seed)
        records = self.corpus.records[rng.choice([name for name, lines in sorted(self.corpus.records.items()) if lines])]
        index = rng.randrange(len(records))
        records[index] = self.corpus.record(rng, records[index]["id"])

    @precondition(lambda self: any(self.corpus.records.values()))
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def delete_record(self, seed: int) -> None:
        rng = random.Random(seed)
        records = self.corpus.records[rng.choice([name for name, lines in sorted(self.corpus.records.items()) if lines])]
        records.pop(rng.randrange(len(records)))

    @precondition(lambda self: self.corpus.records)
    @rule(seed=st.integers(0, 2**32 - 1), run_after=st.booleans())
    @_source_edit
    def remove_source(self, seed: int) -> None:
        name = random.Random(seed).choice(sorted(self.corpus.records))
        del self.corpus.records[name]
        (self.corpus.directory / name).unlink(missing_ok=True)

    # Index runs, each followed by the comparison with the reference.

    @rule(seed=st.integers(0, 2**32 - 1))
    def incremental_run(self, seed: int) -> None:
        self._index(seed, rebuild=False)

    @rule(seed=st.integers(0, 2**32 - 1))
    def rebuild(self, seed: int) -> None:
        self._index(seed, rebuild=True)

    @rule(seed=st.integers(0, 2**32 - 1))
    def whoosh_merge(self, seed: int) -> None:
        """Whoosh folds every segment into one, dropping deleted documents."""
        self._remember_view()
        generation = current_generation(self.root)
        whoosh.index.open_dir(str(generation)).optimize()
        with whoosh.index.open_dir(str(generation)).reader() as reader:
            assert load_arrays(generation, reader) is None  # saved for the commit before the merge
        self._check(random.Random(seed))

    def _index(self, seed: int, *, rebuild: bool) -> None:
        self._remember_view()
        self.corpus.write()
        report = build_index(self.root, [self.corpus.directory], stemmer=STEMMER, rebuild=rebuild)
        assert report.failed == 0, report.problems
        self.indexed = self.corpus.live_ids()
        check_saved_arrays(current_generation(self.root))
        self._check(random.Random(seed))

    def _remember_view(self) -> None:
        if current_generation(self.root) is not None:
            view = self.live.view()
            self.previous = (view, Reference(view.searcher, view.stemmer))

    def _check(self, rng: random.Random) -> None:
        view = self.live.view()
        segments = [segment for segment, _ in view.searcher.reader().leaf_readers()]
        event(f"segments: {min(len(segments), 4)}{'+' if len(segments) > 3 else ''}")
        event(f"segments with deletions: {sum(segment.has_deletions() for segment in segments)}")
        reference = Reference(view.searcher, view.stemmer)
        assert reference.ids == self.indexed
        for document in reference.documents:
            self.words_seen |= {word for word in document.terms.get("body", {}) if word.isalpha()}
        for _ in range(12):
            check_search(view, reference, random_request(rng, reference, self.words_seen))
        check_visible_words_found(view, reference, rng)
        check_phrase_masks(view, reference, rng)
        check_side_features(view, reference, rng, self.indexed | {"art999"})
        if self.previous is not None:
            old_view, old_reference = self.previous
            for _ in range(3):
                check_search(old_view, old_reference, random_request(rng, old_reference, self.words_seen))


def check_phrase_masks(view: IndexView, reference: Reference, rng: random.Random) -> None:
    """A phrase (words of a live article in order, shuffled, one repeated, or gone) matches
    exactly the live documents where the brute-force span search over the stored texts finds
    it: from the postings, and from the scorer's memory of decoded terms, cold and warm."""
    bodies = [document.fields["body"].replace('"', "").split() for document in reference.documents] or [WORDS]
    for number in range(8):
        words = rng.choice(bodies)
        start = rng.randrange(max(1, len(words) - 1))
        picked = [word.strip(".,") for word in words[start:start + rng.randrange(2, 7)]]
        shape = number % 4
        if shape == 1:
            rng.shuffle(picked)
        elif shape == 2:
            picked = picked[:1] * rng.randrange(2, 5)
        elif shape == 3:
            picked[rng.randrange(len(picked))] = rng.choice(WORDS)
        text = '"' + " ".join(word for word in picked if word) + '"'
        query = compile_query(parse_query(text).node, view.stemmer).query
        if query is None:
            continue
        expected = {document.docnum for document in reference.documents if matches(query, document)}
        if number % 2:
            view.scoring.forget()
        for memory in (None, view.scoring, view.scoring):
            found = query_documents(view.searcher, query, view.facets.live, memory)
            assert set(np.flatnonzero(found).tolist()) == expected, text


def check_saved_arrays(generation: Path) -> None:
    """What the index run saved is what reading the index now gives, array for array."""
    with whoosh.index.open_dir(str(generation)).reader() as reader:
        saved, computed = load_arrays(generation, reader), compute_arrays(reader)
    assert saved is not None
    assert [path.name for path in generation.glob("arrays-*")] == [f"arrays-{reader.generation()}"]
    for name in ("live", "dates", "word_counts", "stories"):
        assert_same_array(getattr(saved, name), getattr(computed, name))
    assert saved.words == computed.words
    assert saved.lengths.keys() == computed.lengths.keys()
    for field, lengths in computed.lengths.items():
        assert_same_array(saved.lengths[field], lengths)
    assert saved.facets.keys() == computed.facets.keys()
    for facet, pairs in computed.facets.items():
        assert saved.facets[facet].values == pairs.values, facet
        assert_same_array(saved.facets[facet].pair_doc, pairs.pair_doc)
        assert_same_array(saved.facets[facet].pair_value, pairs.pair_value)


def assert_same_array(saved: np.ndarray, computed: np.ndarray) -> None:
    assert saved.dtype == computed.dtype and saved.shape == computed.shape
    assert np.array_equal(saved, computed)


def random_request(rng: random.Random, reference: Reference, words_seen: set[str]) -> SearchRequest:
    """A search a reader could type: words live or gone, phrases, operators, names, filters."""
    live_words = sorted({word for document in reference.documents for word in document.terms.get("body", {})
                         if word.isalpha()})
    pool = live_words or WORDS
    gone = sorted(words_seen - set(live_words)) or pool

    def word() -> str:
        return rng.choice(gone if rng.random() < 0.25 else pool)

    def phrase() -> str:
        if not reference.documents:
            return f'"{word()} {word()}"'
        words = rng.choice(reference.documents).fields["body"].replace('"', "").split()
        start = rng.randrange(max(1, len(words) - 2))
        return '"' + " ".join(words[start:start + rng.randrange(2, 4)]).strip(".,") + '"'

    shapes = [
        lambda: word(),
        lambda: f"{word()} {word()}",
        lambda: f"{word()} {word()} {word()}",
        phrase,
        lambda: f"{word()} -{word()}",
        lambda: f"{word()} OR {word()}",
        lambda: f"{word()} AND {word()}",
        lambda: f"{word()} NOT {word()}",
        lambda: f"BUKAN {word()}",
        lambda: f"judul:{rng.choice([word(), *PEOPLE]).split()[-1]}",
        lambda: rng.choice(PEOPLE + COUNTRIES + ORGS),
        lambda: f"{rng.choice(PEOPLE)} {word()}",
        lambda: word()[:rng.randrange(3, 7)],
        lambda: f"{word()} {word()[:rng.randrange(3, 7)]}",
        lambda: f"{word()} {word()} ",
        lambda: "",
    ]
    filters = {}
    for facet in rng.sample(FACETS, rng.randrange(4)):
        values = sorted({value for document in reference.documents for value in document.values(facet)})
        if values:
            filters[facet] = tuple(rng.sample(values, rng.randrange(1, min(3, len(values)) + 1)))
    date_from = date_to = None
    if rng.random() < 0.25:
        date_from = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(900))
        date_to = date_from + dt.timedelta(days=rng.randrange(200, 1200))
    return SearchRequest(query=rng.choice(shapes)(), filters=filters, date_from=date_from, date_to=date_to,
                         sort=rng.choice(["relevance", "relevance", "newest", "oldest"]), per_page=100,
                         facet_limit=500, group=rng.random() < 0.8)


def check_search(view: IndexView, reference: Reference, request: SearchRequest) -> None:
    """Total, hits in order with their scores, snippets and facet counts, then paging."""
    got = engine_search(view, request).as_json()
    expected = reference.expected(request)
    assert got["total"] == expected["total"], request
    assert got["stories"] == expected["stories"], request
    event(f"stories folded: {'yes' if got['stories'] < got['total'] else 'no'}")
    ids = [hit["id"] for hit in got["hits"]]
    assert sorted(ids) == sorted(document_id for document_id, _, _ in expected["page"]), request
    keys = {document_id: key for document_id, _, key in expected["page"]}
    if request.sort == "relevance" and any(key for key in keys.values()):
        # Equal keys may come in either order (float sums differ in the last bit), nothing else.
        for position, (hit, (_, _, key)) in enumerate(zip(got["hits"], expected["page"], strict=False)):
            assert abs(keys[hit["id"]] - key) <= SCORE_TOLERANCE * max(1.0, key), (request, position)
    else:
        assert ids == [document_id for document_id, _, _ in expected["page"]], request
    scores = {document_id: score for document_id, score, _ in expected["page"]}
    for hit in got["hits"]:
        assert [copy["id"] for copy in hit["similar"]] == expected["similar"][hit["id"]], (request, hit["id"])
        assert hit["similar_count"] == len(hit["similar"]), (request, hit["id"])
        # The page rounds scores to 4 decimals: at most half a unit off, plus the sums' last bits.
        assert abs(hit["score"] - scores[hit["id"]]) <= 5e-5 + SCORE_TOLERANCE * max(1.0, scores[hit["id"]]), \
            (request, hit["id"])
        assert isinstance(hit["snippet"], str) and hit["snippet"], (request, hit["id"])
    for facet in FACETS:
        counted = {item["value"]: item["count"] for item in got["facets"][facet] if item["count"]}
        assert counted == expected["facets"][facet], (request, facet)
    if got["did_you_mean"]:
        suggested = reference.expected(SearchRequest(query=got["did_you_mean"]))
        # Offered when it finds more, or when a mistyped word was searched as its nearest spellings.
        assert suggested["total"] > got["total"] or (expected["corrected"] and suggested["total"]), (
            request, got["did_you_mean"])
    if len(ids) > 4:
        second = engine_search(view, SearchRequest(**{**_fields(request), "page": 2, "per_page": 2})).as_json()
        assert [hit["id"] for hit in second["hits"]] == ids[2:4], request


def _fields(request: SearchRequest) -> dict:
    return {"query": request.query, "filters": dict(request.filters), "date_from": request.date_from,
            "date_to": request.date_to, "sort": request.sort, "facet_limit": request.facet_limit,
            "prefix": request.prefix, "group": request.group}


_VISIBLE_WORD = re.compile(r"[^\W\d_]{3,}")


def check_visible_words_found(view: IndexView, reference: Reference, rng: random.Random) -> None:
    """A word a reader can see in an article finds it: typed in lower case, as written,
    after another word (where a capital makes it a name), and with its neighbour as a phrase."""
    for document in rng.sample(reference.documents, min(4, len(reference.documents))):
        fields = [document.fields["body"]] + ([] if document.fields.get("title_derived") else [document.fields["title"]])
        text = rng.choice(fields)
        spots = list(_VISIBLE_WORD.finditer(text))
        if not spots:
            continue
        spot = rng.choice(spots)
        word = spot.group()
        if not query_terms(word, view.stemmer):
            continue  # a stopword finds nothing by design
        following = re.match(r" ([^\W\d_]{3,})", text[spot.end():])
        queries = [word.lower(), word, f"kata {word}"]
        if following and query_terms(following.group(1), view.stemmer):
            queries.append(f'"{word} {following.group(1)}"')
        for query in queries:
            found = engine_search(view, SearchRequest(query=query, per_page=100)).as_json()
            listed = {hit["id"] for hit in found["hits"]} | {
                copy["id"] for hit in found["hits"] for copy in hit["similar"]}
            assert document.id in listed, (query, document.id)


def check_side_features(view: IndexView, reference: Reference, rng: random.Random, ids: set[str]) -> None:
    """Autocomplete counts, article pages and related articles agree with the live documents."""
    live = {document.id: document for document in reference.documents}
    for text in (rng.choice(PEOPLE).split()[-1][:4].lower(), rng.choice(WORDS)[:3], rng.choice(COUNTRIES)[:3]):
        for suggestion in autocomplete(view, text):
            if suggestion.kind == "entity":
                carrying = sum(suggestion.value in document.values(suggestion.facet) for document in reference.documents)
                assert suggestion.count == carrying, suggestion
            else:
                last = suggestion.value.split()[-1]
                assert suggestion.count == max(
                    sum(form in words for words in [set(document.terms.get(field, {}))
                                                    for document in reference.documents])
                    for field in ("title", "body") for form in (last, f"={last}")), suggestion
    for article_id in ids:
        page = load_article(view, article_id)
        assert (page is not None) == (article_id in live), article_id
        if page is not None:
            related = related_articles(view, page.docnum)
            assert all(item.id in live and item.id != article_id for item in related), article_id


IndexStates.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=16, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestIndexStates = IndexStates.TestCase
