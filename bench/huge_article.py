"""What one huge article costs: indexing memory, its page, and searches that find it.

    .venv/bin/python bench/huge_article.py [--megabytes 50] [--json]

Writes a ``--megabytes`` MB ``.txt`` article, and a ``.jsonl`` file whose one record is
as long, out of the seeds' paragraphs (numbered so no two are alike). Each is indexed
with the seeds in a child process, whose peak RSS is the indexing memory; then the
article's page is rendered through the Flask app (seconds, bytes of HTML) and a word
of it is searched through the engine (p50 and worst of 20 runs).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, own_peak_rss_mb
from search.config import DEFAULT_STEMMER
from search.ingest.limits import MAX_RECORD_BYTES

SEEDS = REPO / "seeds"
SEARCHES = 20
QUERY = "pemerintah"


def paragraphs_from_seeds() -> list[str]:
    """The seeds' body paragraphs: real Indonesian news text from this repository."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines()[2:] if len(line) > 80)
    return found


def huge_text(megabytes: int) -> str:
    """Paragraphs of the seeds, numbered, until the text is ``megabytes`` MB long."""
    source = paragraphs_from_seeds()
    parts, size, number = ["Artikel Sangat Panjang tentang Pemerintah"], 0, 0
    while size < megabytes * 1024 * 1024:
        paragraph = f"{source[number % len(source)]} (bagian {number})"
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
        number += 1
    return "\n\n".join(parts)


def write_sources(kind: str, megabytes: int, folder: Path) -> Path:
    text = huge_text(megabytes)
    if kind == "txt":
        path = folder / "panjang.txt"
        path.write_text(text, encoding="utf-8")
    else:
        path = folder / "panjang.jsonl"
        title, _, body = text.partition("\n\n")
        record = {"id": "panjang", "title": title, "content": body.replace("\n\n", ","), "date": "2020-01-02"}
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def index_in_child(source: Path, index: Path) -> dict:
    """Index the seeds and ``source`` in a fresh process; its report and peak RSS."""
    result = subprocess.run([sys.executable, "-m", "bench.huge_article", "--child", str(source), str(index)], capture_output=True,
                            text=True, check=True, cwd=REPO)
    return json.loads(result.stdout)


def child(source: Path, index: Path) -> None:
    from search.index.builder import build_index

    report = build_index(index, [SEEDS, source], stemmer=DEFAULT_STEMMER, rebuild=True)
    # The document workers forked by the builder count too; they start at this process's size.
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": round(report.seconds, 1), "peak_rss_mb": round(max(own_peak_rss_mb(), workers_mb), 1),
                      "added": report.added, "failed": report.failed,
                      "notes": [str(note) for note in report.notes],
                      "problems": [str(problem) for problem in report.problems]}))


def serve_costs(index: Path, article_id: str) -> dict:
    """The article page (seconds, bytes; 404 when it was not indexed) and a search (ms)."""
    from search.query.engine import search as engine_search
    from search.query.live import LiveIndex
    from search.query.request import SearchRequest
    from web.app import create_app

    client = create_app(index).test_client()
    started = time.perf_counter()
    page = client.get(f"/artikel/{article_id}?q={QUERY}")
    page_seconds = time.perf_counter() - started
    view = LiveIndex(index).view()
    timings = []
    for _ in range(SEARCHES):
        started = time.perf_counter()
        response = engine_search(view, SearchRequest(query=QUERY)).as_json()
        timings.append((time.perf_counter() - started) * 1000)
    assert response["total"]
    return {"page_status": page.status_code, "page_seconds": round(page_seconds, 2),
            "page_kb": round(len(page.get_data()) / 1024, 1),
            "search_p50_ms": round(statistics.median(timings), 1), "search_max_ms": round(max(timings), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    rows = {}
    # A record past MAX_RECORD_BYTES is skipped, so one just under it shows the cost of parsing one.
    record_megabytes = min(args.megabytes, MAX_RECORD_BYTES // 2**20 - 1)
    for kind, megabytes in (("txt", args.megabytes), ("jsonl", args.megabytes), ("jsonl", record_megabytes)):
        with tempfile.TemporaryDirectory(prefix="telusur-huge-") as scratch:
            folder = Path(scratch)
            source = write_sources(kind, megabytes, folder)
            indexed = index_in_child(source, folder / "index")
            rows[f"{kind} {megabytes} MB"] = {"megabytes": round(source.stat().st_size / 2**20, 1), **indexed,
                                              **serve_costs(folder / "index", "panjang")}
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for kind, row in rows.items():
        print(f"{kind}: indexed in {row['seconds']} s, peak RSS {row['peak_rss_mb']} MiB; "
              f"page {row['page_status']} in {row['page_seconds']} s, {row['page_kb']} KB of HTML; search '{QUERY}' p50 "
              f"{row['search_p50_ms']} ms, max {row['search_max_ms']} ms")
        for line in row["notes"] + row["problems"]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
