"""Build or update the index from sources: the engine behind ``telusur index``.

Incremental by default: an article is re-indexed only when its content hash changed,
and articles whose source (within the paths given) disappeared are removed. A
rebuild, or the very first build, fills a fresh generation and publishes it
atomically, so readers never see a partial index.
"""

from __future__ import annotations

import ctypes
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
from search.index.schema import build_schema
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
from search.ingest import Article, IngestProblem, read_sources
from search.ingest.discovery import display_path
from search.ingest.limits import DEFAULT_LIMIT, ArticleLimit

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
            _write(ix, read_sources(sources, follow_links=follow_links, limit=limit), _known_articles(ix), sources,
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
        return bool(set(build_schema(read_metadata(generation)["stemmer"]).names()) - set(ix.schema.names()))
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


@dataclass(frozen=True)
class _Task:
    """An article that needs (re)indexing; ``replaces`` when an older version is in the index."""

    article: Article
    digest: str
    replaces: bool


def _write(
    ix: Index,
    items: Iterable[Article | IngestProblem],
    known: dict[str, _Indexed],
    sources: Sequence[Path],
    report: IndexReport,
    on_progress: ProgressCallback | None,
    workers: int,
    stemmer: str,
) -> None:
    failed_lines: dict[str, set[int]] = {}
    seen: dict[str, str] = {}
    tasks = _plan(items, known, report, seen, failed_lines)
    memory = shared_stemmer(stemmer)
    with BuildWriter(ix, limitmb=_WRITER_LIMIT_MB) as writer, \
            _document_maker(workers, _Analysis(ix.schema, memory)) as make_documents:
        for prepared in make_documents(tasks):
            memory.learn(prepared.stems)
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


def _plan(
    items: Iterable[Article | IngestProblem],
    known: dict[str, _Indexed],
    report: IndexReport,
    seen: dict[str, str],
    failed_lines: dict[str, set[int]],
) -> Iterator[_Task]:
    """Decide per item: report a problem, skip it unchanged, or hand it on for indexing."""
    for item in items:
        if isinstance(item, IngestProblem):
            _record_problem(report, item)
            failed_lines.setdefault(item.origin, set()).add(item.line or WHOLE_FILE)
            continue
        if item.id in seen:
            _record_problem(report, IngestProblem(
                item.origin, item.line, f"duplicate id {item.id!r}, already read from {seen[item.id]}"))
            continue
        seen[item.id] = _place(item)
        report.notes.extend(IngestProblem(item.origin, item.line, note) for note in item.notes)
        digest = content_hash(item)
        indexed = known.get(item.id)
        if indexed is not None and (indexed.digest, indexed.origin, indexed.line) == (
                digest, item.origin, item.line or WHOLE_FILE):
            report.unchanged += 1
            continue
        yield _Task(item, digest, replaces=indexed is not None)


@dataclass(frozen=True)
class _Analysis:
    """What a worker analyses a document with: the index's schema, and the stemmer's memory
    whose new words go back to the writer, which saves the table."""

    schema: Schema
    memory: RememberingStemmer


@dataclass(frozen=True)
class _Prepared:
    """An article made ready in a worker: its fields, their postings, and the stems its
    analysis learned (:meth:`RememberingStemmer.learned_since`)."""

    replaces: bool
    document: dict[str, Any]
    analysed: dict[str, AnalysedField]
    stems: list[tuple[str, str]]


# The analysis of this worker process (set once when the worker starts).
_worker_analysis: list[_Analysis] = []


def _prepare(task: _Task) -> _Prepared:
    """The expensive, per-article part (language, entities, analysis of every indexed
    field): runs in worker processes, so the writer only pools postings."""
    analysis = _worker_analysis[0]
    document = to_document(task.article, task.digest)
    known = len(analysis.memory)
    analysed = analyse_document(analysis.schema, document)
    return _Prepared(task.replaces, document, analysed, analysis.memory.learned_since(known))


def _start_worker(analysis: _Analysis) -> None:
    _worker_analysis[:] = [analysis]
    _die_with_parent()


@contextmanager
def _document_maker(workers: int, analysis: _Analysis) -> Iterator[Callable[[Iterator[_Task]], Iterator[_Prepared]]]:
    """Prepare documents in ``workers`` processes while this one feeds Whoosh.

    Batches are submitted up to ``_BATCHES_AHEAD`` ahead of the one being written, so
    both sides stay busy and memory stays bounded however large the corpus.
    """
    if workers < 1:
        _worker_analysis[:] = [analysis]
        yield lambda tasks: map(_prepare, tasks)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(analysis,)) as pool:
        def make(tasks: Iterator[_Task]) -> Iterator[_Prepared]:
            pending: deque[AsyncResult[list[_Prepared]]] = deque()
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


def _place(article: Article) -> str:
    return article.origin if article.line is None else f"{article.origin}:{article.line}"


def _within(origin: str, sources: Sequence[Path]) -> bool:
    """Whether an indexed article came from one of the paths this run was asked to index."""
    path = Path(origin)
    named = [Path(display_path(source)) for source in sources]
    return any(path == source or source in path.parents for source in named)
