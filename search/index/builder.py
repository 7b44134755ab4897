"""Build or update the index from sources: the engine behind ``telusur index``.

Incremental by default: an article is re-indexed only when its content hash changed,
and articles whose source (within the paths given) disappeared are removed. A
rebuild, or the very first build, fills a fresh generation and publishes it
atomically, so readers never see a partial index.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import whoosh.index
from whoosh.index import Index

from search.index.documents import WHOLE_FILE, content_hash, to_document
from search.index.lock import write_lock
from search.index.schema import build_schema
from search.index.store import (
    current_generation,
    new_generation,
    publish,
    remove_stale_generations,
    write_metadata,
)
from search.ingest import Article, IngestProblem, read_sources

log = logging.getLogger(__name__)

# Whoosh buffers this much posting data in memory before flushing a segment.
_WRITER_LIMIT_MB = 256


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
            "problems": [
                {"path": problem.origin, "line": problem.line, "reason": problem.reason}
                for problem in self.problems
            ],
        }


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
) -> IndexReport:
    """Index ``paths`` into the index at ``root``; raises ``SourceError`` for a missing path
    and ``IndexBusyError`` when another run holds the index."""
    started = time.perf_counter()
    sources = [path.resolve() for path in paths]
    with write_lock(root):
        live = current_generation(root)
        fresh = rebuild or live is None
        if fresh:
            remove_stale_generations(root)
            target = new_generation(root)
            ix = whoosh.index.create_in(str(target), build_schema(stemmer))
            write_metadata(target, {"stemmer": stemmer})
        else:
            target = live
            ix = whoosh.index.open_dir(str(live))
        report = IndexReport(rebuilt=fresh)
        try:
            _write(ix, read_sources(sources), _known_articles(ix), sources, report, on_progress)
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
    items: Iterable[Article | IngestProblem],
    known: dict[str, _Indexed],
    sources: Sequence[Path],
    report: IndexReport,
    on_progress: ProgressCallback | None,
) -> None:
    seen: dict[str, str] = {}
    failed_lines: dict[str, set[int]] = {}
    with ix.writer(limitmb=_WRITER_LIMIT_MB) as writer:
        for item in items:
            if isinstance(item, IngestProblem):
                _record_problem(report, item)
                failed_lines.setdefault(item.origin, set()).add(item.line or WHOLE_FILE)
            elif item.id in seen:
                _record_problem(report, IngestProblem(
                    item.origin, item.line, f"duplicate id {item.id!r}, already read from {seen[item.id]}"))
            else:
                seen[item.id] = _place(item)
                _upsert(writer, item, known.get(item.id), report)
            if on_progress is not None:
                on_progress(report)
        for article_id, indexed in known.items():
            if article_id in seen or _failed_this_time(indexed, failed_lines):
                continue
            if _within(indexed.origin, sources):
                writer.delete_by_term("id", article_id)
                report.removed += 1


def _upsert(writer, article: Article, indexed: _Indexed | None, report: IndexReport) -> None:
    digest = content_hash(article)
    if indexed is None:
        writer.add_document(**to_document(article, digest))
        report.added += 1
    elif (indexed.digest, indexed.origin, indexed.line) == (digest, article.origin, article.line or WHOLE_FILE):
        report.unchanged += 1
    else:
        writer.update_document(**to_document(article, digest))
        report.updated += 1


def _failed_this_time(indexed: _Indexed, failed_lines: dict[str, set[int]]) -> bool:
    """A source that could not be read this time keeps its old articles: reporting must not delete."""
    lines = failed_lines.get(indexed.origin)
    return lines is not None and (indexed.line == WHOLE_FILE or indexed.line in lines)


def _record_problem(report: IndexReport, problem: IngestProblem) -> None:
    log.warning("skipped %s", problem)
    report.failed += 1
    report.problems.append(problem)


def _place(article: Article) -> str:
    return article.origin if article.line is None else f"{article.origin}:{article.line}"


def _within(origin: str, sources: Sequence[Path]) -> bool:
    """Whether an indexed article came from one of the paths this run was asked to index."""
    path = Path(origin)
    return any(path == source or source in path.parents for source in sources)
