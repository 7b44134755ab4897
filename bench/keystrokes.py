"""Search as you type, replayed keystroke by keystroke against the served page.

Usage: python bench/keystrokes.py [--clickid PATH [--articles N | --scale N]] [--headlines N]
                                  [--short N] [--seed S] [--workers N] [--no-prefix] [--index DIR] [--json]

Builds an index of CLICK-ID with ``build_index`` (default settings; ``--scale 5`` indexes
the corpus five times over, 110k articles, where any copy of the target counts), starts
``telusur serve`` on a loopback port and, for each target article, types its query one
character at a time from the third: the whole headline, or two or three consecutive
headline words in lower case (as readers type). Every keystroke is one request to
``/api/fragments``, the endpoint the page calls, and the article ids are read from the
results HTML it returns. Printed:

- the share of keystrokes whose top 10 already holds the target article;
- MRR@10 by stage: the first word half-typed, the first word complete, the second
  half-typed, ... (a word is complete once the space after it is typed);
- how often a half-typed last word finds the target compared with the same query
  without that word (the target: at least as often);
- p50/p95/p99 latency per keystroke.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from bench.common import CLICKID, require
from bench.load_test import HOST, free_port, start_server, wait_until_ready
from bench.relevance import Query, clickid_files, headline_queries, short_queries
from bench.search_latency import corpus_copy
from search.config import DEFAULT_STEMMER, SERVE_THREADS, SERVE_WORKERS
from search.index.builder import build_index
from search.ingest import Article, read_sources

FIRST_KEYSTROKE = 3
CUTOFF = 10
_ARTICLE_LINK = re.compile(r'<h2 class="hit-title"><a href="/artikel/([^"?]+)')


def stage(typed: str) -> str:
    """``word 2 half`` while the second word is being typed, ``word 2 done`` after its space."""
    words = typed.split(" ")
    done = typed.endswith(" ")
    count = len([word for word in words if word])
    return f"word {count} {'done' if done else 'half'}"


def ranked_ids(connection: http.client.HTTPConnection, typed: str, prefix: bool) -> tuple[list[str], float]:
    params = {"q": typed, **({} if prefix else {"prefix": "0"})}
    started = time.perf_counter()
    connection.request("GET", f"/api/fragments?{urlencode(params)}", headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"/api/fragments answered {response.status} for {typed!r}")
    html = json.loads(body)["html"]["results"]
    return _ARTICLE_LINK.findall(html)[:CUTOFF], elapsed


def replay(port: int, targets: list[tuple[str, frozenset[str]]], prefix: bool) -> dict:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    latencies: list[float] = []
    found: list[bool] = []
    reciprocal: dict[str, list[float]] = defaultdict(list)
    half_found = without_found = 0
    halves = 0
    for query, target in targets:
        before_word = False  # whether the query up to the last space found the target
        for end in range(FIRST_KEYSTROKE, len(query) + 1):
            typed = query[:end]
            ids, elapsed = ranked_ids(connection, typed, prefix)
            latencies.append(elapsed)
            rank = next((place for place, found_id in enumerate(ids, 1) if found_id in target), 0)
            found.append(bool(rank))
            reciprocal[stage(typed)].append(1 / rank if rank else 0.0)
            if typed.endswith(" "):
                before_word = bool(rank)
            elif " " in typed.strip() and len(typed.rsplit(" ", 1)[1]) >= FIRST_KEYSTROKE:
                halves += 1
                half_found += bool(rank)
                without_found += before_word
    ordered = sorted(latencies)

    def percentile(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {
        "keystrokes": len(found),
        "top10_share": round(sum(found) / len(found), 4) if found else 0.0,
        "mrr_by_stage": {name: (round(statistics.fmean(values), 4), len(values))
                         for name, values in sorted(reciprocal.items(), key=lambda item: _stage_order(item[0]))},
        "half_typed_found": round(half_found / halves, 4) if halves else 0.0,
        "without_that_word_found": round(without_found / halves, 4) if halves else 0.0,
        "p50_ms": percentile(0.50), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99),
    }


def _copies(titled: Path, scale: int) -> dict[str, frozenset[str]]:
    """Each article's id in the corpus as read, to the ids of its copies in the scaled index
    (``search_latency.corpus_copy`` numbers them ``c{copy}-{line}``)."""
    found = {}
    for item in read_sources([titled]):
        if isinstance(item, Article) and item.line is not None:
            found[item.id] = frozenset(f"c{copy}-{item.line - 1}" for copy in range(scale))
    return found


def _stage_order(name: str) -> tuple[int, int]:
    _, number, state = name.split()
    return int(number), state == "done"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clickid", type=Path, default=CLICKID)
    parser.add_argument("--articles", type=int, default=None, help="index only the first N records")
    parser.add_argument("--scale", type=int, default=1, help="index the corpus this many times over")
    parser.add_argument("--headlines", type=int, default=100, help="whole headlines typed")
    parser.add_argument("--short", type=int, default=150, help="two- or three-word queries typed")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=SERVE_WORKERS)
    parser.add_argument("--no-prefix", dest="prefix", action="store_false", help="replay with prefix=0")
    parser.add_argument("--index", type=Path, default=None,
                        help="keep the built index here and reuse it when it is already built (same corpus options)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="telusur-keystrokes-") as scratch:
        corpus = require(args.clickid, "CLICK-ID corpus")
        titled, _ = clickid_files(corpus, Path(scratch), args.articles)
        index = args.index or Path(scratch) / "index"
        if (index / "CURRENT").exists():
            print(f"reusing the index in {index}", file=sys.stderr)
        else:
            indexed = corpus_copy(corpus, args.scale, Path(scratch) / "scaled.jsonl") if args.scale > 1 else titled
            report = build_index(index, [indexed], stemmer=DEFAULT_STEMMER)
            print(f"indexed {report.added} articles in {report.seconds:.0f} s", file=sys.stderr)
        copies = _copies(titled, args.scale) if args.scale > 1 else None

        def targets(queries: list[Query]) -> list[tuple[str, frozenset[str]]]:
            return [(query.text, copies[next(iter(query.relevant))] if copies else query.relevant) for query in queries]

        headlines = targets(headline_queries(titled, args.headlines, args.seed))
        short = targets(short_queries(titled, args.short, args.seed))
        port = free_port()
        server = start_server(index, port, args.workers, SERVE_THREADS, "telusur")
        try:
            wait_until_ready(port, server)
            results = {"headlines": replay(port, headlines, args.prefix), "short": replay(port, short, args.prefix)}
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"prefix {'on' if args.prefix else 'off'}, seed {args.seed}, CLICK-ID articles {args.articles or 'all'}"
          f"{f' x{args.scale}' if args.scale > 1 else ''}")
    print("| queries | keystrokes | top 10 holds target | half-typed word finds it | without that word | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results.items():
        print(f"| {name} | {result['keystrokes']} | {result['top10_share']:.3f} | {result['half_typed_found']:.3f} "
              f"| {result['without_that_word_found']:.3f} | {result['p50_ms']} | {result['p95_ms']} | {result['p99_ms']} |")
    for name, result in results.items():
        stages = ", ".join(f"{stage_name} {mrr:.3f} ({count})" for stage_name, (mrr, count) in result["mrr_by_stage"].items()
                           if int(stage_name.split()[1]) <= 4)
        print(f"MRR@10 by stage, {name}: {stages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
