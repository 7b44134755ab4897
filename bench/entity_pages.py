"""Latency of entity pages (``/tokoh/<name>`` and the rest) on a built index.

    flock /tmp/telusur-cpu.lock .venv/bin/python -m bench.entity_pages --index /work/idx22k [--entities 100]

Draws entities at random from the index's entity facets two ways: every distinct value
alike (most are named in one or two articles), and in proportion to their article counts
(the pages readers reach from a facet list: Joko Widodo, KPK). Each page is asked once,
first through the engine (``entity_page``, what ``/api/tokoh/...`` returns) and then as the
whole HTML page through the Flask app, each the first visit of that entity in the process
(its spellings' phrase masks not yet cached); prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from urllib.parse import quote

from search.facet_table import ENTITY_FACETS, FACET_OF
from search.query import LiveIndex, entity_page
from web.app import create_app


def sample(view, count: int, weighted: bool, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct (facet, value) pairs of the entity facets."""
    pairs = [(facet, value, int(size)) for facet in ENTITY_FACETS
             for value, size in zip(view.facets.columns[facet].values,
                                    view.facets.columns[facet].value_starts[1:]
                                    - view.facets.columns[facet].value_starts[:-1], strict=True)]
    chosen: dict[tuple[str, str], None] = {}
    while len(chosen) < min(count, len(pairs)):
        facet, value, _ = rng.choices(pairs, weights=[size for *_, size in pairs] if weighted else None)[0]
        chosen[(facet, value)] = None
    return list(chosen)


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.1f}  p95 {p95:7.1f}  max {ordered[-1]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    view = LiveIndex(args.index).view()
    client = create_app(args.index).test_client()
    client.get(f"/{FACET_OF['people'].page}/{quote('x', safe='')}")  # opens the app's own view
    for weighted in (False, True):
        drawn = sample(view, args.entities * 2, weighted, rng)
        engine, pages, articles = [], [], []
        for facet, value in drawn[:args.entities]:
            started = time.perf_counter()
            page = entity_page(view, facet, value)
            engine.append((time.perf_counter() - started) * 1000)
            assert page is not None, (facet, value)
            articles.append(page.total)
        for facet, value in drawn[args.entities:]:
            started = time.perf_counter()
            response = client.get(f"/{FACET_OF[facet].page}/{quote(value, safe='')}")
            pages.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (facet, value, response.status_code)
        kind = "by article count" if weighted else "uniform over values"
        print(f"{len(engine)} entities {kind} (median {statistics.median(articles):.0f} articles, "
              f"max {max(articles)}), {view.searcher.doc_count()} documents")
        print(f"  engine (/api)   {percentiles(engine)}")
        print(f"  HTML page       {percentiles(pages)}")


if __name__ == "__main__":
    main()
