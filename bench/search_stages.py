"""Where a search's milliseconds go, per kind of query of the ``search_latency`` mix.

    python -m bench.search_stages [--index DIR] [--queries 250]

One pass over ``bench.search_latency.query_mix`` (after 10 untimed queries) through
``search.query.engine.search`` on a freshly opened view, as ``bench/peers.py`` asks Telusur;
each stage the engine calls is timed in CPU milliseconds (``time.process_time``: steadier than
the wall clock on a shared machine) and printed as the mean per query of each kind, with the
kind's p50/p95 of the whole search.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import search.query.engine as engine
import search.query.expand.widened as widened
from bench.common import CLICKID, require
from bench.search_latency import QUERY_KINDS, ensure_index, query_mix
from search.config import DEFAULT_STEMMER
from search.query.facets.counting import FacetIndex
from search.query.live import LiveIndex

# The engine's stages by the name it calls them with.
STAGES = {"widened_query": "widen (parse, completions, typos)", "_score": "BM25F scores",
          "count_facets": "facets (mask and counts)", "proximity_rerank": "proximity re-rank",
          "rerank_page": "answer-type re-rank", "read_article": "stored fields", "_hit": "hits (snippets, titles)",
          "count_timeline": "timeline", "_did_you_mean": "did you mean"}
MASK = "… of which the query mask"
# Parts of those stages, by the module that calls them and the name it calls them with.
PARTS = {(engine, "make_snippet"): "… of which snippets", (engine, "highlight_all"): "… of which titles",
         (widened, "prefix_expansions"): "… of which completions of the last word",
         (widened, "typo_expansions"): "… of which typo widening"}

spent: dict[str, float] = defaultdict(float)


def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += (time.process_time() - started) * 1000
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an existing Telusur index (default: the benchmark's 22k build)")
    parser.add_argument("--queries", type=int, default=250)
    args = parser.parse_args()
    for name, label in STAGES.items():
        setattr(engine, name, timed(getattr(engine, name), label))
    FacetIndex.query_mask = timed(FacetIndex.query_mask, MASK)  # type: ignore[method-assign]
    for (module, name), label in PARTS.items():
        setattr(module, name, timed(getattr(module, name), label))
    view = LiveIndex(args.index or ensure_index(require(CLICKID, "CLICK-ID corpus"), 1, DEFAULT_STEMMER)).view()
    requests = query_mix(view, args.queries)
    for request in requests[:10]:
        engine.search(view, request).as_json()
    totals: dict[str, list[float]] = defaultdict(list)
    stages: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for number, request in enumerate(requests):
        kind = QUERY_KINDS[number % len(QUERY_KINDS)]
        spent.clear()
        started = time.process_time()
        engine.search(view, request).as_json()
        totals[kind].append((time.process_time() - started) * 1000)
        for label, ms in spent.items():
            stages[kind][label] += ms
    print(f"{view.searcher.doc_count()} articles, {len(requests)} queries, CPU ms")
    labels = [*STAGES.values(), MASK, *PARTS.values()]
    print("| stage | " + " | ".join(QUERY_KINDS) + " |")
    print("|---|" + "---:|" * len(QUERY_KINDS))
    for label in labels:
        print(f"| {label} | " + " | ".join(f"{stages[kind][label] / len(totals[kind]):.2f}" for kind in QUERY_KINDS) + " |")
    cuts = {kind: statistics.quantiles(totals[kind], n=100, method="inclusive") for kind in QUERY_KINDS}
    print("| whole search p50 / p95 | " + " | ".join(f"{cuts[kind][49]:.1f} / {cuts[kind][94]:.1f}" for kind in QUERY_KINDS) + " |")


if __name__ == "__main__":
    main()
