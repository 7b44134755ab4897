"""The build writer writes the stock Whoosh writer's index, file for file and byte for byte.

``search.index.writer.BuildWriter`` pools postings per term (``search.index.term_pool``),
writes them a block at a time, answers the flush's field-length questions from one read
per field, and takes documents already analysed in a worker (``analyse_document`` and
``add_analysed``). The reference is Whoosh's own ``SegmentWriter`` given the same documents
(through ``documents.to_document``, as the builder gives them): every file of the two
indexes but the table of contents (which names the random segment id and the time) must
be identical, for a fresh build and for an update that replaces and deletes articles and
merges segments, whether the pool spills runs to disk or not. The stems table a build
saves must not depend on how many workers analysed the documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from search.analysis.stem_memory import RememberingStemmer
from search.analysis.stemmers import get_stemmer
from search.config import DEFAULT_STEMMER
from search.index.documents import content_hash, to_document
from search.index.schema import build_schema
from search.index.store import current_generation, stems_path
from search.index.writer import BuildWriter, analyse_document
from search.ingest.model import Article
from tests.indonesian_text import news_text

_articles = st.lists(
    st.builds(
        lambda number, title, body, derived, day, source: Article(
            id=f"a{number}", title=title.text.split("\n")[0], body=body.text, origin="sumber.jsonl", line=number + 1,
            date=day, source=source, title_derived=derived),
        st.integers(0, 30), news_text(max_paragraphs=1), news_text(), st.booleans(),
        st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.none() | st.sampled_from(["Kompas", "Tempo"])),
    min_size=1, max_size=12, unique_by=lambda article: article.id)


def _add_stock(writer: SegmentWriter, document: dict[str, object], replaces: bool) -> None:
    (writer.update_document if replaces else writer.add_document)(**document)


def _add_analysed(writer: SegmentWriter, document: dict[str, object], replaces: bool) -> None:
    assert isinstance(writer, BuildWriter)
    analysed = analyse_document(writer.schema, document)
    (writer.update_analysed if replaces else writer.add_analysed)(document, analysed)


def _build(folder: Path, writer_class: type[SegmentWriter], rounds: list[list[Article]], deleted: list[str],
           add: Callable[[SegmentWriter, dict[str, object], bool], None] = _add_stock, limitmb: int = 1) -> None:
    index = FileIndex.create(FileStorage(str(folder)), build_schema(DEFAULT_STEMMER), "MAIN")
    for number, articles in enumerate(rounds):
        writer = writer_class(index, limitmb=limitmb, compound=False)
        for article in articles:
            add(writer, to_document(article, content_hash(article)), bool(number))
        if number:
            for article_id in deleted:
                writer.delete_by_term("id", article_id)
        writer.commit()


def _files(folder: Path) -> dict[str, str]:
    """Digest of every file of every segment, named by the segment's place in the index and
    the file's kind (not the segment's random id); the table of contents, and the files of
    segments merged away that Whoosh leaves behind, left out."""
    index = FileIndex(FileStorage(str(folder)), indexname="MAIN")
    with index.reader() as reader:
        places = {leaf.segment().segment_id(): place for place, (leaf, _) in enumerate(reader.leaf_readers())}
    return {f"{places[segment]}.{kind}": hashlib.sha1(path.read_bytes()).hexdigest()
            for path in folder.iterdir() if path.name.startswith("MAIN_") and "." in path.name
            for segment, kind in [path.name.split(".", 1)] if segment in places}


@settings(max_examples=12, deadline=None)
@given(_articles, _articles, st.lists(st.sampled_from([f"a{number}" for number in range(31)]), max_size=4))
def test_same_files_as_the_stock_writer(first: list[Article], second: list[Article], deleted: list[str]) -> None:
    with TemporaryDirectory() as stock_name, TemporaryDirectory() as ours_name:
        stock, ours = Path(stock_name), Path(ours_name)
        _build(stock, SegmentWriter, [first, second], deleted)
        _build(ours, BuildWriter, [first, second], deleted)
        assert _files(ours) == _files(stock)
        assert len(_files(stock)) >= 5  # postings, terms, stored fields, lengths, columns


@settings(max_examples=12, deadline=None)
@given(_articles, _articles, st.lists(st.sampled_from([f"a{number}" for number in range(31)]), max_size=4),
       st.booleans())
def test_documents_analysed_elsewhere_give_the_same_files(
        first: list[Article], second: list[Article], deleted: list[str], spill: bool) -> None:
    """The workers' path: analysed by ``analyse_document``, added by ``add_analysed`` (with a
    memory limit of 0 the pool spills a run after every document)."""
    with TemporaryDirectory() as stock_name, TemporaryDirectory() as ours_name:
        stock, ours = Path(stock_name), Path(ours_name)
        _build(stock, SegmentWriter, [first, second], deleted)
        _build(ours, BuildWriter, [first, second], deleted, add=_add_analysed, limitmb=0 if spill else 1)
        assert _files(ours) == _files(stock)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(
    ["makanan", "dimakan", "pemakan", "berlari", "pelari", "Jakarta", "rumah", "perumahan", "kesehatan",
     "menyehatkan", "sehat", "pembangunan", "dibangun"]), max_size=8), max_size=12), st.lists(st.booleans(), max_size=12))
def test_stems_learned_by_workers_are_saved_in_one_process_order(
        documents: list[list[str]], worker_of: list[bool]) -> None:
    """Each worker stems with its own memory; the writer learns each document's new stems in
    document order, which must give the table one process stemming everything would save."""
    stemmer = get_stemmer(DEFAULT_STEMMER)
    alone, writer = RememberingStemmer(stemmer), RememberingStemmer(stemmer)
    workers = [RememberingStemmer(stemmer), RememberingStemmer(stemmer)]
    for number, words in enumerate(documents):
        for word in words:
            alone.stem(word)
        worker = workers[int(worker_of[number]) if number < len(worker_of) else 0]
        known = len(worker)
        for word in words:
            worker.stem(word)
        writer.learn(worker.learned_since(known))
    with TemporaryDirectory() as folder:
        alone.save(Path(folder) / "alone.tsv")
        writer.save(Path(folder) / "writer.tsv")
        assert (Path(folder) / "writer.tsv").read_text() == (Path(folder) / "alone.tsv").read_text()


def test_two_workers_build_what_one_process_builds(tmp_path: Path) -> None:
    """The product path end to end: ``build_index`` with two worker processes and without any
    writes the same segment files and the same stems table, duplicate ids included."""
    words = [f"{prefix}{root}{suffix}" for root in ("bangun", "sehat", "makan", "lari", "rumah", "tulis", "jual")
             for prefix, suffix in (("pem", "an"), ("me", "kan"), ("di", ""), ("ber", "an"), ("ke", "an"))]
    # each article brings words first met there, so the two workers learn different ones
    articles = [{"id": f"b{number}", "title": f"Berita {number} dari Jakarta",
                 "content": " ".join(words[(number * step) % len(words)] for step in (1, 3, 7)) + " warga kota."}
                for number in range(48)]
    # a second article with an id already read, with words no other article has: reported, not
    # indexed, and its stems still in the table whoever analysed it
    articles.insert(20, {**articles[3], "content": "Penjualan menuliskan pembangunannya."})
    source = tmp_path / "berita.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in articles), encoding="utf-8")
    tables = []
    for workers in (0, 2):  # each in a process of its own: the stemmer's memory lives as long as one
        root = tmp_path / f"index-{workers}"
        run = subprocess.run(
            [sys.executable, "-c", "import json, sys; from pathlib import Path; from search.index.builder import build_index;"
             " report = build_index(Path(sys.argv[1]), [Path(sys.argv[2])], stemmer=sys.argv[3], workers=int(sys.argv[4]));"
             " print(json.dumps([report.added, report.failed]))", str(root), str(source), DEFAULT_STEMMER, str(workers)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
        assert json.loads(run.stdout) == [48, 1]
        generation = current_generation(root)
        assert generation is not None
        tables.append((stems_path(generation).read_text(encoding="utf-8"), _segment_files(generation)))
    assert tables[0] == tables[1]
    assert "pembangunannya\tbangun" in tables[0][0]  # learned from the duplicate alone


def _segment_files(generation: Path) -> dict[str, str]:
    index = FileIndex(FileStorage(str(generation)), indexname="MAIN")
    with index.reader() as reader:
        (leaf, _), = reader.leaf_readers()
        compound = leaf.segment().open_compound_file(index.storage)
        return {name.split(".", 1)[1]: hashlib.sha1(compound.open_file(name).read()).hexdigest()
                for name in compound.list()}
