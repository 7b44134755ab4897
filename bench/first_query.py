"""How long a new serving process takes to answer its first search: the imports, the open
(``LiveIndex(root).view()``) and the first search, each in a fresh interpreter.

    PYTHONPATH=. flock /tmp/telusur-cpu.lock python -m bench.first_query --index DIR [--runs 5] [--json]

Each run starts ``python bench/first_query.py --child`` (so ``PYTHONPATH`` picks the
tree measured, an older checkout included) and times it from outside, as ``time``
would: the whole process, interpreter start and exit included. The child reports its
import, open and first-search seconds and whether it built the gazetteer (the entity
alias table read from the copy saved with the index needs none). Medians of the runs
are printed; the first run also warms the page cache for the later ones.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()

# Stages a child reports, in the order they happen.
STAGES = ("imports", "open", "first_search")


def child(root: Path, query: str) -> None:
    """One fresh process: import, open, answer one search, print the seconds as JSON."""
    from search.entities.gazetteer import gazetteer
    from search.query import SearchRequest, search
    from search.query.live import LiveIndex

    imported = time.perf_counter()
    view = LiveIndex(root).view()
    opened = time.perf_counter()
    result = search(view, SearchRequest(query=query))
    answered = time.perf_counter()
    print(json.dumps({"imports": imported - STARTED, "open": opened - imported, "first_search": answered - opened,
                      "total": result.total, "gazetteer_built": gazetteer.cache_info().currsize > 0}))


def measure(root: Path, query: str, runs: int) -> dict[str, object]:
    found: list[dict] = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, __file__, "--child", "--index", str(root), "--query", query],
                                   capture_output=True, text=True, check=True)
        report = json.loads(completed.stdout.strip().splitlines()[-1])
        report["process"] = time.perf_counter() - started
        found.append(report)
    medians = {stage: round(statistics.median(run[stage] for run in found), 3) for stage in (*STAGES, "process")}
    return {"index": str(root), "query": query, "runs": runs, "median_seconds": medians,
            "gazetteer_built": sorted({run["gazetteer_built"] for run in found}), "total": found[0]["total"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="index root (e.g. /work/idx22k)")
    parser.add_argument("--query", default="pemerintah")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.index, args.query)
        return
    numbers = measure(args.index, args.query, args.runs)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return
    medians = numbers["median_seconds"]
    assert isinstance(medians, dict)
    print(f"{numbers['index']}: first search {numbers['query']!r} ({numbers['total']} matches) in a new process, "
          f"median of {numbers['runs']} runs; gazetteer built: {numbers['gazetteer_built']}")
    print("\n| stage | seconds |\n|---|---:|")
    for stage in (*STAGES, "process"):
        print(f"| {stage.replace('_', ' ')} | {medians[stage]} |")


if __name__ == "__main__":
    main()
