"""Throughput and latency of the served app: ``telusur serve`` under concurrent keep-alive clients.

    .venv/bin/python bench/load_test.py --index bench/out/index-x1-sastrawi \
        [--clients 8] [--requests 3000] [--seconds 60] [--workers 2] [--during-rebuild]

Starts ``telusur serve`` on a free loopback port, warms every worker, then has
``--clients`` threads send the engine benchmark's query mix (``bench/search_latency.py``)
to ``/api/search`` until ``--requests`` are answered or ``--seconds`` pass. Prints
requests/s, latency percentiles and errors. With ``--during-rebuild`` the index is
copied to a scratch directory, and ``telusur index --rebuild`` runs on that copy while
the load goes on, to show that searches keep answering through a rebuild.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CLICKID, REPO, require  # noqa: E402
from search_latency import corpus_copy, query_mix  # noqa: E402

from search.query.live import LiveIndex  # noqa: E402
from web.links import search_params  # noqa: E402

HOST = "127.0.0.1"
READY_SECONDS = 180
WARM_UP_PER_WORKER = 10
REQUEST_TIMEOUT = 30


@dataclass
class Tally:
    """What the clients saw; appended to from several threads (list.append is atomic)."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(index: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "search", "serve", "--index", str(index), "--host", HOST,
               "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def fetch(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    response.read()
    return response.status


def wait_until_ready(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"telusur serve exited with status {server.returncode}")
        try:
            if fetch(http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT), "/api/search?per_page=1") == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not answer within {READY_SECONDS} s")


def paths_for(index: Path, count: int) -> list[str]:
    """The benchmark's query mix as ``/api/search`` URLs."""
    requests = query_mix(LiveIndex(index).view(), count)
    return [f"/api/search?{urlencode(search_params(request))}" for request in requests]


def hammer(port: int, paths: list[str], clients: int, limit: int, seconds: float, tally: Tally,
           until: threading.Event | None = None) -> float:
    """Send requests from ``clients`` threads; stop after ``limit`` requests, ``seconds``,
    or (when given) once ``until`` is set. Returns the wall time taken."""
    numbers = itertools.count()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        while time.monotonic() < deadline and not (until is not None and until.is_set()):
            number = next(numbers)
            if until is None and number >= limit:
                break
            started = time.perf_counter()
            try:
                status = fetch(connection, paths[number % len(paths)])
            except (OSError, http.client.HTTPException) as error:
                tally.errors.append(f"{type(error).__name__}: {error}")
                connection.close()
                continue
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            if status != 200:
                tally.errors.append(f"HTTP {status}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def summary(tally: Tally, seconds: float) -> dict[str, float | int]:
    timings = tally.latencies_ms or [0.0]
    cuts = statistics.quantiles(timings, n=100, method="inclusive") if len(timings) > 1 else [timings[0]] * 99
    return {
        "requests": len(tally.latencies_ms),
        "seconds": round(seconds, 1),
        "requests_per_second": round(len(tally.latencies_ms) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(timings), 1),
        "errors": len(tally.errors),
    }


def rebuild_under_load(index: Path, port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """Load the server while ``telusur index --rebuild`` replaces the index it serves."""
    with tempfile.TemporaryDirectory(dir=REPO / "bench" / "out") as scratch:
        corpus = corpus_copy(require(CLICKID, "CLICK-ID corpus"), 1, Path(scratch) / "clickid.jsonl")
        done = threading.Event()
        tally = Tally()
        outcome: dict[str, float | int] = {}

        def rebuild() -> None:
            started = time.perf_counter()
            finished = subprocess.run([sys.executable, "-m", "search", "index", str(corpus), "--index", str(index),
                                       "--rebuild"], cwd=REPO, capture_output=True, text=True)
            outcome.update(rebuild_seconds=round(time.perf_counter() - started, 1), rebuild_status=finished.returncode,
                           rebuild_report=finished.stdout.strip().splitlines()[-1:])
            # Keep searching a little so the new generation is seen being served.
            time.sleep(3)
            done.set()

        builder = threading.Thread(target=rebuild)
        builder.start()
        took = hammer(port, paths, clients, 0, seconds, tally, until=done)
        done.set()
        builder.join()
        return {**summary(tally, took), **outcome, "first_errors": tally.errors[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="index to serve (e.g. bench/out/index-x1-sastrawi)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=3000, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long in any case")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--mix", type=int, default=500, help="distinct requests in the query mix")
    parser.add_argument("--during-rebuild", action="store_true",
                        help="also run `telusur index --rebuild` on a copy of the index while loading it")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    index = require(args.index, "index").resolve()
    paths = paths_for(index, args.mix)
    with tempfile.TemporaryDirectory(dir=REPO / "bench" / "out") as scratch:
        if args.during_rebuild:
            index = Path(shutil.copytree(index, Path(scratch) / "index"))
        port = free_port()
        server = start_server(index, port, args.workers)
        try:
            wait_until_ready(port, server)
            hammer(port, paths, args.clients, WARM_UP_PER_WORKER * args.workers * args.clients, args.seconds, Tally())
            tally = Tally()
            numbers = {"clients": args.clients, "workers": args.workers,
                       **summary(tally, hammer(port, paths, args.clients, args.requests, args.seconds, tally))}
            if args.during_rebuild:
                numbers["during_rebuild"] = rebuild_under_load(index, port, paths, args.clients, args.seconds * 10)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(numbers, indent=2))
        return
    print(f"{numbers['requests']} requests from {args.clients} clients to {args.workers} workers "
          f"in {numbers['seconds']} s: {numbers['requests_per_second']} requests/s; "
          f"p50 {numbers['p50_ms']} ms, p95 {numbers['p95_ms']} ms, p99 {numbers['p99_ms']} ms, "
          f"max {numbers['max_ms']} ms; {numbers['errors']} errors")
    if args.during_rebuild:
        during = numbers["during_rebuild"]
        print(f"during a {during.get('rebuild_seconds')} s rebuild ({' '.join(during.get('rebuild_report', []))}): "
              f"{during['requests']} requests, {during['requests_per_second']} requests/s, "
              f"p95 {during['p95_ms']} ms, max {during['max_ms']} ms; {during['errors']} errors")


if __name__ == "__main__":
    main()
