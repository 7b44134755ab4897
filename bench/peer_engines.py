"""The peers of ``bench/peers.py``: tantivy, SQLite FTS5 and stock Whoosh, each given the same
stored articles and entity values as Telusur's index and asked for the same complete response.

Every peer answers an :class:`Ask` (the query's words, whether they are a phrase, the filters)
with an :class:`Answer`: the total, the top hits with a highlighted snippet, and the top values
and counts of every facet in ``search.facet_table.FACETS``, counted the way Telusur counts them
(each facet with every filter but its own, so a selection shows what its alternatives would
add). Each peer analyses text its own stock way (lower case, no stemming) and gets no prefix
completion, typo widening or entity aliases: those are Telusur's, and the correctness column of
``bench/peers.py`` counts where they change the answer.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from whoosh import fields as whoosh_fields
from whoosh import index as whoosh_index
from whoosh.query import And, Every, Or, Phrase, Query, Term
from whoosh.sorting import FieldFacet

from search.analysis.stopwords import STOPWORDS
from search.config import DEFAULT_FACET_LIMIT, DEFAULT_PER_PAGE
from search.facet_table import CATEGORY, ENTITY_FACETS, FACET_OF, FACETS, LANGUAGE, SOURCE, FacetKind
from search.index.documents import date_number, stored_article
from search.index.schema import TITLE_DERIVED
from search.query.request import SearchRequest

# A title's weight against the body's, as Telusur's BM25F gives it (``config.TUNING``).
TITLE_BOOST = 2.5
# Characters of the lead shown for a query without words (hits by date, nothing to mark).
LEAD_CHARS = 200
_WORD = re.compile(r"\w+")
INSTALL_BENCH = "pip install 'telusur[bench]'"


@dataclass(frozen=True)
class PeerDocument:
    """One stored article as the peers index it: Telusur's text and Telusur's facet values."""

    docnum: int
    id: str
    title: str  # empty when Telusur derived it from the lead and does not index it
    body: str
    date: int  # yyyymmdd, 0 when undated
    values: Mapping[str, tuple[str, ...]]  # facet name -> its values in this article


@dataclass(frozen=True)
class Ask:
    """A request as the peers take it: words without Telusur's stopwords, a phrase or not."""

    words: tuple[str, ...]
    phrase: bool
    filters: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Answer:
    """The complete response every engine returns: total, (id, snippet) hits, facet counts."""

    total: int
    hits: list[tuple[str, str]]
    facets: dict[str, list[tuple[str, int]]]


class Engine(Protocol):
    name: str
    build_seconds: float

    def answer(self, ask: Ask) -> Answer: ...


class PeerUnavailable(RuntimeError):
    """A peer that cannot run here (its package is not installed): skipped, with the reason."""


def read_documents(searcher: Any) -> list[PeerDocument]:
    """Every live stored article of a Telusur index, in document order, through
    ``documents.stored_article`` (the one reader of stored fields)."""
    reader = searcher.reader()
    documents = []
    for docnum, fields in reader.iter_docs():
        article = stored_article(fields)
        dated = date_number(article.date) or 0
        values: dict[str, tuple[str, ...]] = {name: tuple(article.entities[name]) for name in ENTITY_FACETS}
        values[SOURCE] = (article.source,) if article.source else ()
        values[CATEGORY] = (article.category,) if article.category else ()
        values[LANGUAGE] = (article.language,)
        for facet in FACETS:
            if FACET_OF[facet].kind is FacetKind.YEAR:
                values[facet] = (str(dated // 10000),) if dated else ()
        title = "" if fields.get(TITLE_DERIVED) else article.title
        documents.append(PeerDocument(docnum, article.id, title, article.body, dated, values))
    return documents


def ask_of(request: SearchRequest) -> Ask:
    """The peers' form of a request of the query mix: a quoted query is a phrase, any other
    is its words without Telusur's stopwords (the peers have no stopword list of their own
    for Indonesian, and "apa yang terjadi dengan" would otherwise match nearly everything)."""
    text = request.query.strip()
    phrase = len(text) > 1 and text.startswith('"') and text.endswith('"')
    words = [word for word in _WORD.findall(text.lower()) if phrase or word not in STOPWORDS]
    return Ask(tuple(dict.fromkeys(words)) if not phrase else tuple(words), phrase and len(words) > 1,
               dict(request.filters))


def filter_sets(ask: Ask) -> dict[tuple[str, ...], list[str]]:
    """Facets grouped by the filters their counts obey: every filter but the facet's own."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for facet in FACETS:
        kept = tuple(name for name in ask.filters if name != facet)
        groups.setdefault(kept, []).append(facet)
    return groups


def _top(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(counts, key=lambda item: (-item[1], item[0]))[:DEFAULT_FACET_LIMIT]


class TantivyEngine:
    """tantivy (Rust, through its Python package): BM25, raw-tokenized fast fields for the facets,
    terms aggregations made exact (every segment reports every value)."""

    name = "tantivy"

    def __init__(self, documents: list[PeerDocument], folder: Path) -> None:
        try:
            import tantivy
        except ImportError as error:
            raise PeerUnavailable(f"tantivy is not installed ({INSTALL_BENCH}): {error}") from error
        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True)
        builder.add_text_field("body", stored=True)
        builder.add_unsigned_field("date", fast=True)
        for facet in FACETS:
            builder.add_text_field(facet, tokenizer_name="raw", fast=True)
        self.schema = builder.build()
        _fresh(folder)
        self.index = tantivy.Index(self.schema, path=str(folder))
        started = time.perf_counter()
        writer = self.index.writer(num_threads=2)
        for document in documents:
            doc = tantivy.Document()
            doc.add_text("id", document.id)
            doc.add_text("title", document.title)
            doc.add_text("body", document.body)
            doc.add_unsigned("date", document.date)
            for facet, values in document.values.items():
                for value in values:
                    doc.add_text(facet, value)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        self.build_seconds = time.perf_counter() - started
        self.index.reload()
        self.searcher = self.index.searcher()

    @classmethod
    def open(cls, folder: Path) -> TantivyEngine:
        """The engine over an index built earlier (to measure a serving process alone)."""
        import tantivy
        engine = cls.__new__(cls)
        engine.tantivy = tantivy
        engine.index = tantivy.Index.open(str(folder))
        engine.schema = engine.index.schema
        engine.searcher = engine.index.searcher()
        engine.build_seconds = 0.0
        return engine

    def _text_query(self, ask: Ask) -> Any:
        query, occur = self.tantivy.Query, self.tantivy.Occur
        if not ask.words:
            return query.all_query()
        if ask.phrase:
            return query.boolean_query([
                (occur.Should, query.boost_query(query.phrase_query(self.schema, "title", list(ask.words)),
                                                 TITLE_BOOST)),
                (occur.Should, query.phrase_query(self.schema, "body", list(ask.words)))])
        clauses = []
        for word in ask.words:
            clauses.append((occur.Should, query.boost_query(query.term_query(self.schema, "title", word),
                                                            TITLE_BOOST)))
            clauses.append((occur.Should, query.term_query(self.schema, "body", word)))
        return query.boolean_query(clauses)

    def _filtered(self, text: Any, ask: Ask, facets: Iterable[str]) -> Any:
        query, occur = self.tantivy.Query, self.tantivy.Occur
        clauses = [(occur.Must, text)]
        for facet in facets:
            alternatives = [(occur.Should, query.term_query(self.schema, facet, value))
                            for value in ask.filters[facet]]
            clauses.append((occur.Must, query.boolean_query(alternatives)))
        return query.boolean_query(clauses) if len(clauses) > 1 else text

    def answer(self, ask: Ask) -> Answer:
        text = self._text_query(ask)
        matched = self._filtered(text, ask, ask.filters)
        if ask.words:
            found = self.searcher.search(matched, DEFAULT_PER_PAGE)
            snippets = self.tantivy.SnippetGenerator.create(self.searcher, text, self.schema, "body")
        else:
            found = self.searcher.search(matched, DEFAULT_PER_PAGE, order_by_field="date",
                                         order=self.tantivy.Order.Desc)
        hits = []
        for _, address in found.hits:
            doc = self.searcher.doc(address)
            body = doc["body"][0] if doc["body"] else ""
            snippet = snippets.snippet_from_doc(doc).to_html() if ask.words else body[:LEAD_CHARS]
            hits.append((doc["id"][0], snippet))
        facets: dict[str, list[tuple[str, int]]] = {}
        for kept, counted in filter_sets(ask).items():
            aggregations = {facet: {"terms": {"field": facet, "size": DEFAULT_FACET_LIMIT,
                                              "segment_size": 1_000_000}} for facet in counted}
            result = self.searcher.aggregate(self._filtered(text, ask, kept), aggregations)
            for facet in counted:
                facets[facet] = _top((bucket["key"], bucket["doc_count"]) for bucket in result[facet]["buckets"])
        return Answer(found.count, hits, facets)


class Fts5Engine:
    """SQLite FTS5 (the standard library's sqlite3): unicode61 tokenizer with accents removed,
    bm25() with the title weighted, ``snippet()``, facet values in an indexed table counted with
    GROUP BY over the matches kept in a temporary table."""

    name = "fts5"

    def __init__(self, documents: list[PeerDocument], folder: Path) -> None:
        _fresh(folder)
        started = time.perf_counter()
        database = sqlite3.connect(folder / "fts5.db")
        database.executescript("""
            CREATE TABLE doc(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, date INTEGER);
            CREATE VIRTUAL TABLE text USING fts5(title, body, content='doc', content_rowid='rowid',
                                                 tokenize='unicode61 remove_diacritics 2');
            CREATE TABLE facet(facet TEXT, value TEXT, doc INTEGER);
        """)
        with database:
            database.executemany("INSERT INTO doc VALUES (?, ?, ?, ?, ?)",
                                 ((d.docnum, d.id, d.title, d.body, d.date) for d in documents))
            database.execute("INSERT INTO text(rowid, title, body) SELECT rowid, title, body FROM doc")
            database.executemany("INSERT INTO facet VALUES (?, ?, ?)", (
                (facet, value, d.docnum) for d in documents for facet, values in d.values.items()
                for value in values))
            database.executescript("""
                CREATE INDEX facet_value ON facet(facet, value, doc);
                CREATE INDEX facet_doc ON facet(facet, doc, value);
                CREATE INDEX doc_date ON doc(date);
                INSERT INTO text(text) VALUES ('optimize');
            """)
        database.close()
        self.build_seconds = time.perf_counter() - started
        self.database = self._connect(folder)

    @classmethod
    def open(cls, folder: Path) -> Fts5Engine:
        engine = cls.__new__(cls)
        engine.database = cls._connect(folder)
        engine.build_seconds = 0.0
        return engine

    @staticmethod
    def _connect(folder: Path) -> sqlite3.Connection:
        database = sqlite3.connect(f"file:{folder / 'fts5.db'}?mode=ro", uri=True)
        database.execute("CREATE TEMP TABLE hits(doc INTEGER PRIMARY KEY)")
        return database

    @staticmethod
    def _match(ask: Ask) -> str:
        quoted = ['"' + word.replace('"', '""') + '"' for word in ask.words]
        return '"' + " ".join(ask.words) + '"' if ask.phrase else " OR ".join(quoted)

    @staticmethod
    def _where(ask: Ask, facets: Iterable[str], column: str) -> tuple[str, list[str]]:
        clauses, arguments = [], []
        for facet in facets:
            values = ask.filters[facet]
            clauses.append(f"{column} IN (SELECT doc FROM facet WHERE facet = ? AND value IN "
                           f"({', '.join('?' * len(values))}))")
            arguments += [facet, *values]
        return " AND ".join(clauses) or "1", arguments

    def answer(self, ask: Ask) -> Answer:
        run = self.database.execute
        run("DELETE FROM hits")
        if ask.words:
            run("INSERT INTO hits SELECT rowid FROM text WHERE text MATCH ?", (self._match(ask),))
        else:
            run("INSERT INTO hits SELECT rowid FROM doc")
        where, arguments = self._where(ask, ask.filters, "doc")
        total = run(f"SELECT count(*) FROM hits WHERE {where}", arguments).fetchone()[0]
        if ask.words:
            rows = run(f"""SELECT doc.id, snippet(text, 1, '<mark>', '</mark>', '…', 24) FROM text
                           JOIN doc ON doc.rowid = text.rowid
                           WHERE text MATCH ? AND text.rowid IN (SELECT doc FROM hits WHERE {where})
                           ORDER BY bm25(text, {TITLE_BOOST}, 1.0) LIMIT {DEFAULT_PER_PAGE}""",
                       [self._match(ask), *arguments]).fetchall()
        else:
            rows = run(f"""SELECT id, substr(body, 1, {LEAD_CHARS}) FROM doc
                           WHERE rowid IN (SELECT doc FROM hits WHERE {where})
                           ORDER BY date DESC LIMIT {DEFAULT_PER_PAGE}""", arguments).fetchall()
        facets = {}
        for kept, counted in filter_sets(ask).items():
            kept_where, kept_arguments = self._where(ask, kept, "doc")
            for facet in counted:
                facets[facet] = run(f"""SELECT value, count(*) AS n FROM facet
                                        WHERE facet = ? AND doc IN (SELECT doc FROM hits WHERE {kept_where})
                                        GROUP BY value ORDER BY n DESC, value LIMIT {DEFAULT_FACET_LIMIT}""",
                                    [facet, *kept_arguments]).fetchall()
        return Answer(total, [(row[0], row[1]) for row in rows], facets)


class StockWhooshEngine:
    """Whoosh as it comes: default ``TEXT`` analysis, BM25F, ``FieldFacet(allow_overlap=True)``
    grouping and its highlighter; one writer process, as ``whoosh.index`` defaults to."""

    name = "whoosh"

    def __init__(self, documents: list[PeerDocument], folder: Path) -> None:
        schema = whoosh_fields.Schema(
            id=whoosh_fields.ID(stored=True), title=whoosh_fields.TEXT(stored=True, field_boost=TITLE_BOOST),
            body=whoosh_fields.TEXT(stored=True), date=whoosh_fields.NUMERIC(int, bits=32, sortable=True),
            **{facet: whoosh_fields.KEYWORD(commas=True, lowercase=False) for facet in FACETS})
        _fresh(folder)
        started = time.perf_counter()
        index = whoosh_index.create_in(str(folder), schema)
        writer = index.writer()
        for document in documents:
            writer.add_document(id=document.id, title=document.title, body=document.body, date=document.date,
                                **{facet: ",".join(values) for facet, values in document.values.items() if values})
        writer.commit()
        self.build_seconds = time.perf_counter() - started
        self.searcher = index.searcher()

    @classmethod
    def open(cls, folder: Path) -> StockWhooshEngine:
        engine = cls.__new__(cls)
        engine.searcher = whoosh_index.open_dir(str(folder)).searcher()
        engine.build_seconds = 0.0
        return engine

    @staticmethod
    def _text_query(ask: Ask) -> Query:
        if not ask.words:
            return Every()
        if ask.phrase:
            return Or([Phrase("title", list(ask.words)), Phrase("body", list(ask.words))])
        return Or([Term(field, word) for word in ask.words for field in ("title", "body")])

    @staticmethod
    def _filter(ask: Ask, facets: Iterable[str]) -> Query | None:
        clauses = [Or([Term(facet, value) for value in ask.filters[facet]]) for facet in facets]
        return And(clauses) if clauses else None

    def answer(self, ask: Ask) -> Answer:
        text = self._text_query(ask)
        groups = {facet: FieldFacet(facet, allow_overlap=True) for facet in FACETS}
        sort = {} if ask.words else {"sortedby": "date", "reverse": True}
        facets = {}
        results = None
        for kept, counted in filter_sets(ask).items():
            found = self.searcher.search(text, filter=self._filter(ask, kept), limit=DEFAULT_PER_PAGE,
                                         groupedby={facet: groups[facet] for facet in counted}, **sort)
            for facet in counted:
                # Documents without a value are grouped under None: no value a reader could pick.
                facets[facet] = _top((str(value), len(docs)) for value, docs in found.groups(facet).items()
                                     if value is not None)
            if len(kept) == len(ask.filters):
                results = found
        if results is None:  # every facet has a selection: the hits obey all of them
            results = self.searcher.search(text, filter=self._filter(ask, ask.filters), limit=DEFAULT_PER_PAGE,
                                           **sort)
        hits = [(hit["id"], hit.highlights("body") if ask.words else hit.get("body", "")[:LEAD_CHARS])
                for hit in results]
        return Answer(len(results), hits, facets)


PEERS = {engine.name: engine for engine in (TantivyEngine, Fts5Engine, StockWhooshEngine)}


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
