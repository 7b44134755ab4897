"""Build or update the index from sources: the engine behind ``telusur index``.

Incremental by default: an article is re-indexed only when its content hash changed,
and articles whose source (within the paths given) disappeared are removed. A
rebuild, or the very first build, fills a fresh generation and publishes it
atomically, so readers never see a partial index.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import logging
import multiprocessing
import shutil
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

import whoosh.index
from whoosh.fields import Schema
from whoosh.index import Index

from search.analysis.analyzer import shared_stemmer
from search.analysis.stem_memory import RememberingStemmer
from search.config import INDEX_WORKERS
from search.index.arrays import save_arrays
from search.index.documents import WHOLE_FILE, content_hash, to_document
from search.index.lock import write_lock
from search.index.schema import build_schema, missing_fields
from search.index.store import (
    IndexOutdatedError,
    current_generation,
    new_generation,
    open_generation,
    publish,
    read_metadata,
    remove_stale_generations,
    stems_path,
    write_metadata,
)
from search.index.writer import AnalysedField, BuildWriter, analyse_document
from search.ingest import Article, IngestProblem
from search.ingest.discovery import display_path
from search.ingest.limits import DEFAULT_LIMIT, ArticleLimit
from search.ingest.readers import ReadResult, UnparsedRecord, read_unparsed_sources

log = logging.getLogger(__name__)

# Whoosh buffers this much posting data in memory before flushing a segment.
_WRITER_LIMIT_MB = 256
# Articles handed to the worker processes at a time, and per worker message.
_BATCH_SIZE = 256
_CHUNK_SIZE = 16
# Batches in the workers' hands while this process writes: Whoosh's writer stops for
# seconds when it sorts and spills a run of postings (every ~8,000 CLICK-ID articles at
# 256 MB), and with one batch ahead the workers sat idle for all but the first 256.
# Four are ~1,000 articles, a few MB.
_BATCHES_AHEAD = 4
# prctl option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


@dataclass
class IndexReport:
    """What an index run did, for the summary line and ``--json``."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    rebuilt: bool = False
    problems: list[IngestProblem] = field(default_factory=list)
    notes: list[IngestProblem] = field(default_factory=list)
    leftovers_removed: list[str] = field(default_factory=list)
    interrupted_run: int | None = None

    @property
    def processed(self) -> int:
        return self.added + self.updated + self.unchanged + self.failed

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 1),
            "rebuilt": self.rebuilt,
            "problems": [_located(problem) for problem in self.problems],
            "notes": [_located(note) for note in self.notes],
            "leftovers_removed": self.leftovers_removed,
            "interrupted_run": self.interrupted_run,
        }


def _located(problem: IngestProblem) -> dict[str, object]:
    return {"path": problem.origin, "line": problem.line, "reason": problem.reason}


@dataclass(frozen=True)
class _Indexed:
    """What the index already knows about one article, to decide skip, update or remove."""

    digest: str
    origin: str
    line: int


ProgressCallback = Callable[[IndexReport], None]


def build_index(
    root: Path,
    paths: Sequence[Path],
    *,
    stemmer: str,
    rebuild: bool = False,
    on_progress: ProgressCallback | None = None,
    workers: int = INDEX_WORKERS,
    follow_links: bool = False,
    limit: ArticleLimit = DEFAULT_LIMIT,
) -> IndexReport:
    """Index ``paths`` into the index at ``root``; raises ``SourceError`` for a missing path
    and ``IndexBusyError`` when another run holds the index. A body longer than ``limit``
    is indexed up to a paragraph end within it, with a note in the report.

    Whatever a killed run left behind (a half-built generation) is removed first, by
    every kind of run, and the report says so."""
    started = time.perf_counter()
    sources = [path.resolve() for path in paths]
    report = IndexReport()
    with write_lock(root) as interrupted:
        report.interrupted_run = interrupted
        report.leftovers_removed = [path.name for path in remove_stale_generations(root)]
        live = current_generation(root)
        fresh = report.rebuilt = rebuild or live is None or _schema_outdated(live)
        if live is not None and not rebuild:
            stemmer = read_metadata(live)["stemmer"]  # only --rebuild changes an index's analysis
        memory = shared_stemmer(stemmer)  # an unavailable stemmer fails here, before anything is written
        if fresh:
            target = new_generation(root)
            ix = whoosh.index.create_in(str(target), build_schema(stemmer))
            write_metadata(target, {"stemmer": stemmer})
        else:
            assert live is not None  # not fresh: there is a live generation to update
            target = live
            ix = open_generation(live)
        if live is not None and read_metadata(live)["stemmer"] == stemmer:
            memory.load(stems_path(live))  # another stemmer's table would teach this one wrong stems
        try:
            _write(ix, read_unparsed_sources(sources, follow_links=follow_links, limit=limit), _known_articles(ix), sources,
                   report, on_progress, workers, stemmer)
            memory.save(stems_path(target))
            save_arrays(ix, target)
        except BaseException:
            if fresh:
                shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            ix.close()
        if fresh:
            publish(root, target)
    report.seconds = time.perf_counter() - started
    return report


def _schema_outdated(generation: Path) -> bool:
    """Whether the live index lacks a field this version writes, or cannot be loaded by
    this version at all: then only a rebuild can bring it up to date."""
    try:
        ix = open_generation(generation)
    except IndexOutdatedError:
        return True
    try:
        return bool(missing_fields(ix.schema))
    finally:
        ix.close()


def _known_articles(ix: Index) -> dict[str, _Indexed]:
    """Read id, hash and origin from column storage: no stored bodies are unpickled."""
    with ix.reader() as reader:
        if reader.doc_count_all() == 0:
            return {}
        columns = [reader.column_reader(name) for name in ("id", "content_hash", "origin", "line")]
        return {
            ids[docnum]: _Indexed(digests[docnum], origins[docnum], lines[docnum])
            for ids, digests, origins, lines in [columns]
            for docnum in reader.all_doc_ids()
        }


def _write(
    ix: Index,
    items: Iterable[ReadResult | UnparsedRecord],
    known: dict[str, _Indexed],
    sources: Sequence[Path],
    report: IndexReport,
    on_progress: ProgressCallback | None,
    workers: int,
    stemmer: str,
) -> None:
    failed_lines: dict[str, set[int]] = {}
    seen: dict[str, str] = {}
    memory = shared_stemmer(stemmer)
    with BuildWriter(ix, limitmb=_WRITER_LIMIT_MB) as writer, \
            _document_maker(workers, _WorkerState(ix.schema, memory, known)) as make_documents:
        for prepared in make_documents(items):
            if prepared is None:
                continue
            if isinstance(prepared, IngestProblem):
                _record_problem(report, prepared)
                failed_lines.setdefault(prepared.origin, set()).add(prepared.line or WHOLE_FILE)
                continue
            # a duplicate's stems too: its worker remembers them and will not send them again
            memory.learn(prepared.stems)
            if not _first_with_id(prepared, report, seen):
                continue
            if prepared.document is None:
                report.unchanged += 1
                continue
            if prepared.replaces:
                writer.update_analysed(prepared.document, prepared.analysed)
                report.updated += 1
            else:
                writer.add_analysed(prepared.document, prepared.analysed)
                report.added += 1
            if on_progress is not None:
                on_progress(report)
        for article_id, indexed in known.items():
            if article_id in seen or _failed_this_time(indexed, failed_lines):
                continue
            if _within(indexed.origin, sources):
                writer.delete_by_term("id", article_id)
                report.removed += 1


def _first_with_id(prepared: _Prepared, report: IndexReport, seen: dict[str, str]) -> bool:
    """Whether ``prepared`` is the first article with its id this run (a later one is
    reported and left out); its notes go into the report."""
    place = prepared.origin if prepared.line is None else f"{prepared.origin}:{prepared.line}"
    if prepared.article_id in seen:
        _record_problem(report, IngestProblem(
            prepared.origin, prepared.line,
            f"duplicate id {prepared.article_id!r}, already read from {seen[prepared.article_id]}"))
        return False
    seen[prepared.article_id] = place
    report.notes.extend(IngestProblem(prepared.origin, prepared.line, note) for note in prepared.notes)
    return True


@dataclass(frozen=True)
class _WorkerState:
    """What a worker prepares articles with: the index's schema, the stemmer's memory whose
    new words go back to the writer (which saves the table), and what the index already
    holds (to leave unchanged articles alone)."""

    schema: Schema
    memory: RememberingStemmer
    known: dict[str, _Indexed]


@dataclass(frozen=True)
class _Prepared:
    """An article made ready in a worker: where it came from, its fields (None when the
    index already holds it unchanged), their postings, and the stems its analysis learned
    (:meth:`RememberingStemmer.learned_since`)."""

    article_id: str
    origin: str
    line: int | None
    notes: tuple[str, ...]
    replaces: bool
    document: dict[str, Any] | None
    analysed: dict[str, AnalysedField]
    stems: list[tuple[str, str]]


# The state of this worker process (set once when the worker starts).
_worker_state: list[_WorkerState] = []


def _prepare(item: ReadResult | UnparsedRecord) -> _Prepared | IngestProblem | None:
    """The expensive, per-article part (parsing and cleaning a record, language, entities,
    analysis of every indexed field): runs in worker processes, so the writer only pools
    postings. None for a blank line."""
    state = _worker_state[0]
    article = item.parse() if isinstance(item, UnparsedRecord) else item
    if not isinstance(article, Article):
        return article
    digest = content_hash(article)
    indexed = state.known.get(article.id)
    prepared = functools.partial(_Prepared, article.id, article.origin, article.line, article.notes,
                                 indexed is not None)
    if indexed is not None and (indexed.digest, indexed.origin, indexed.line) == (
            digest, article.origin, article.line or WHOLE_FILE):
        return prepared(None, {}, [])
    document = to_document(article, digest)
    known = len(state.memory)
    analysed = analyse_document(state.schema, document)
    return prepared(document, analysed, state.memory.learned_since(known))


def _start_worker(state: _WorkerState) -> None:
    _worker_state[:] = [state]
    _die_with_parent()


@contextmanager
def _document_maker(workers: int, state: _WorkerState) -> Iterator[Callable[[Iterable[ReadResult | UnparsedRecord]],
                                                                            Iterator[_Prepared | IngestProblem | None]]]:
    """Prepare documents in ``workers`` processes while this one feeds Whoosh.

    Batches are submitted up to ``_BATCHES_AHEAD`` ahead of the one being written, so
    both sides stay busy and memory stays bounded however large the corpus.
    """
    if workers < 1:
        _worker_state[:] = [state]
        yield lambda items: map(_prepare, items)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(state,)) as pool:
        def make(items: Iterable[ReadResult | UnparsedRecord]) -> Iterator[_Prepared | IngestProblem | None]:
            pending: deque[AsyncResult[list[_Prepared | IngestProblem | None]]] = deque()
            tasks = iter(items)
            while batch := list(itertools.islice(tasks, _BATCH_SIZE)):
                pending.append(pool.map_async(_prepare, batch, chunksize=_CHUNK_SIZE))
                if len(pending) > _BATCHES_AHEAD:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()

        yield make


def _failed_this_time(indexed: _Indexed, failed_lines: dict[str, set[int]]) -> bool:
    """A source that could not be read this time keeps its old articles: reporting must not delete."""
    lines = failed_lines.get(indexed.origin)
    return lines is not None and (indexed.line == WHOLE_FILE or indexed.line in lines)


def _die_with_parent() -> None:
    """Ask Linux to end a worker when the indexer dies, even by SIGKILL: orphans would
    otherwise wait on their task queue forever."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _record_problem(report: IndexReport, problem: IngestProblem) -> None:
    log.info("skipped %s", problem)
    report.failed += 1
    report.problems.append(problem)


def _within(origin: str, sources: Sequence[Path]) -> bool:
    """Whether an indexed article came from one of the paths this run was asked to index."""
    path = Path(origin)
    named = [Path(display_path(source)) for source in sources]
    return any(path == source or source in path.parents for source in named)
