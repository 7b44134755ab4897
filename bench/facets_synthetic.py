"""Time the facet engine on a synthetic index and compare it with Whoosh's own faceting.

    .venv/bin/python bench/facets_synthetic.py [--docs 110000] [--index DIR] [--runs 40] [--json]

The index has Zipf-distributed entity values (5 to 15 per article over ~20k names),
nine sources, three languages, dates over 2015-2019 with a few undated articles,
several segments and some deletions, like a real index after updates. With
``--index DIR`` it is built there once and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import whoosh.index
from whoosh.query import And, Every, NumericRange, Or, Query, Term
from whoosh.sorting import FieldFacet

from search.index.schema import build_schema
from search.query.facets.counting import FacetIndex, count_facets
from search.query.request import SearchRequest

NAMES = 20_000
SOURCES = [f"sumber{number}.com" for number in range(9)]
LANGUAGES = ["id", "id", "id", "en", "ms"]
SEGMENTS = 5
DELETE_EVERY = 97
UNDATED_SHARE = 0.03
# "alpha" is in this share of articles: the query the timings filter.
QUERY_SHARE = 0.3
QUERY_WORD = "alpha"
STOCK_RUNS = 3
# The person filtered on is the fifth most frequent (the first is in most articles).
POPULAR_RANK = 4


def synthetic_names(rng: random.Random) -> list[str]:
    syllables = ["ba", "di", "su", "ra", "to", "ma", "ni", "ko", "le", "wa", "yu", "sa", "ha", "ri", "no", "te"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(3)).capitalize() for _ in range(3000)})
    names: set[str] = set()
    while len(names) < NAMES:
        names.add(" ".join(rng.choice(words) for _ in range(rng.choice((1, 2, 2, 3)))))
    return sorted(names)


def build_synthetic_index(root: Path, docs: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    zipf = np.random.default_rng(seed)
    names = synthetic_names(rng)
    vocabulary = [f"kata{number}" for number in range(200)]
    index = whoosh.index.create_in(str(root), build_schema("light"))
    per_segment = -(-docs // SEGMENTS)
    for first in range(0, docs, per_segment):
        writer = index.writer(limitmb=256)
        for docnum in range(first, min(docs, first + per_segment)):
            count = int(zipf.integers(5, 16))
            entities = [names[rank - 1] for rank in np.minimum(zipf.zipf(1.3, count), len(names))]
            words = [QUERY_WORD] * (rng.random() < QUERY_SHARE) + rng.choices(vocabulary, k=8)
            dated = rng.random() >= UNDATED_SHARE
            writer.add_document(
                id=str(docnum), title="berita", body=" ".join(words),
                people=",".join(entities[:count // 2]),
                countries=",".join(entities[count // 2:count * 2 // 3]),
                organizations=",".join(entities[count * 2 // 3:]),
                source=rng.choice(SOURCES), language=rng.choice(LANGUAGES),
                **({"date": 20150101 + rng.randrange(5) * 10000 + rng.randrange(12) * 100 + rng.randrange(28)}
                   if dated else {}),
            )
        writer.commit(merge=False)
    writer = index.writer()
    for docnum in range(0, docs, DELETE_EVERY):
        writer.delete_by_term("id", str(docnum))
    writer.commit(merge=False)


def percentile_ms(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 2)


def timed(action: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None) -> list[float]:
    seconds = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return seconds


def stock_filter(filters: dict[str, tuple[str, ...]]) -> Query | None:
    """The same selection for Whoosh's own search (years as date ranges)."""
    parts = [
        Or([NumericRange("date", int(value) * 10000, int(value) * 10000 + 1231) if facet == "year"
            else Term(facet, value) for value in values])
        for facet, values in filters.items()
    ]
    return And(parts) if parts else None


def stock_counts(searcher, query: Query | None, filters: dict[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """Counts from Whoosh's grouping in one search. Flattering to Whoosh: disjunctive counts
    would take one more search per selected facet, and the year facet has no field."""
    groups = {facet: FieldFacet(facet, allow_overlap=True) for facet in ("people", "countries", "organizations")}
    groups.update({facet: FieldFacet(facet) for facet in ("source", "language")})
    results = searcher.search(query or Every(), filter=stock_filter(filters), groupedby=groups, limit=10)
    return {facet: {value: len(docs) for value, docs in results.groups(facet).items()} for facet in groups}


def scenario_filters(index: FacetIndex, count: int) -> dict[str, tuple[str, ...]]:
    """A person from the top of the list, two sources and a year: what a reader clicks first."""
    people = index.columns["people"]
    ranked = np.argsort(-np.bincount(people.pair_value, minlength=len(people.values)), kind="stable")
    popular = people.values[int(ranked[min(POPULAR_RANK, len(ranked) - 1)])]
    chosen = {"people": (popular,), "source": tuple(SOURCES[:2]), "year": ("2017",)}
    return dict(list(chosen.items())[:count])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=110_000)
    parser.add_argument("--index", type=Path, help="build the synthetic index here once and reuse it")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="telusur-facets-") as scratch:
        root = args.index or Path(scratch)
        if not whoosh.index.exists_in(str(root)):
            root.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            build_synthetic_index(root, args.docs)
            print(f"synthetic index of {args.docs} articles written in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
        numbers = measure(whoosh.index.open_dir(str(root)), args.runs)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return
    print(f"{numbers['docs']} live articles in {numbers['segments']} segments; "
          f"facet index built in {numbers['build_s']} s (median of 3), {numbers['arrays_mb']} MiB of arrays; "
          f"load average {numbers['load']}")
    for name, row in numbers["scenarios"].items():
        print(f"{name:<24} {row['matched']:>7} hits  cold p50 {row['cold_p50_ms']:>6} ms"
              f"  p95 {row['cold_p95_ms']:>6} ms (query mask {row['query_mask_p50_ms']:>5} ms)"
              f"  warm p50 {row['warm_p50_ms']:>6} ms  stock {row['stock_ms']:>8} ms  x{row['stock_ratio']}"
              f"  counts agree: {row['counts_agree']}")


def measure(index: whoosh.index.Index, runs: int) -> dict:
    builds = []
    for _ in range(3):
        with index.searcher() as fresh:
            started = time.perf_counter()
            FacetIndex.build(fresh)
            builds.append(time.perf_counter() - started)
    searcher = index.searcher()
    facets = FacetIndex.build(searcher)
    query = Or([Term("title", QUERY_WORD), Term("body", QUERY_WORD)])
    scenarios = {
        "browse, no filter": (None, {}),
        "query ~30%, no filter": (query, {}),
        "query ~30%, 1 filter": (query, scenario_filters(facets, 1)),
        "query ~30%, 3 filters": (query, scenario_filters(facets, 3)),
    }
    rows = {}
    for name, (text_query, filters) in scenarios.items():
        request = SearchRequest(filters=filters)
        search = partial(count_facets, facets, searcher, text_query, request)
        cold = timed(search, runs, before=facets.query_masks.clear)
        masking = timed(partial(facets.query_mask, searcher, text_query), runs, before=facets.query_masks.clear)
        warm = timed(search, runs)
        stock = timed(partial(stock_counts, searcher, text_query, filters), STOCK_RUNS)
        mask, ours = search()
        theirs = stock_counts(searcher, text_query, filters)
        rows[name] = {
            "matched": int(np.count_nonzero(mask)),
            "cold_p50_ms": percentile_ms(cold, 0.5), "cold_p95_ms": percentile_ms(cold, 0.95),
            "query_mask_p50_ms": percentile_ms(masking, 0.5),
            "warm_p50_ms": percentile_ms(warm, 0.5), "warm_p95_ms": percentile_ms(warm, 0.95),
            "stock_ms": round(statistics.median(stock) * 1000, 1),
            "stock_ratio": round(statistics.median(stock) / statistics.median(cold), 1),
            # Whoosh counts every facet under all filters, so only unfiltered facets compare.
            "counts_agree": all(
                value.count == theirs[facet].get(value.value, 0)
                for facet in theirs if facet not in filters for value in ours[facet].values
            ),
        }
    arrays = [facets.live, facets.dates] + [array for column in facets.columns.values()
                                            for array in (column.pair_doc, column.pair_value, column.value_starts)]
    return {"docs": int(np.count_nonzero(facets.live)),
            "segments": len(list(searcher.reader().leaf_readers())),
            "arrays_mb": round(sum(array.nbytes for array in arrays) / 2**20, 1),
            "build_s": round(statistics.median(builds), 2), "load": round(os.getloadavg()[0], 2),
            "scenarios": rows}


if __name__ == "__main__":
    main()
