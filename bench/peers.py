"""Telusur beside the engines a user would otherwise pick, on the same articles and queries.

    python -m bench.peers [--scale 1|5] [--index DIR] [--queries 250] [--engines telusur,tantivy,fts5,whoosh]
                          [--whoosh-queries N] [--workdir DIR] [--no-rss] [--json]

The peers (``bench/peer_engines.py``: tantivy, SQLite FTS5, stock Whoosh) index the stored
articles read back from Telusur's index, with Telusur's entity, source, language and year
values, and answer ``bench.search_latency.query_mix`` interleaved with Telusur in one process
(query by query, the engines' order rotating), each returning the complete response: total,
top-10 hits with a highlighted snippet, top-10 values and counts of every facet. Telusur is
asked through its product entry point, ``search.query.search``. Printed: p50/p95/p99 per engine
and per query kind, Telusur/peer ratios on the queries both answered, build docs/s of the
peers, the RSS of a serving process per engine (each in a subprocess that opens only that
engine and answers the mix), and the correctness column: how many totals and facet lists
differ from Telusur's. Stock Whoosh takes seconds per query at 110k: it runs on the first
``--whoosh-queries`` (default 60 up to 30,000 articles, none above).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import CLICKID, require
from bench.peer_engines import PEERS, Answer, PeerUnavailable, ask_of, read_documents
from bench.search_latency import QUERY_KINDS, ensure_index, percentiles, query_mix
from search.config import DEFAULT_FACET_LIMIT, DEFAULT_STEMMER
from search.query import IndexView, LiveIndex, SearchRequest, search

ENGINES = ("telusur", *PEERS)
# Stock Whoosh answers a 22k query in about a second with its disjunctive counts; above this
# many articles it is skipped unless asked for (``--whoosh-queries``).
WHOOSH_ARTICLES = 30_000
WHOOSH_QUERIES = 60
WARM_UP = 10
REQUESTS_FILE = "requests.json"


def telusur_answer(view: IndexView, request: SearchRequest) -> Answer:
    """Telusur's complete response, through the product entry point and its JSON shape."""
    shown = search(view, request).as_json()
    return Answer(shown["total"], [(hit["id"], hit["snippet"]) for hit in shown["hits"]],
                  {name: [(value["value"], value["count"]) for value in values]
                   for name, values in shown["facets"].items()})


def same_facet(ours: list[tuple[str, int]], theirs: list[tuple[str, int]]) -> bool:
    """Whether a peer's facet list tells the reader what Telusur's does: the same top counts,
    and the same count for every value both list (values tied at the cut may differ). Telusur
    also lists a selected value outside its top or at 0; that is left out of the comparison."""
    top = sorted((item for item in ours if item[1] > 0), key=lambda item: -item[1])[:DEFAULT_FACET_LIMIT]
    counts = dict(top)
    return (sorted(count for _, count in top) == sorted(count for _, count in theirs)
            and all(counts[value] == count for value, count in theirs if value in counts))


def run_interleaved(runners: dict[str, Callable[[int], Answer]], limits: dict[str, int],
                    count: int) -> tuple[dict[str, list[float]], dict[str, list[Answer]]]:
    """Every query on every engine in turn, the engines' order rotating from query to query
    so no engine always runs on the caches the one before it warmed."""
    for name, answer in runners.items():
        for number in range(min(WARM_UP, limits[name])):
            answer(number)
    timings: dict[str, list[float]] = {name: [] for name in runners}
    answers: dict[str, list[Answer]] = {name: [] for name in runners}
    names = list(runners)
    for number in range(count):
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            if number >= limits[name]:
                continue
            started = time.perf_counter()
            answers[name].append(runners[name](number))
            timings[name].append((time.perf_counter() - started) * 1000)
    return timings, answers


def correctness(ours: list[Answer], theirs: list[Answer]) -> dict[str, int]:
    """How many of the peer's totals, and of its facet lists, differ from Telusur's."""
    totals = sum(mine.total != peer.total for mine, peer in zip(ours, theirs, strict=False))
    facets = sum(not same_facet(mine.facets[name], peer.facets[name])
                 for mine, peer in zip(ours, theirs, strict=False) for name in peer.facets)
    return {"queries": len(theirs), "totals_differ": totals, "facet_lists": sum(len(p.facets) for p in theirs),
            "facet_lists_differ": facets}


def _percentiles(timings: list[float]) -> dict[str, float] | None:
    return percentiles(timings) if len(timings) >= 2 else None


def _ratio(ours: dict[str, float] | None, theirs: dict[str, float] | None, key: str) -> float | None:
    return round(ours[key] / theirs[key], 2) if ours and theirs and theirs[key] else None


def summarise(timings: dict[str, list[float]], answers: dict[str, list[Answer]], kinds: list[str]) -> dict[str, Any]:
    """Percentiles per engine and kind, Telusur/peer ratios on the queries the peer answered,
    and the correctness column per engine and kind."""
    engines: dict[str, Any] = {}
    ours = timings["telusur"]
    for name, times in timings.items():
        paired = ours[:len(times)]
        entry: dict[str, Any] = {"queries": len(times), "ms": _percentiles(times), "by_kind": {}}
        if name != "telusur":
            telusur_paired = _percentiles(paired)
            entry["telusur_over_peer"] = {key: _ratio(telusur_paired, entry["ms"], key) for key in ("p50", "p95", "p99")}
            entry["correctness"] = correctness(answers["telusur"], answers[name])
        for kind in QUERY_KINDS:
            chosen = [number for number in range(len(times)) if kinds[number] == kind]
            mine = _percentiles([times[number] for number in chosen])
            kind_entry: dict[str, Any] = {"queries": len(chosen), "ms": mine}
            if name != "telusur":
                telusur_kind = _percentiles([ours[number] for number in chosen])
                kind_entry["telusur_over_peer_p50"] = _ratio(telusur_kind, mine, "p50")
                kind_entry["telusur_over_peer_p95"] = _ratio(telusur_kind, mine, "p95")
                kind_entry["correctness"] = correctness([answers["telusur"][n] for n in chosen],
                                                        [answers[name][n] for n in chosen])
            entry["by_kind"][kind] = kind_entry
        engines[name] = entry
    return engines


def serving_rss(engine: str, root: Path, workdir: Path, queries: int) -> dict[str, float]:
    """The resident memory of a process that opened only ``engine`` and answered the mix
    (``none``: the same imports and no engine, the floor every figure includes)."""
    command = [sys.executable, "-m", "bench.peers", "--serve-rss", engine, "--index", str(root),
               "--workdir", str(workdir), "--queries", str(queries)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(finished.stdout.splitlines()[-1])


def _serve_alone(engine: str, root: Path, workdir: Path, queries: int) -> None:
    """The child of :func:`serving_rss`: open one engine, answer the mix, print its RSS."""
    asked = json.loads((workdir / REQUESTS_FILE).read_text(encoding="utf-8"))[:queries]
    requests = [SearchRequest(query=item["query"], filters={k: tuple(v) for k, v in item["filters"].items()})
                for item in asked]
    if engine == "telusur":
        view = LiveIndex(root).view()
        for request in requests:
            telusur_answer(view, request)
    elif engine in PEERS:
        peer = PEERS[engine].open(workdir / engine)
        for request in requests:
            peer.answer(ask_of(request))
    rss = hwm = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) / 1024
    print(json.dumps({"rss_mb": round(rss), "peak_mb": round(hwm)}))


def measure(args: argparse.Namespace, root: Path, workdir: Path) -> dict[str, Any]:
    started = time.perf_counter()
    view = LiveIndex(root).view()
    open_seconds = time.perf_counter() - started
    requests = query_mix(view, args.queries)
    kinds = [QUERY_KINDS[number % len(QUERY_KINDS)] for number in range(len(requests))]
    (workdir / REQUESTS_FILE).write_text(json.dumps(
        [{"query": r.query, "filters": {k: list(v) for k, v in r.filters.items()}} for r in requests],
        ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    documents = read_documents(view.searcher)
    read_seconds = time.perf_counter() - started
    wanted = [name for name in args.engines.split(",") if name]
    unknown = set(wanted) - set(ENGINES)
    if unknown:
        sys.exit(f"unknown engines {sorted(unknown)}; choose from {', '.join(ENGINES)}")
    whoosh_queries = args.whoosh_queries
    if whoosh_queries is None:
        whoosh_queries = WHOOSH_QUERIES if len(documents) <= WHOOSH_ARTICLES else 0
    skipped: dict[str, str] = {}
    runners: dict[str, Callable[[int], Answer]] = {"telusur": lambda number: telusur_answer(view, requests[number])}
    limits = {"telusur": len(requests)}
    build: dict[str, float] = {}
    asks = [ask_of(request) for request in requests]
    for name in wanted:
        if name == "telusur":
            continue
        if name == "whoosh" and not whoosh_queries:
            skipped[name] = (f"stock Whoosh takes seconds per query above {WHOOSH_ARTICLES:,} articles; "
                             "--whoosh-queries N runs it on the first N")
            continue
        try:
            peer = PEERS[name](documents, workdir / name)
        except PeerUnavailable as error:
            skipped[name] = str(error)
            continue
        runners[name] = lambda number, peer=peer: peer.answer(asks[number])
        limits[name] = min(len(requests), whoosh_queries) if name == "whoosh" else len(requests)
        build[name] = round(len(documents) / peer.build_seconds) if peer.build_seconds else 0.0
    timings, answers = run_interleaved(runners, limits, len(requests))
    engines = summarise(timings, answers, kinds)
    for name, docs_per_second in build.items():
        engines[name]["build_docs_per_second"] = docs_per_second
    if not args.no_rss:
        floor = serving_rss("none", root, workdir, 0)
        for name in runners:
            engines[name]["serving_rss"] = serving_rss(name, root, workdir, limits[name])
        rss_floor: dict[str, float] | None = floor
    else:
        rss_floor = None
    return {"articles": len(documents), "queries": len(requests), "open_seconds": round(open_seconds, 2),
            "read_documents_seconds": round(read_seconds, 1), "rss_floor": rss_floor, "engines": engines,
            "skipped": skipped}


def _ms(numbers: dict[str, float] | None) -> str:
    return " / ".join(f"{numbers[key]:.1f}" for key in ("p50", "p95", "p99")) if numbers else "—"


def _times(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "—"


def print_tables(numbers: dict[str, Any]) -> None:
    print(f"{numbers['articles']:,} articles, {numbers['queries']} queries "
          f"(Telusur's index opened in {numbers['open_seconds']} s)\n")
    floor = numbers["rss_floor"]
    print("| engine | queries | p50 / p95 / p99 ms | Telusur/peer p50 / p95 / p99 | build docs/s | "
          "serving RSS MB | totals differ | facet lists differ |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, entry in numbers["engines"].items():
        ratios = entry.get("telusur_over_peer")
        ratio_text = " / ".join(_times(ratios[key]) for key in ("p50", "p95", "p99")) if ratios else "—"
        rss = entry.get("serving_rss")
        check = entry.get("correctness")
        label = "Telusur (`search.query.search`)" if name == "telusur" else f"peer: {name}"
        totals = f"{check['totals_differ']}/{check['queries']}" if check else "—"
        lists = f"{check['facet_lists_differ']}/{check['facet_lists']}" if check else "—"
        print(f"| {label} | {entry['queries']} | {_ms(entry['ms'])} | {ratio_text} | "
              f"{entry.get('build_docs_per_second', '—')} | {rss['rss_mb'] if rss else '—'} | {totals} | {lists} |")
    if floor:
        print(f"\nserving RSS: the whole process after answering the mix; a process with the same imports "
              f"and no engine holds {floor['rss_mb']} MB.")
    print("\nper kind: p50 / p95 ms (Telusur/peer p50; totals differ)\n")
    names = list(numbers["engines"])
    print("| kind | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for kind in QUERY_KINDS:
        cells = []
        for name in names:
            entry = numbers["engines"][name]["by_kind"][kind]
            ms = entry["ms"]
            cell = f"{ms['p50']:.1f} / {ms['p95']:.1f}" if ms else "—"
            if name != "telusur" and ms:
                check = entry["correctness"]
                cell += f" ({_times(entry['telusur_over_peer_p50'])}; {check['totals_differ']}/{check['queries']})"
            cells.append(cell)
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for name, reason in numbers["skipped"].items():
        print(f"\nskipped {name}: {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--scale", type=int, default=1, choices=(1, 5),
                        help="copies of CLICK-ID for the index built when --index is not given (5: ~110k)")
    parser.add_argument("--index", type=Path, help="an existing Telusur index (opened read-only)")
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--whoosh-queries", type=int,
                        help=f"queries for stock Whoosh (default {WHOOSH_QUERIES} up to {WHOOSH_ARTICLES:,} "
                             "articles, none above)")
    parser.add_argument("--workdir", type=Path, help="where the peers' indexes go (default: a temporary folder)")
    parser.add_argument("--no-rss", action="store_true", help="skip the serving-RSS subprocesses")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve-rss", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = args.index or ensure_index(require(args.corpus, "CLICK-ID corpus"), args.scale, DEFAULT_STEMMER)
    if args.serve_rss:
        _serve_alone(args.serve_rss, root, args.workdir, args.queries)
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="telusur-peers-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        numbers = measure(args, root, workdir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print_tables(numbers)


if __name__ == "__main__":
    main()
