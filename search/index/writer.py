"""Whoosh's segment writer, with the documents' field lengths read once per field at flush.

When a segment is flushed, Whoosh writes every posting with the length of its field in
that document (for the blocks' shortest and longest lengths), asking the per-document
reader for it once per posting: for a field without lengths (ids, dates, entities) that
is a file-existence check through ``os.path.abspath`` each time, for one with lengths a
read of the length column. On CLICK-ID that is one call per posting (about 170 per
article) and a third of the flush, which runs on one core after every article is added.
:class:`BuildWriter` answers the same question from one read per field: the same values
from the same reader, so the index written is the stock writer's to the byte
(tests/test_index_writer.py compares every file of the two).
"""

from __future__ import annotations

from typing import Any

from whoosh.writing import SegmentWriter


class _LengthsReadOnce:
    """A per-document reader whose ``doc_field_length`` reads each field's lengths once."""

    def __init__(self, reader: Any) -> None:  # the codec's PerDocumentReader
        self._reader = reader
        self._lengths: dict[tuple[str, Any], list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: Any = 0) -> Any:
        lengths = self._lengths.get((fieldname, default))
        if lengths is None:
            lengths = self._lengths[(fieldname, default)] = self._read(fieldname, default)
        return lengths[docnum]

    def _read(self, fieldname: str, default: Any) -> list[Any]:
        reader = self._reader
        documents = reader.doc_count_all()
        absent = object()
        if documents == 0 or reader.doc_field_length(0, fieldname, absent) is absent:
            return [default] * documents  # no length column: the reader's default for every document
        return [reader.doc_field_length(docnum, fieldname, default) for docnum in range(documents)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


class BuildWriter(SegmentWriter):
    """``SegmentWriter`` (what ``Index.writer()`` returns for one process) whose flush
    reads field lengths once per field."""

    def per_document_reader(self) -> Any:
        return _LengthsReadOnce(super().per_document_reader())
