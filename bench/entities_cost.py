"""What entity extraction costs an index build: CLICK-ID indexed with and without it, in one run.

    .venv/bin/python bench/entities_cost.py [--corpus PATH] [--limit N] [--rounds R] [--json]
    .venv/bin/python bench/entities_cost.py --limit 1500 --evidence-rounds 4

Builds the index from scratch with the default settings (``build_index``, what ``telusur
index`` runs), once as shipped and once with extraction replaced by nothing, alternating
``--rounds`` times (which goes first alternates too) so both see the same machine load, and
prints the median wall-clock seconds of each and the share of the build that extraction
takes: (with - without) / with. Also the CPU time of extraction alone, measured in this
process over the same articles. Exit status 2 when the corpus is absent.

Every build runs in a fresh interpreter (``--one-build``): a process keeps what one build
learned for the next, above all the stemmer's memory of every word it stemmed
(``shared_stemmer`` is one per process, and forked index workers inherit it), so a second
build in the same process stemmed nothing. With both builds in one process, the one without
entities always came second and was timed without stemming (110 s against 187 s on CLICK-ID,
41%); in fresh processes the two differ by what extraction costs (109.9 s against 90.4 s,
18%, two rounds at 1cc136c, ~20 s: extraction's 40 CPU s on two workers).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from bench.common import CLICKID, REPO, head_of_corpus, require
from search.config import DEFAULT_STEMMER
from search.entities import extract_entities
from search.entities.name_words import counts_withheld
from search.facet_table import ENTITY_FACETS
from search.index import documents
from search.index.builder import build_index
from search.ingest.model import Article
from search.ingest.readers import read_sources

NO_ENTITIES: dict[str, list[str]] = {facet: [] for facet in ENTITY_FACETS}


def one_build(source: Path, root: Path, with_entities: bool) -> float:
    """Seconds of one fresh build of ``source`` into ``root`` by this process, with or without
    entity extraction (the index workers are forked, so they see the replacement)."""
    documents.extract_entities = extract_entities if with_entities else (lambda text: NO_ENTITIES)
    started = time.perf_counter()
    build_index(root, [source], stemmer=DEFAULT_STEMMER, rebuild=True)
    return time.perf_counter() - started


def timed_build(source: Path, scratch: Path, with_entities: bool) -> float:
    """Seconds of one fresh build of ``source`` in a new interpreter (``--one-build``), so no
    build inherits another's stems or caches; the index is removed afterwards."""
    root = scratch / f"index-{with_entities}-{time.perf_counter()}"
    command = [sys.executable, "-m", "bench.entities_cost", "--one-build", "with" if with_entities else "without",
               "--corpus", str(source), "--index", str(root)]
    finished = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    shutil.rmtree(root, ignore_errors=True)
    return float(finished.stdout)


def extraction_seconds(source: Path) -> tuple[float, int]:
    """CPU seconds of extraction alone over the articles, as the indexer passes them."""
    texts = [article.body if article.title_derived else f"{article.title}\n\n{article.body}"
             for article in read_sources([source]) if isinstance(article, Article)]
    extract_entities("")
    started = time.process_time()
    for text in texts:
        extract_entities(text)
    return time.process_time() - started, len(texts)


def evidence_rounds(source: Path, rounds: int) -> dict[str, list[float]]:
    """Extraction ms/article in this one warm process with the corpus's word evidence
    (``name_words_corpus.tsv``) read and withheld, alternating: what its rules cost, on the same
    code, as a ratio a loaded machine leaves readable (issue 14's fourth round)."""
    texts = [article.body if article.title_derived else f"{article.title}\n\n{article.body}"
             for article in read_sources([source]) if isinstance(article, Article)]
    for text in texts:
        extract_entities(text)
    times: dict[str, list[float]] = {"with_evidence": [], "without_evidence": []}
    for round_number in range(rounds):
        for withheld in (False, True) if round_number % 2 == 0 else (True, False):
            with counts_withheld() if withheld else nullcontext():
                started = time.process_time()
                for text in texts:
                    extract_entities(text)
                seconds = time.process_time() - started
            times["without_evidence" if withheld else "with_evidence"].append(round(1000 * seconds / len(texts), 3))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--limit", type=int, help="index only the first N records")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one-build", choices=("with", "without"),
                        help="(internal) build --corpus into --index once and print the seconds")
    parser.add_argument("--index", type=Path, help="(internal) the index root of --one-build")
    parser.add_argument("--evidence-rounds", type=int,
                        help="instead of builds: extraction alone over --limit records with the corpus word "
                             "evidence read and withheld, alternating this many times, in one process")
    args = parser.parse_args()
    corpus = require(args.corpus, "CLICK-ID corpus")
    if args.evidence_rounds:
        with tempfile.TemporaryDirectory(prefix="telusur-entities-cost-") as scratch_name:
            source = head_of_corpus(corpus, args.limit, Path(scratch_name) / "head.jsonl") if args.limit else corpus
            times = evidence_rounds(source, args.evidence_rounds)
        times["ratio_of_medians"] = [round(statistics.median(times["with_evidence"])
                                           / statistics.median(times["without_evidence"]), 3)]
        print(json.dumps(times, indent=2))
        return
    if args.one_build:
        if args.index is None:
            parser.error("--one-build needs --index")
        print(one_build(corpus, args.index, with_entities=args.one_build == "with"))
        return
    with_times: list[float] = []
    without_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="telusur-entities-cost-") as scratch_name:
        scratch = Path(scratch_name)
        source = head_of_corpus(corpus, args.limit, scratch / "head.jsonl") if args.limit else corpus
        for round_number in range(args.rounds):
            for entities_on in (True, False) if round_number % 2 == 0 else (False, True):
                times = with_times if entities_on else without_times
                times.append(timed_build(source, scratch, entities_on))
        alone, articles = extraction_seconds(source)
    with_entities, without = statistics.median(with_times), statistics.median(without_times)
    report = {"corpus": str(corpus), "articles": articles, "rounds": args.rounds,
              "seconds_with_entities": round(with_entities, 1), "seconds_without_entities": round(without, 1),
              "rounds_with_entities": [round(seconds, 1) for seconds in with_times],
              "rounds_without_entities": [round(seconds, 1) for seconds in without_times],
              "extraction_share": round((with_entities - without) / with_entities, 3),
              "extraction_cpu_seconds": round(alone, 1),
              "extraction_ms_per_article": round(1000 * alone / max(1, articles), 2)}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{articles} articles: {report['seconds_with_entities']} s with entities, "
          f"{report['seconds_without_entities']} s without; extraction is "
          f"{100 * report['extraction_share']:.1f}% of the build "
          f"({report['extraction_cpu_seconds']} CPU s alone, {report['extraction_ms_per_article']} ms/article)")


if __name__ == "__main__":
    main()
