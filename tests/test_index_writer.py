"""The build writer writes the stock Whoosh writer's index, file for file and byte for byte.

``search.index.writer.BuildWriter`` answers the flush's field-length questions from one
read per field instead of one per posting. The reference is Whoosh's own
``SegmentWriter`` given the same documents (through ``documents.to_document``, as the
builder gives them): every file of the two indexes but the table of contents (which
names the random segment id and the time) must be identical, for a fresh build and for
an update that replaces and deletes articles and merges segments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from search.config import DEFAULT_STEMMER
from search.index.documents import content_hash, to_document
from search.index.schema import build_schema
from search.index.writer import BuildWriter
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


def _build(folder: Path, writer_class: type[SegmentWriter], rounds: list[list[Article]], deleted: list[str]) -> None:
    index = FileIndex.create(FileStorage(str(folder)), build_schema(DEFAULT_STEMMER), "MAIN")
    for number, articles in enumerate(rounds):
        writer = writer_class(index, limitmb=1, compound=False)
        for article in articles:
            document = to_document(article, content_hash(article))
            if number:
                writer.update_document(**document)
            else:
                writer.add_document(**document)
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
