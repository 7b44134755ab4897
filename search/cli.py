"""The ``telusur`` command: index, search and serve, for people and (with ``--json``) scripts.

The engine never imports the web app: ``serve`` loads it by name (:data:`WEB_SERVER`),
as the console script itself is found by name.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from search.config import (
    DEFAULT_FACET_LIMIT,
    DEFAULT_PER_PAGE,
    INDEX_NICENESS,
    SERVE_THREADS,
    SERVE_TIMEOUT_SECONDS,
    SERVE_WORKERS,
    Settings,
    environment_help,
    load_settings,
)
from search.facet_table import ENTITY_FACETS, FACET_TABLE, FACETS
from search.ingest.limits import MAX_ARTICLE_CHARS
from search.query import EXPORT_COLUMNS, EXPORT_FORMATS, SORTS, SearchRequest, parse_day

if TYPE_CHECKING:
    from search.query import SearchResult

# The module whose ``serve(index_dir, host=, port=, workers=, threads=, timeout=)`` runs the web app.
WEB_SERVER = "web.server"

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

DEFAULT_SOURCES = (Path("seeds"),)


def main(argv: Sequence[str] | None = None) -> int:
    settings = load_settings()
    parser = _parser(settings)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if not args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args, settings)
    except BrokenPipeError:
        # The reader of our output (``| head``) has gone; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="telusur", description="Search engine for Indonesian news.",
                                     epilog=environment_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="build or update the index from .txt/.jsonl/.jsonl.gz sources")
    index.add_argument("paths", nargs="*", type=Path, help="files or directories (default: seeds/)")
    index.add_argument("--rebuild", action="store_true", help="build a fresh index and swap it in atomically")
    index.add_argument("--follow-links", action="store_true",
                       help="also index files and folders that symbolic links lead to outside the paths given")
    index.add_argument("--max-article-chars", type=int, default=MAX_ARTICLE_CHARS, metavar="N",
                       help="index at most N characters of an article's text, cut at a paragraph end and "
                            "reported (default: %(default)s)")
    index.add_argument("--nice", type=int, default=INDEX_NICENESS, metavar="N",
                       help="run at CPU niceness N more than the caller's, workers included, so that searches "
                            "served on the same machine go first (0: the caller's priority; default: %(default)s)")
    _common(index, settings)
    index.set_defaults(handler=_index)

    search = commands.add_parser(
        "search", help="search the index",
        description='Query language: words, "exact phrase", -word / NOT / BUKAN, OR / ATAU, AND / DAN, '
                    "(groups), judul:word / title:word. An empty query browses everything, newest first.")
    search.add_argument("query", nargs="?", default="", help="the query; empty browses newest first")
    for facet in FACET_TABLE:
        search.add_argument(facet.flag, dest=facet.name, action="append", default=[], metavar="VALUE",
                            help=f"only articles with this {facet.name} value (repeat for OR)")
    search.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    search.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--no-prefix", dest="prefix", action="store_false",
                        help="do not also match the words the last word begins")
    search.add_argument("--no-group", dest="group", action="store_false",
                        help="list every copy of a story (syndicated, republished) as its own hit")
    search.add_argument("--limit", type=int, default=DEFAULT_PER_PAGE, help="hits per page (max 100)")
    search.add_argument("--page", type=int, default=1, help="page number, from 1")
    search.add_argument("--facets", type=int, default=DEFAULT_FACET_LIMIT, metavar="N",
                        help="facet values listed per facet")
    search.add_argument("--format", dest="export_format", choices=sorted(EXPORT_FORMATS),
                        help="write every hit (not one page) as CSV or JSON Lines, columns "
                             f"{', '.join(EXPORT_COLUMNS)}, in the --sort order")
    _common(search, settings)
    search.set_defaults(handler=_search)

    extract = commands.add_parser("extract", help="show the people, countries and organizations found in a file")
    extract.add_argument("path", type=Path, help="a .txt article or a .jsonl/.jsonl.gz file of records")
    extract.add_argument("--json", action="store_true", help="print JSON for scripts")
    extract.set_defaults(handler=_extract)

    serve = commands.add_parser("serve", help="serve the web app with a production WSGI server")
    serve.add_argument("--index", type=Path, default=settings.index_dir, help="index directory")
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", type=int, default=settings.port)
    serve.add_argument("--workers", type=int, default=SERVE_WORKERS, help="worker processes (default: %(default)s)")
    serve.add_argument("--threads", type=int, default=SERVE_THREADS,
                       help="threads per worker that answer requests (default: %(default)s)")
    serve.add_argument("--timeout", type=int, default=SERVE_TIMEOUT_SECONDS, metavar="SECONDS",
                       help="time a client has to send a request head, and for each read of a body or write of "
                            "a response, before it is cut off (default: %(default)s)")
    serve.set_defaults(handler=_serve)
    return parser


def _common(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--index", type=Path, default=settings.index_dir,
                        help=f"index directory (default: $TELUSUR_INDEX or {settings.index_dir})")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from search.analysis.stemmers import StemmerUnavailableError
    from search.index.builder import build_index
    from search.index.lock import IndexBusyError
    from search.index.store import IndexMissingError
    from search.ingest import SourceError, count_items
    from search.ingest.limits import ArticleLimit

    paths = args.paths or _default_sources()
    if args.nice > 0:
        os.nice(args.nice)  # before the workers are started: they inherit it
    progress = None
    try:
        if sys.stderr.isatty() and not args.json:
            progress = _Progress(sys.stderr, count_items(paths, follow_links=args.follow_links))
        report = build_index(args.index, paths, stemmer=settings.stemmer, rebuild=args.rebuild,
                             on_progress=progress.update if progress else None, follow_links=args.follow_links,
                             limit=ArticleLimit(max(1, args.max_article_chars)))
    except (SourceError, IndexBusyError, IndexMissingError, StemmerUnavailableError) as error:
        return _fail(str(error))
    finally:
        if progress:
            progress.finish()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            print(f"skipped {problem}", file=sys.stderr)
        for note in report.notes:
            print(f"note: {note}", file=sys.stderr)
        if report.interrupted_run is not None:
            print(f"an earlier run (pid {report.interrupted_run}) did not finish", file=sys.stderr)
        for name in report.leftovers_removed:
            print(f"removed {name}, left half-built by an interrupted run", file=sys.stderr)
        print(
            f"{'rebuilt' if report.rebuilt else 'updated'} {args.index}: "
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged, {report.failed} failed "
            f"in {report.seconds:.1f} s ({report.docs_per_second:.0f} docs/s)"
        )
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _default_sources() -> list[Path]:
    """``./seeds`` when run from a checkout, else the seeds packaged with the program."""
    if DEFAULT_SOURCES[0].is_dir():
        return list(DEFAULT_SOURCES)
    from search.resources import package_dir

    return [package_dir("search.seeds")]


def _search(args: argparse.Namespace, settings: Settings) -> int:
    from search.query import IndexMissingError, LiveIndex, export_hits, search

    dates = {name: getattr(args, name) for name in ("date_from", "date_to")}
    for name, value in dates.items():
        if value and parse_day(value) is None:
            return _fail(f"--{name.removeprefix('date_')}: not a date: {value!r} (use YYYY-MM-DD)")
    request = SearchRequest(
        query=args.query,
        filters={facet: tuple(getattr(args, facet)) for facet in FACETS},
        date_from=parse_day(args.date_from),
        date_to=parse_day(args.date_to),
        sort=args.sort,
        page=args.page,
        per_page=args.limit,
        facet_limit=args.facets,
        prefix=args.prefix,
        group=args.group,
    )
    try:
        view = LiveIndex(args.index).view()
    except IndexMissingError as error:
        return _fail(str(error))
    if args.export_format:
        for text in EXPORT_FORMATS[args.export_format](export_hits(view, request)):
            sys.stdout.write(text)
        return EXIT_OK
    result = search(view, request)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_results(result, sys.stdout)
    return EXIT_OK


def _print_results(result: SearchResult, out: TextIO) -> None:
    from search.query import render_snippet, safe

    color = out.isatty()
    print(f"{result.total} results, {result.stories} stories ({result.took_ms:.0f} ms)", file=out)
    if result.dropped:
        print(f"not searched (past the query limits): {safe(' · '.join(result.dropped))}", file=out)
    if result.did_you_mean:
        print(f"did you mean: {safe(result.did_you_mean)}", file=out)
    for rank, hit in enumerate(result.hits, start=(result.page - 1) * result.per_page + 1):
        date = hit.date.isoformat() if hit.date else None
        meta = " · ".join(safe(part) for part in (date, hit.source) if part)
        print(f"\n{rank}. {safe(hit.title)}", file=out)
        if meta:
            print(f"   {meta}", file=out)
        print(f"   {render_snippet(hit.snippet, color)}", file=out)
        entities = ", ".join(name for facet in ENTITY_FACETS for name in hit.entities[facet][:3])
        if entities:
            print(f"   ({safe(entities)})", file=out)
        if hit.similar_count:
            print(f"   + {hit.similar_count} similar: "
                  + ", ".join(safe(f"{copy.source} ({copy.id})" if copy.source else copy.id) for copy in hit.similar), file=out)
    if result.hits and result.listed > result.page * result.per_page:
        print(f"\nmore: --page {result.page + 1}", file=out)
    for name, counts in result.facets.items():
        listed = ", ".join(f"{safe(value.value)}{'*' if value.selected else ''} ({value.count})"
                           for value in counts.values)
        if listed:
            print(f"{name}: {listed}", file=out)


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from search.entities import extract_entities
    from search.ingest import IngestProblem, SourceError, read_sources

    try:
        items = list(read_sources([args.path]))
    except SourceError as error:
        return _fail(str(error))
    found = []
    for item in items:
        if isinstance(item, IngestProblem):
            print(f"skipped {item}", file=sys.stderr)
            continue
        found.append({"id": item.id, "title": item.title, **extract_entities(f"{item.title}\n\n{item.body}")})
    if args.json:
        print(json.dumps(found if len(found) != 1 else found[0], ensure_ascii=False, indent=2))
    else:
        for article in found:
            print(article["title"])
            for facet in ENTITY_FACETS:
                print(f"  {facet}: {', '.join(article[facet]) or '-'}")
    return EXIT_SOME_FAILED if len(found) < len(items) else EXIT_OK


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    serve = importlib.import_module(WEB_SERVER).serve
    return serve(args.index, host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                 timeout=args.timeout)


def _fail(message: str) -> int:
    print(f"telusur: {message}", file=sys.stderr)
    return EXIT_USAGE


class _Progress:
    """A one-line progress bar on a terminal: done of total, rate and time left."""

    WIDTH = 30

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = max(total, 1)
        self.started = time.perf_counter()
        self.last_draw = 0.0

    def update(self, report: Any) -> None:
        now = time.perf_counter()
        if now - self.last_draw < 0.2:
            return
        self.last_draw = now
        done = min(report.processed, self.total)
        elapsed = now - self.started
        rate = done / elapsed if elapsed else 0.0
        left = (self.total - done) / rate if rate else 0.0
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\rindexing [{bar}] {done}/{self.total} {rate:.0f}/s, {left:.0f} s left ")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()
