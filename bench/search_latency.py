"""Latency of complete search responses (hits + snippets + all facet counts) on CLICK-ID.

    .venv/bin/python bench/search_latency.py [--scale 1|5] [--queries 220] [--stock 60] [--json]

Builds (once, cached under bench/out/) an index of CLICK-ID, or of CLICK-ID x5 with
unique ids, runs a fixed mix of queries (single words, two words, phrases, questions,
with and without 1-3 facet filters, empty queries) through ``search.query.engine.run``
and prints p50/p95/p99. The same mix answered with Whoosh's stock faceting
(``FieldFacet(..., allow_overlap=True)``) gives the speed-up ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from pathlib import Path

from whoosh.query import And, Every, Or, Term
from whoosh.sorting import FieldFacet

from bench.common import CLICKID, REPO, require
from search.analysis.stopwords import STOPWORDS
from search.config import DEFAULT_STEMMER
from search.index.builder import build_index
from search.index.store import current_generation
from search.query.engine import search as engine_search
from search.query.live import IndexView, LiveIndex
from search.query.parse.compile import compile_query
from search.query.parse.syntax import parse
from search.query.present.snippets import make_snippet
from search.query.request import SearchRequest

OUT = REPO / "bench" / "out"
FILTER_FACETS = ("people", "countries", "organizations", "source", "language")
STOCK_FACETS = ("people", "countries", "organizations", "source", "language")
# The kinds of query in the mix, in turn: request i of ``query_mix`` is of kind QUERY_KINDS[i % 5].
QUERY_KINDS = ("word", "two", "phrase", "question", "empty")


def corpus_copy(corpus: Path, scale: int, target: Path) -> Path:
    """CLICK-ID repeated ``scale`` times as one JSONL file, every record with a unique id."""
    with gzip.open(corpus, "rt", encoding="utf-8") as source, open(target, "w", encoding="utf-8") as out:
        lines = source.readlines()
        for copy in range(scale):
            for number, line in enumerate(lines):
                record = json.loads(line)
                record["id"] = f"c{copy}-{number}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def ensure_index(corpus: Path, scale: int, stemmer: str) -> Path:
    """Build the benchmark index once; later runs reuse it."""
    root = OUT / f"index-x{scale}-{stemmer}"
    if current_generation(root) is not None:
        return root
    OUT.mkdir(parents=True, exist_ok=True)
    source = corpus_copy(corpus, scale, OUT / f"clickid-x{scale}.jsonl")
    print(f"building {root} from {source} ...", file=sys.stderr)
    report = build_index(root, [source], stemmer=stemmer, rebuild=True)
    print(f"built: {report.added} articles in {report.seconds:.0f} s ({report.docs_per_second:.0f} docs/s)",
          file=sys.stderr)
    source.unlink()
    return root


def query_mix(view: IndexView, count: int, seed: int = 20191001) -> list[SearchRequest]:
    """A reproducible mix drawn from the index's own titles and facet values."""
    rng = random.Random(seed)
    searcher = view.searcher
    doc_count = searcher.doc_count_all()
    requests = []
    while len(requests) < count:
        fields = searcher.stored_fields(rng.randrange(doc_count))
        if not fields:
            continue
        words = [w.strip(".,:;!?\"'()").lower() for w in fields.get("title", "").split()]
        words = [w for w in words if len(w) > 3 and w.isalpha() and w not in STOPWORDS]
        if len(words) < 3:
            continue
        kind = QUERY_KINDS[len(requests) % len(QUERY_KINDS)]
        start = rng.randrange(len(words) - 1)
        query = {
            "word": words[start],
            "two": f"{words[start]} {rng.choice(words)}",
            "phrase": f'"{words[start]} {words[start + 1]}"',
            "question": f"Apa yang terjadi dengan {' '.join(words[:4])}?",
            "empty": "",
        }[kind]
        filters: dict[str, tuple[str, ...]] = {}
        for facet in rng.sample(FILTER_FACETS, rng.choice((0, 0, 1, 2, 3))):
            value = fields.get(facet)
            if value:
                filters[facet] = (value.split(",")[0].strip(),)
        requests.append(SearchRequest(query=query, filters=filters))
    return requests


def time_ours(view: IndexView, requests: list[SearchRequest]) -> list[float]:
    for request in requests[:10]:
        engine_search(view, request).as_json()
    timings = []
    for request in requests:
        started = time.perf_counter()
        engine_search(view, request).as_json()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_stock(view: IndexView, requests: list[SearchRequest]) -> list[float]:
    """The same responses with Whoosh's own faceting (no disjunctive counts: a lower bound)."""
    searcher = view.searcher
    analyzer = searcher.schema["body"].analyzer
    groups = {name: FieldFacet(name, allow_overlap=True) for name in STOCK_FACETS}
    timings = []
    for request in requests:
        started = time.perf_counter()
        compiled = compile_query(parse(request.query), view.stemmer)
        clauses = [Or([Term(facet, value) for value in values]) for facet, values in request.filters.items()]
        results = searcher.search(compiled.query or Every(), filter=And(clauses) if clauses else None,
                                  groupedby=groups, limit=request.per_page)
        for facet in STOCK_FACETS:
            sorted(results.groups(facet).items(), key=lambda item: -len(item[1]))[:10]
        for hit in results:
            make_snippet(hit.get("body", ""), analyzer, compiled.highlight)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentiles(timings: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1), "p99": round(cuts[98], 1),
            "mean": round(statistics.fmean(timings), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--scale", type=int, default=1, help="copies of the corpus (5 gives ~110k articles)")
    parser.add_argument("--queries", type=int, default=220)
    parser.add_argument("--stock", type=int, default=60, help="queries to time through stock faceting (0: skip)")
    parser.add_argument("--stemmer", default=DEFAULT_STEMMER)
    parser.add_argument("--index", type=Path, help="an existing Telusur index (opened read-only; "
                                                   "--corpus, --scale and --stemmer are then not used)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = args.index or ensure_index(require(args.corpus, "CLICK-ID corpus"), args.scale, args.stemmer)
    started = time.perf_counter()
    view = LiveIndex(root).view()
    open_seconds = time.perf_counter() - started
    requests = query_mix(view, args.queries)
    ours = percentiles(time_ours(view, requests))
    numbers = {"articles": view.searcher.doc_count(), "queries": len(requests),
               "open_seconds": round(open_seconds, 2), "ours_ms": ours}
    if args.stock:
        stock = percentiles(time_stock(view, requests[:args.stock]))
        mine = percentiles(time_ours(view, requests[:args.stock]))
        numbers["stock_ms"] = stock
        numbers["speedup_p50"] = round(stock["p50"] / mine["p50"], 1)
        numbers["speedup_mean"] = round(stock["mean"] / mine["mean"], 1)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return
    print(f"{numbers['articles']} articles, {len(requests)} queries, index opened in {open_seconds:.2f} s")
    print(f"telusur: p50 {ours['p50']} ms, p95 {ours['p95']} ms, p99 {ours['p99']} ms")
    if args.stock:
        print(f"stock whoosh faceting ({args.stock} queries): p50 {numbers['stock_ms']['p50']} ms, "
              f"p95 {numbers['stock_ms']['p95']} ms; speed-up x{numbers['speedup_p50']} (p50), "
              f"x{numbers['speedup_mean']} (mean)")


if __name__ == "__main__":
    main()
