"""What a serving process holds per index, structure by structure, and how long opening takes.

    PYTHONPATH=. flock /tmp/telusur-cpu.lock python -m bench.memory --index /work/idx22k [--queries 250] [--fill 40] [--json]

In one fresh process: the resident memory after the imports (the floor), the learnt
stems (tracemalloc), then the product's ``LiveIndex(root).view()``, the entity alias
table its first search reads (tracemalloc: the copy saved with the arrays, or the
gazetteer built when there is none) and that first search (the open time), then the 250
requests of ``bench/search_latency.py``'s mix through the product entry point; with
``--fill``, more mixes until every bounded memory is full (the worst case a long-running
server reaches); and last a second Whoosh searcher of the same generation alone (tracemalloc: what
Whoosh's own reader objects keep). Each structure the
``IndexView`` owns is sized after the mix: numpy arrays by their bytes, split into
heap (private to the process) and mapped (the generation's saved arrays, file pages
the kernel shares between processes and may drop), Python containers by a deep
``sys.getsizeof`` walk, the bounded memories by what they hold against their budget.
Resident memory is read from ``/proc/self/status``: ``RssAnon`` (private) and
``RssFile`` (mapped files: the libraries, and the saved arrays as far as they were read).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from bench.peers import telusur_answer
from bench.search_latency import query_mix
from search.analysis.analyzer import shared_stemmer
from search.entities.gazetteer import gazetteer
from search.entities.lookup import alias_table
from search.index.store import current_generation, open_generation, read_metadata, stems_path
from search.query import SearchRequest, search
from search.query.live import IndexView, LiveIndex
from search.query.match.memory import BoundedMemory

MB = 1024 * 1024
# A bounded memory this full counts as full (an entry larger than what is left is not kept).
FULL = 0.95


def resident() -> dict[str, float]:
    """This process's resident memory in MB: all of it, private, mapped files, and the peak."""
    wanted = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file", "VmHWM": "peak"}
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in wanted:
            found[wanted[key]] = round(int(line.split()[1]) / 1024, 1)
    return found


def traced(action: Callable[[], Any]) -> tuple[Any, float, float]:
    """``action()``, the MB it allocated and kept (tracemalloc), and its seconds."""
    tracemalloc.start()
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return result, kept / MB, seconds


def _is_mapped(array: np.ndarray) -> bool:
    while array is not None:
        if isinstance(array, np.memmap):
            return True
        array = array.base if isinstance(array.base, np.ndarray) else None
    return False


class Sizes:
    """Deep sizes that count each object once across all the structures measured."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def of(self, *objects: object) -> dict[str, float]:
        heap = mapped = 0
        pending = list(objects)
        while pending:
            item = pending.pop()
            if id(item) in self.seen or item is None:
                continue
            self.seen.add(id(item))
            if isinstance(item, np.ndarray):
                if _is_mapped(item):
                    mapped += item.nbytes
                elif item.base is None:
                    heap += item.nbytes
                continue
            heap += sys.getsizeof(item)
            if isinstance(item, dict):
                pending.extend(item.keys())
                pending.extend(item.values())
            elif isinstance(item, (list, tuple, set, frozenset)):
                pending.extend(item)
            elif hasattr(item, "__dict__") and not isinstance(item, type):
                pending.append(vars(item))
        return {"heap_mb": round(heap / MB, 1), "mapped_mb": round(mapped / MB, 1)}


def _memory(memory: BoundedMemory[Any], unit: str) -> str:
    return f"{memory._used:,} of {memory.capacity:,} {unit}, {len(memory._values):,} entries"


def structures(view: IndexView) -> list[dict[str, Any]]:
    """Every structure the view owns, sized; shared objects are counted where first met."""
    sizes = Sizes()
    rows: list[dict[str, Any]] = []

    def row(name: str, *objects: object, held: str = "") -> None:
        rows.append({"structure": name, **sizes.of(*objects), "held": held})

    facets, scoring = view.facets, view.scoring
    row("live documents and dates (facets)", facets.live, facets.dates)
    for facet, column in facets.columns.items():
        row(f"facet {facet}: pairs (document, value)", column.pair_doc, column.pair_value,
            held=f"{len(column.pair_doc):,} pairs")
        words = [column.__dict__["words"]] if "words" in column.__dict__ else []
        row(f"facet {facet}: values, ids, ranks{', words' if words else ''}", column.values, column.value_ids,
            column.value_starts, column.name_rank, *words, held=f"{len(column.values):,} values")
    row("norms (BM25 field lengths)", scoring.norms)
    row("decoded postings (BoundedMemory)", scoring.decoded._values, held=_memory(scoring.decoded, "bytes"))
    row("kept positions (BoundedMemory)", scoring.kept_positions._values,
        held=_memory(scoring.kept_positions, "bytes"))
    row("query masks (BoundedMemory)", facets.query_masks.memory._values,
        held=_memory(facets.query_masks.memory, "masks"))
    row("analysed sentences and titles (BoundedMemory)", view.analysed.memory._values,
        held=_memory(view.analysed.memory, "tokens"))
    row("vocabulary: completions (ArticleWords)", view.article_words.words, view.article_words.counts,
        held=f"{len(view.article_words.words):,} words")
    row("vocabulary: nearest spellings (NearestWords)", vars(view.nearest_words),
        held=f"{len(view.nearest_words.words):,} words")
    return rows


def memories(view: IndexView) -> dict[str, BoundedMemory[Any]]:
    """The bounded memories of a view, by ``config.MemoryBudgets`` name."""
    return {"postings_bytes": view.scoring.decoded, "positions_bytes": view.scoring.kept_positions,
            "query_mask_bytes": view.facets.query_masks.memory, "analysed_tokens": view.analysed.memory}


def fill_memories(view: IndexView, queries: int, rounds: int) -> dict[str, Any]:
    """The worst case a server reaches: more mixes of other requests (other seeds) until
    every bounded memory holds at least ``FULL`` of its budget, or ``rounds`` mixes ran;
    the resident memory then, with what each memory holds."""
    for seed in range(1, rounds + 1):
        if all(memory._used >= FULL * memory.capacity for memory in memories(view).values()):
            break
        for request in query_mix(view, queries, seed=seed):
            telusur_answer(view, request)
    return {**resident(), "mixes": seed,
            "held": {name: round(memory._used / memory.capacity, 2) for name, memory in memories(view).items()}}


def measure(root: Path, queries: int, fill: int) -> dict[str, Any]:
    floor = resident()
    generation = current_generation(root)
    if generation is None:
        sys.exit(f"no index at {root}")
    stemmer = read_metadata(generation)["stemmer"]
    _, stems_mb, stems_s = traced(lambda: shared_stemmer(stemmer).load(stems_path(generation)))

    started = time.perf_counter()
    view = LiveIndex(root).view()
    opened = time.perf_counter() - started
    # What the first search reads first: the alias table (the copy saved with the arrays, or the gazetteer).
    _, aliases_mb, aliases_s = traced(alias_table)
    search(view, SearchRequest(query="pemerintah"))
    first = time.perf_counter() - started
    after_open = resident()
    requests = query_mix(view, queries)
    started = time.perf_counter()
    for request in requests:
        telusur_answer(view, request)
    mix_seconds = time.perf_counter() - started
    stages = {"mix": resident()}
    if fill:
        stages["full"] = fill_memories(view, queries, fill)

    def whoosh_searcher() -> Searcher:
        searcher = open_generation(generation).searcher()
        if searcher.doc_count_all():
            searcher.stored_fields(0)
        return searcher

    alone, whoosh_mb, _ = traced(whoosh_searcher)
    alone.close()
    return {"index": str(root), "articles": view.searcher.doc_count(), "queries": len(requests),
            "saved_arrays": any(generation.glob("arrays-*")),
            "open_seconds": round(opened, 2), "first_search_seconds": round(first, 2),
            "mix_seconds": round(mix_seconds, 1),
            "gazetteer_built": gazetteer.cache_info().currsize > 0,
            "process_tables": {"entity aliases": {"heap_mb": round(aliases_mb, 1), "seconds": round(aliases_s, 2)},
                               "learnt stems": {"heap_mb": round(stems_mb, 1), "seconds": round(stems_s, 2)},
                               "whoosh searcher (alone)": {"heap_mb": round(whoosh_mb, 1)}},
            "resident": {"imports": floor, "open": after_open, **stages},
            "structures": structures(view)}


def print_tables(numbers: dict[str, Any]) -> None:
    print(f"{numbers['index']}: {numbers['articles']:,} articles, saved arrays: {numbers['saved_arrays']}; "
          f"view opened in {numbers['open_seconds']} s, first search answered at {numbers['first_search_seconds']} s; "
          f"{numbers['queries']} queries in {numbers['mix_seconds']} s; gazetteer built: {numbers['gazetteer_built']}")
    print("\n| resident MB | RSS | private (RssAnon) | mapped files (RssFile) | peak |\n|---|---:|---:|---:|---:|")
    for stage, figures in numbers["resident"].items():
        print(f"| after {stage} | {figures['rss']:,.0f} | {figures['anon']:,.0f} | {figures['file']:,.0f} | "
              f"{figures['peak']:,.0f} |")
    full = numbers["resident"].get("full")
    if full:
        print(f"\nfull after {full['mixes']} more mixes; share of each budget held: "
              + ", ".join(f"{name} {share}" for name, share in full["held"].items()))
    print("\n| structure | heap MB | mapped MB | holds |\n|---|---:|---:|---|")
    for row in numbers["structures"]:
        print(f"| {row['structure']} | {row['heap_mb']} | {row['mapped_mb']} | {row['held']} |")
    for name, figures in numbers["process_tables"].items():
        seconds = f"loaded in {figures['seconds']} s" if "seconds" in figures else "tracemalloc"
        print(f"| {name} (process) | {figures['heap_mb']} | — | {seconds} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="index root (e.g. /work/idx22k)")
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--fill", type=int, default=0, metavar="MIXES",
                        help="then run up to MIXES more mixes (other seeds) until every bounded memory is full, "
                             "and report the resident memory then (the worst case)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    numbers = measure(args.index, args.queries, args.fill)
    if args.json:
        print(json.dumps(numbers, indent=2, ensure_ascii=False))
    else:
        print_tables(numbers)


if __name__ == "__main__":
    main()
