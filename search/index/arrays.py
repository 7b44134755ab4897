"""Arrays saved with a generation: what serving needs of every document, read once at build time.

A serving process needs, per document, whether it is live, its date, the length of its
title and body (BM25's norms), its facet values and its story (the copies of one story,
``search.index.stories``), and the index's words with their article counts (completions,
typo tolerance). Reading them from Whoosh means a pass over every facet posting, every
field length, every story fingerprint and the whole term index: seconds at 110k
articles, and every page of the index file touched into the process's memory. The
folder also holds the entity alias table of query lookup (``search.entities.saved_aliases``:
read only by a process of the same code and lists), which a new process would otherwise
build the whole gazetteer for. The
builder writes them next to the Whoosh files instead (``save_arrays``), in a folder
named after the Whoosh commit they describe, as plain ``.npy`` files a server maps
(``numpy.load(mmap_mode="r")``): opening is then reading a few headers, and the kernel
shares the pages between a server's processes.

A generation without arrays for its latest commit (built by an older Telusur, or changed
outside ``telusur index``, e.g. merged by Whoosh directly) still opens: the arrays are
computed from the reader then, as they always were (``arrays_for``). A folder of the
first format (before stories were saved) is read, its stories computed at open.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.index import Index
from whoosh.reading import IndexReader, TermInfo

from search.analysis.analyzer import EXACT_MARK
from search.entities.lookup import alias_table
from search.entities.saved_aliases import ALIASES_NAME, write_aliases
from search.facet_table import FACET_OF, FACETS, FacetKind
from search.index.schema import BODY, DATE, TITLE, UNDATED
from search.index.stories import read_stories

log = logging.getLogger(__name__)

ARRAYS_PREFIX = "arrays-"
MANIFEST_NAME = "manifest.json"
# Bumped whenever what is saved, or how, changes: older folders are then computed afresh,
# but for the first format, which lacks only the stories and the alias table (2: both added).
ARRAYS_FORMAT = 2
_FORMAT_WITHOUT_STORIES = 1
# The fields whose lengths (BM25 norms) and words (the vocabulary) are saved.
WORD_FIELDS = (TITLE, BODY)
# Facets read from the field of their own name (the year is derived from the date).
FIELD_FACETS = tuple(facet for facet in FACETS if FACET_OF[facet].kind is not FacetKind.YEAR)


@dataclass(frozen=True)
class FacetPairs:
    """One facet of the live documents: its distinct values in code point order, and one
    (document, value id) pair per occurrence, grouped by value (``pair_value`` ascending)."""

    values: list[str]
    pair_doc: np.ndarray
    pair_value: np.ndarray


@dataclass(frozen=True)
class IndexArrays:
    """Everything saved for one Whoosh commit; document numbers are the reader's global ones."""

    live: np.ndarray
    dates: np.ndarray
    lengths: dict[str, np.ndarray]
    facets: dict[str, FacetPairs]
    words: list[str]
    word_counts: np.ndarray
    # Per document the least document number of its story, -1 for none (``search.index.stories``).
    stories: np.ndarray


def fingerprint(reader: IndexReader) -> str:
    """What names one Whoosh commit: its generation number and document counts."""
    return f"{reader.generation()}:{reader.doc_count_all()}:{reader.doc_count()}"


def compute_arrays(reader: IndexReader) -> IndexArrays:
    """Read every saved array from the reader: one pass per facet field, the field lengths
    and the term index of the text fields."""
    live, dates = read_live(reader), read_dates(reader)
    words, counts = _written_words(reader)
    return IndexArrays(live, dates, {field: field_lengths(reader, field) for field in WORD_FIELDS},
                       {facet: read_facet_pairs(reader, facet, live) for facet in FIELD_FACETS}, words, counts,
                       read_stories(reader, dates, live))


def save_arrays(ix: Index, generation: Path) -> Path:
    """Write the arrays of the index's latest commit into ``generation`` and drop those of
    older commits (a server still mapping them keeps its files until it lets go). The
    folder appears whole or not at all: it is filled under a temporary name and renamed."""
    started = time.perf_counter()
    with ix.reader() as reader:
        target = generation / f"{ARRAYS_PREFIX}{reader.generation()}"
        if not _manifest_matches(target, reader):
            staging = generation / f".{target.name}.{os.getpid()}.tmp"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            write_aliases(staging / ALIASES_NAME, alias_table())
            _write(staging, compute_arrays(reader), fingerprint(reader))
            shutil.rmtree(target, ignore_errors=True)
            os.replace(staging, target)
    for stale in generation.glob(f"{ARRAYS_PREFIX}*"):
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    log.info("saved the arrays of %s in %.2f s", target, time.perf_counter() - started)
    return target


def load_arrays(generation: Path, reader: IndexReader) -> IndexArrays | None:
    """The saved arrays of the reader's commit, mapped read-only; None when there are none."""
    folder = generation / f"{ARRAYS_PREFIX}{reader.generation()}"
    saved_format = _saved_format(folder, reader)
    if saved_format is None:
        return None

    def mapped(name: str) -> np.ndarray:
        return np.load(folder / f"{name}.npy", mmap_mode="r")

    live, dates = mapped("live"), mapped("dates")
    if saved_format == _FORMAT_WITHOUT_STORIES:
        started = time.perf_counter()
        stories = read_stories(reader, dates, live)
        log.info("arrays of %s saved without stories: computed them in %.2f s; `telusur index` saves them",
                 folder, time.perf_counter() - started)
    else:
        stories = mapped("stories")
    facets = {facet: FacetPairs(_strings(mapped(f"facet.{facet}.text"), mapped(f"facet.{facet}.ends")),
                                mapped(f"facet.{facet}.doc"), mapped(f"facet.{facet}.value"))
              for facet in FIELD_FACETS}
    return IndexArrays(live, dates, {field: mapped(f"length.{field}") for field in WORD_FIELDS},
                       facets, _strings(mapped("words.text"), mapped("words.ends")), mapped("words.count"), stories)


def saved_aliases_path(generation: Path, reader: IndexReader) -> Path:
    """Where the alias table saved with the reader's commit is (``search.entities.saved_aliases``)."""
    return generation / f"{ARRAYS_PREFIX}{reader.generation()}" / ALIASES_NAME


def arrays_for(generation: Path, reader: IndexReader) -> IndexArrays:
    """The saved arrays of the reader's commit, or, without them, the same computed now."""
    saved = load_arrays(generation, reader)
    if saved is not None:
        return saved
    started = time.perf_counter()
    computed = compute_arrays(reader)
    log.info("no saved arrays for %s (commit %s): computed them in %.2f s; `telusur index` saves them",
             generation, reader.generation(), time.perf_counter() - started)
    return computed


def _manifest_matches(folder: Path, reader: IndexReader) -> bool:
    return _saved_format(folder, reader) == ARRAYS_FORMAT


def _saved_format(folder: Path, reader: IndexReader) -> int | None:
    """The format of the folder's arrays when they describe the reader's commit and can be read."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("fingerprint") != fingerprint(reader):
        return None
    saved_format = manifest.get("format")
    return saved_format if saved_format in (_FORMAT_WITHOUT_STORIES, ARRAYS_FORMAT) else None


def _write(folder: Path, arrays: IndexArrays, commit: str) -> None:
    named = {"live": arrays.live, "dates": arrays.dates, "words.count": arrays.word_counts, "stories": arrays.stories,
             **{f"length.{field}": lengths for field, lengths in arrays.lengths.items()}}
    named.update(zip(("words.text", "words.ends"), _packed(arrays.words), strict=True))
    for facet, pairs in arrays.facets.items():
        named[f"facet.{facet}.doc"] = pairs.pair_doc
        named[f"facet.{facet}.value"] = pairs.pair_value
        named.update(zip((f"facet.{facet}.text", f"facet.{facet}.ends"), _packed(pairs.values), strict=True))
    for name, values in named.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(values))
    # The manifest last: a folder without one is never read.
    (folder / MANIFEST_NAME).write_text(json.dumps({"format": ARRAYS_FORMAT, "fingerprint": commit}), encoding="utf-8")


def _packed(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-32 code array and each string's end in it: read back with one
    decode and slices, without pickles."""
    ends = np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
    codes = np.frombuffer("".join(strings).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return codes, ends


def _strings(codes: np.ndarray, ends: np.ndarray) -> list[str]:
    text = np.asarray(codes).tobytes().decode("utf-32-le", "surrogatepass")
    bounds = [0, *np.asarray(ends).tolist()]
    return [text[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def read_live(reader: IndexReader) -> np.ndarray:
    """False for deleted documents; segments without deletions are filled without a per-document loop."""
    live = np.zeros(reader.doc_count_all(), dtype=bool)
    for segment, offset in reader.leaf_readers():
        if segment.has_deletions():
            live[offset + np.fromiter(segment.all_doc_ids(), dtype=np.int64)] = True
        else:
            live[offset:offset + segment.doc_count_all()] = True
    return live


def read_dates(reader: IndexReader) -> np.ndarray:
    """yyyymmdd per document from the sortable column, ``UNDATED`` where a segment has none."""
    dates = np.full(reader.doc_count_all(), UNDATED, dtype=np.uint32)
    for segment, offset in reader.leaf_readers():
        if segment.has_column(DATE):
            size = segment.doc_count_all()
            dates[offset:offset + size] = np.fromiter(segment.column_reader(DATE), dtype=np.uint32, count=size)
    return dates


def field_lengths(reader: IndexReader, field: str) -> np.ndarray:
    """Each document's length of ``field`` as Whoosh stores it (one byte, so approximate), which BM25 reads."""
    lengths = np.zeros(reader.doc_count_all(), dtype=np.uint32)
    for segment, offset in reader.leaf_readers():
        count = segment.doc_count_all()
        lengths[offset:offset + count] = [segment.doc_field_length(docnum, field, 0) or 0 for docnum in range(count)]
    return lengths


def _written_words(reader: IndexReader) -> tuple[list[str], np.ndarray]:
    """Every alphabetic word of titles and bodies as written, in code point order, with the
    most documents it is in (deleted ones included) in either field: the one read of the
    term index for the vocabulary."""
    counts: dict[str, int] = {}
    for field in WORD_FIELDS:
        decode = reader.schema[field].from_bytes
        for term, info in reader.iter_field(field):
            word = decode(term).removeprefix(EXACT_MARK)
            if word.isalpha():
                counts[word] = max(counts.get(word, 0), info.doc_frequency())
    words = sorted(counts)
    return words, np.fromiter((counts[word] for word in words), dtype=np.int32, count=len(words))


def read_facet_pairs(reader: IndexReader, field: str, live: np.ndarray) -> FacetPairs:
    """A keyword or ID field as a facet: its indexed terms are the values."""
    values: dict[str, int] = {}
    pair_docs: list[np.ndarray] = []
    pair_values: list[np.ndarray] = []
    for segment, offset in reader.leaf_readers():
        decode = segment.schema[field].from_bytes
        docs = array("q")
        term_ids = []
        term_sizes = []
        for term, info in segment.iter_field(field):
            before = len(docs)
            docs.extend(_term_documents(segment, field, term, info))
            term_ids.append(values.setdefault(decode(term), len(values)))
            term_sizes.append(len(docs) - before)
        pair_docs.append(np.frombuffer(docs, dtype=np.int64) + offset)
        pair_values.append(np.repeat(np.asarray(term_ids, dtype=np.int64), term_sizes))
    if not pair_docs:
        return live_pairs([], np.empty(0, np.int64), np.empty(0, np.int64), live)
    return live_pairs(list(values), np.concatenate(pair_docs), np.concatenate(pair_values), live)


def _term_documents(segment: IndexReader, field: str, term: bytes, info: TermInfo) -> Iterable[int]:
    """Most entity names occur in one or two articles, and then the term info, which
    names the first and last document, is all there is to read: walking postings
    costs far more per term than per document."""
    frequency = info.doc_frequency()
    if frequency == 1:
        return (info.min_id(),)
    if frequency == 2:
        return info.min_id(), info.max_id()
    return segment.postings(field, term).all_ids()


def live_pairs(values: Sequence[str], pair_doc: np.ndarray, pair_value: np.ndarray, live: np.ndarray) -> FacetPairs:
    """The pairs of the live documents only, values in code point order without those no
    live document carries, grouped by value; 32-bit ids (half the memory of numpy's default)."""
    kept = live[pair_doc]
    pair_doc, pair_value = pair_doc[kept], pair_value[kept]
    order = np.asarray(sorted(range(len(values)), key=values.__getitem__), dtype=np.int64)
    carried = np.bincount(pair_value, minlength=len(values))[order] > 0
    new_id = np.full(len(values), -1, dtype=np.int64)
    new_id[order[carried]] = np.arange(int(carried.sum()))
    pair_value = new_id[pair_value]
    grouped = np.argsort(pair_value, kind="stable")
    return FacetPairs([values[value_id] for value_id in order[carried]],
                      pair_doc[grouped].astype(np.int32), pair_value[grouped].astype(np.int32))
