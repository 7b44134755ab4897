"""Whoosh's segment writer for builds: documents analysed elsewhere, postings pooled per
term, field lengths read once per field at the flush.

The build's one writer process was its bottleneck (reading, analysis, Whoosh's per-posting
pooling and the flush; the two index workers only did language and entities), so:

- :func:`analyse_document` runs in the index workers: every indexed field through its own
  ``index()``, the rows Whoosh's ``add_document`` would pool; :meth:`BuildWriter.add_analysed`
  pools them and writes the stored values, lengths and columns as ``add_document`` does.
- The pool groups postings per term (``search.index.term_pool``) and the flush writes them a
  term and a block at a time (``search.index.flush``).
- When a segment is flushed, Whoosh writes every posting with the length of its field in
  that document (for the blocks' shortest and longest lengths), asking the per-document
  reader for it once per posting: for a field without lengths (ids, dates, entities) that
  is a file-existence check through ``os.path.abspath`` each time. The lengths are read
  once per field instead (``_LengthsReadOnce``).

The index written is the stock writer's to the byte (tests/test_index_writer.py compares
every file of the two, for documents added both ways).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from whoosh.fields import Schema
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from search.analysis.analyzer import indexed_positions
from search.index.flush import write_postings
from search.index.term_pool import TermPool

# One indexed field of one document, analysed: its length (the number of words it scores
# with, 0 for a field that is not scorable) and its postings rows (term bytes, weight,
# encoded value), as the field's own ``index()`` makes them.
Posting = tuple[bytes, float, bytes]
AnalysedField = tuple[int, list[Posting]]


def analyse_document(schema: Schema, document: Mapping[str, Any]) -> dict[str, AnalysedField]:
    """Every indexed field of ``document`` through the field's own ``index()``: the work
    :meth:`BuildWriter.add_analysed` leaves to the process that calls this (an index
    worker). Fields in name order, as Whoosh's writer analyses them, so the stemmer meets
    words in the same order as when the writer analysed them itself. A text field of
    Telusur's analyzer with positions is analysed without Whoosh's token stream
    (``_positions_rows``), to the same rows."""
    analysed: dict[str, AnalysedField] = {}
    for name in sorted(document):
        value = document[name]
        field = None if name.startswith("_") or value is None else schema[name]
        if field is None or not field.indexed:
            continue
        fast = _fast_analysis(field)
        if fast is not None and isinstance(value, str):
            analysed[name] = _positions_rows(fast(value))
            continue
        rows: list[Posting] = []
        length = 0
        for term, frequency, weight, encoded in field.index(value):
            # Whoosh's writer multiplies every weight by the field's boost (1.0 here: no
            # document carries boosts), which makes it a float; the blocks pickle it.
            rows.append((term, float(weight), encoded))
            length += frequency
        analysed[name] = (length if field.scorable else 0, rows)
    return analysed


# Each field's analysis without the token stream (None: through ``field.index()``), by the
# field object's id, kept with the field so the id stays its own.
_FAST: dict[int, tuple[Any, Callable[[str], dict[str, list[int]]] | None]] = {}


def _fast_analysis(field: Any) -> Callable[[str], dict[str, list[int]]] | None:
    """The positions of a text field's terms (``indexed_positions``) when ``field.index()``
    would give exactly their rows: the ``Positions`` format without a field boost, over
    Telusur's analyzer chain. None for any other field."""
    known = _FAST.get(id(field))
    if known is not None and known[0] is field:
        return known[1]
    format_ = field.format
    fast = (indexed_positions(field.analyzer)
            if type(format_) is Positions and format_.field_boost == 1.0 and field.scorable else None)
    _FAST[id(field)] = (field, fast)
    return fast


# A single position's encoded value, by position: most of an article's terms occur once.
_ONE_POSITION: dict[int, bytes] = {}
_ENCODE_POSITIONS = Positions().encode


def _positions_rows(positions: dict[str, list[int]]) -> AnalysedField:
    """The rows ``Positions.word_values`` and ``field.index()`` make of each term's
    positions (weight: the term's count as a float, value: the encoded positions), and the
    field's length (every position counted)."""
    rows: list[Posting] = []
    length = 0
    one = _ONE_POSITION
    for term, at in positions.items():
        count = len(at)
        length += count
        if count == 1:
            encoded = one.get(at[0])
            if encoded is None:
                encoded = one[at[0]] = _ENCODE_POSITIONS(at)
        else:
            encoded = _ENCODE_POSITIONS(at)
        rows.append((term.encode("utf-8"), float(count), encoded))
    return length, rows


class _LengthsReadOnce:
    """A per-document reader whose field lengths are read once per field, for the flush."""

    def __init__(self, reader: Any) -> None:  # the codec's PerDocumentReader
        self._reader = reader
        self._lengths: dict[str, list[Any]] = {}

    def field_lengths(self, fieldname: str) -> list[Any]:
        """Every document's length of ``fieldname`` (0 without a length column), read once."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            reader = self._reader
            documents = reader.doc_count_all()
            absent = object()
            if documents == 0 or reader.doc_field_length(0, fieldname, absent) is absent:
                lengths = [0] * documents  # no length column: the reader's default for every document
            else:
                lengths = [reader.doc_field_length(docnum, fieldname, 0) for docnum in range(documents)]
            self._lengths[fieldname] = lengths
        return lengths

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


class BuildWriter(SegmentWriter):
    """``SegmentWriter`` (what ``Index.writer()`` returns for one process) that takes analysed
    documents, pools postings per term and flushes them a term at a time."""

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(limitmb * 1024 * 1024, self._tempstorage.folder)
        unsupported = [name for name, field in self.schema.items() if field.vector or field.separate_spelling()]
        if unsupported:
            raise ValueError(f"BuildWriter writes neither term vectors nor spelling fields: {unsupported}")

    def add_analysed(self, document: Mapping[str, Any], analysed: Mapping[str, AnalysedField]) -> None:
        """Add ``document`` as ``add_document(**document)`` would, with its indexed fields
        already analysed (:func:`analyse_document`): the same postings, lengths, stored
        values and columns, without analysing anything in this process."""
        self._check_state()
        schema, perdoc, docnum = self.schema, self.perdocwriter, self.docnum
        pool_add = self.pool.add_postings
        perdoc.start_doc(docnum)
        try:
            for name in sorted(name for name in document if not name.startswith("_")):
                value = document[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    length, rows = analysed[name]
                    pool_add(name, docnum, rows)
                shown = document.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, shown if field.stored else None, length)
                if field.column_type and shown is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(shown))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def update_analysed(self, document: Mapping[str, Any], analysed: Mapping[str, AnalysedField]) -> None:
        """:meth:`add_analysed` after deleting the documents that share a unique field's value
        with ``document``, as ``update_document`` does."""
        for name in self._unique_fields(document):
            self.delete_by_term(name, document[name])
        self.add_analysed(document, analysed)

    def per_document_reader(self) -> Any:
        return _LengthsReadOnce(super().per_document_reader())

    def _flush_segment(self) -> None:
        """Whoosh's flush (close the per-document files, write every term's postings with
        the field lengths of its documents), term by term from the pool (``search.index.flush``)."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        write_postings(self.fieldwriter, self.schema, lengths, self.pool)
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()
