"""Throughput and latency of the served app: ``telusur serve`` under concurrent keep-alive clients,
alone and with attackers beside them.

    .venv/bin/python bench/load_test.py --index bench/out/index-x1-light \
        [--clients 8] [--requests 3000] [--seconds 60] [--workers 2] [--threads 4] [--attackers]
        [--slow 16] [--costly 2] [--during-rebuild] [--worker telusur|gthread|sync]

Starts the server on a free loopback port, warms every worker, then has ``--clients``
threads send the engine benchmark's query mix (``bench/search_latency.py``) to
``/api/search`` until ``--requests`` are answered or ``--seconds`` pass, and prints the
normal clients' requests/s, latency percentiles and errors. With ``--attackers`` the
same load runs again while ``--slow`` clients hold connections open (half send a head
that never ends, a byte a second; half send nothing; each reconnects when cut off)
and ``--costly`` clients send the hostile queries of ``bench/hostile_queries.py`` back
to back. With ``--during-rebuild`` the index is copied to a scratch directory and
``telusur index --rebuild`` runs on that copy under the last load (with the attackers
when ``--attackers`` is given), to show that searches keep answering through a rebuild.
``--worker`` serves with gunicorn's own ``gthread`` or ``sync`` worker instead of
Telusur's, to measure what the worker class changes. All traffic goes to 127.0.0.1.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.common import CLICKID, REPO, require
from bench.hostile_queries import LENGTH, common_words, hostile_queries
from bench.search_latency import corpus_copy, query_mix
from search.config import SERVE_THREADS
from search.query.live import LiveIndex
from web.links import search_params
from web.server import WORKER_CLASS

HOST = "127.0.0.1"
READY_SECONDS = 180
WARM_UP_PER_WORKER = 10
REQUEST_TIMEOUT = 30
# Issue 10's target for the normal clients, attackers or not.
TARGET_P95_MS = 200.0
# A slow client's head: it never ends, one more header byte a second.
SLOW_HEAD = f"GET /api/search?q=banjir HTTP/1.1\r\nHost: {HOST}\r\nX-Lambat: ".encode()
SLOW_BYTE_SECONDS = 1.0
WORKERS = {"telusur": WORKER_CLASS, "gthread": "gthread", "sync": "sync"}


@dataclass
class Tally:
    """What the clients saw; appended to from several threads (list.append is atomic)."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Attack:
    """What the attackers did, tallied from their threads."""

    costly: Tally = field(default_factory=Tally)
    slow_connections: list[int] = field(default_factory=list)


def start_server(index: Path, port: int, workers: int, threads: int, worker: str) -> subprocess.Popen:
    """``telusur serve``, or (``worker`` other than Telusur's) the same server with gunicorn's own worker."""
    if worker == "telusur":
        command = [sys.executable, "-m", "search", "serve", "--index", str(index), "--host", HOST,
                   "--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    else:
        command = [sys.executable, "-c", "import sys; from pathlib import Path; from web.server import serve; "
                   "serve(Path(sys.argv[1]), host=sys.argv[2], port=int(sys.argv[3]), workers=int(sys.argv[4]), "
                   "threads=int(sys.argv[5]), worker_class=sys.argv[6])",
                   str(index), HOST, str(port), str(workers), str(threads), WORKERS[worker]]
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


def hostile_paths(index: Path) -> list[str]:
    """The hostile-query benchmark's queries as ``/api/search`` URLs."""
    queries = hostile_queries(common_words(LiveIndex(index).view(), LENGTH))
    return [f"/api/search?{urlencode({'q': query})}" for query in queries.values()]


def slow_client(port: int, stop: threading.Event, attack: Attack, sends_head: bool) -> None:
    """Hold a connection open as long as the server allows, then open another, until ``stop``."""
    while not stop.is_set():
        try:
            with socket.create_connection((HOST, port), timeout=REQUEST_TIMEOUT) as connection:
                attack.slow_connections.append(1)
                connection.settimeout(SLOW_BYTE_SECONDS)
                if sends_head:
                    connection.sendall(SLOW_HEAD)
                while not stop.is_set():
                    try:
                        if connection.recv(4096) == b"":
                            break
                    except TimeoutError:
                        if sends_head:
                            connection.sendall(b"x")
        except OSError:
            stop.wait(SLOW_BYTE_SECONDS)


def attackers(port: int, hostile: list[str], slow: int, costly: int, stop: threading.Event,
              attack: Attack) -> list[threading.Thread]:
    """Start ``slow`` slow clients and ``costly`` clients of hostile queries; they run until ``stop``."""
    threads = [threading.Thread(target=slow_client, args=(port, stop, attack, number % 2 == 0), daemon=True)
               for number in range(slow)]
    threads += [threading.Thread(target=hammer, args=(port, hostile, 1, 0, READY_SECONDS * 10, attack.costly,
                                                      stop), daemon=True) for _ in range(costly)]
    for thread in threads:
        thread.start()
    return threads


def under_attack(port: int, hostile: list[str], args: argparse.Namespace, load: Callable[[], dict]) -> dict:
    """``load()``'s numbers while the attackers run, with what the attackers did."""
    stop = threading.Event()
    attack = Attack()
    threads = attackers(port, hostile, args.slow, args.costly, stop, attack)
    time.sleep(2 * SLOW_BYTE_SECONDS)  # the slow clients hold their connections before the load starts
    try:
        numbers = load()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT)
    costly = summary(attack.costly, 1.0)
    return {**numbers, "slow_connections": len(attack.slow_connections), "costly_requests": costly["requests"],
            "costly_p50_ms": costly["p50_ms"], "costly_max_ms": costly["max_ms"]}


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


def measured(port: int, paths: list[str], args: argparse.Namespace) -> dict:
    """The normal clients' numbers over one run of the query mix."""
    tally = Tally()
    took = hammer(port, paths, args.clients, args.requests, args.seconds, tally)
    return {**summary(tally, took), "first_errors": tally.errors[:5]}


def run_scenarios(index: Path, paths: list[str], hostile: list[str], args: argparse.Namespace) -> dict[str, dict]:
    """Normal load alone, then beside the attackers, then during a rebuild, as asked."""
    scenarios: dict[str, dict] = {}
    port = free_port()
    server = start_server(index, port, args.workers, args.threads, args.worker)
    try:
        wait_until_ready(port, server)
        hammer(port, paths, args.clients, WARM_UP_PER_WORKER * args.workers * args.clients, args.seconds, Tally())
        scenarios["normal only"] = measured(port, paths, args)
        if args.attackers:
            scenarios["with attackers"] = under_attack(port, hostile, args, lambda: measured(port, paths, args))
        if args.during_rebuild:
            def rebuild() -> dict:
                return rebuild_under_load(index, port, paths, args.clients, args.seconds * 10)

            if args.attackers:
                scenarios["with attackers, during a rebuild"] = under_attack(port, hostile, args, rebuild)
            else:
                scenarios["during a rebuild"] = rebuild()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return scenarios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="index to serve (e.g. bench/out/index-x1-light)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=3000, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long in any case")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=SERVE_THREADS, help="threads per worker")
    parser.add_argument("--worker", choices=sorted(WORKERS), default="telusur", help="gunicorn worker class")
    parser.add_argument("--mix", type=int, default=500, help="distinct requests in the query mix")
    parser.add_argument("--attackers", action="store_true", help="also run the load beside slow and costly clients")
    parser.add_argument("--slow", type=int, default=16, help="slow clients holding connections open")
    parser.add_argument("--costly", type=int, default=2, help="clients sending hostile queries back to back")
    parser.add_argument("--during-rebuild", action="store_true",
                        help="also run `telusur index --rebuild` on a copy of the index while loading it")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    index = require(args.index, "index").resolve()
    paths = paths_for(index, args.mix)
    hostile = hostile_paths(index) if args.attackers else []
    with tempfile.TemporaryDirectory(dir=REPO / "bench" / "out") as scratch:
        if args.during_rebuild:
            index = Path(shutil.copytree(index, Path(scratch) / "index"))
        scenarios = run_scenarios(index, paths, hostile, args)
    if args.json:
        print(json.dumps({"clients": args.clients, "workers": args.workers, "threads": args.threads,
                          "worker": args.worker, "scenarios": scenarios}, indent=2))
        return
    print(f"{args.clients} clients, {args.workers} workers x {args.threads} threads ({args.worker} worker); "
          f"attackers: {args.slow} slow, {args.costly} costly; target p95 <= {TARGET_P95_MS:.0f} ms, 0 errors")
    print(f"{'scenario':34} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>8} "
          f"{'errors':>6}  attackers")
    for name, row in scenarios.items():
        met = "met" if row["p95_ms"] <= TARGET_P95_MS and not row["errors"] else "MISSED"
        attack = (f"{row['slow_connections']} slow connections, {row['costly_requests']} costly requests "
                  f"(p50 {row['costly_p50_ms']} ms)" if "slow_connections" in row else "-")
        print(f"{name:34} {row['requests']:8d} {row['requests_per_second']:7.1f} {row['p50_ms']:7.1f} "
              f"{row['p95_ms']:7.1f} {row['p99_ms']:7.1f} {row['max_ms']:8.1f} {row['errors']:6d}  {attack}; {met}")
        if "rebuild_seconds" in row:
            print(f"{'':34} rebuild {row['rebuild_seconds']} s, status {row['rebuild_status']}: "
                  f"{' '.join(row.get('rebuild_report', []))}")
        for error in row.get("first_errors", []):
            print(f"{'':34} error: {error}")


if __name__ == "__main__":
    main()
