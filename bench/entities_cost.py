"""What entity extraction costs an index build: CLICK-ID indexed with and without it, in one run.

    .venv/bin/python bench/entities_cost.py [--corpus PATH] [--limit N] [--rounds R] [--json]

Builds the index from scratch with the default settings (``build_index``, what ``telusur
index`` runs), once as shipped and once with extraction replaced by nothing, alternating
``--rounds`` times so both see the same machine load, and prints the wall-clock seconds of
each and the share of the build that extraction takes: (with - without) / with. Also the
CPU time of extraction alone, measured in this process over the same articles. Exit
status 2 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import CLICKID, head_of_corpus, require
from search.config import DEFAULT_STEMMER
from search.entities import extract_entities
from search.facet_table import ENTITY_FACETS
from search.index import documents
from search.index.builder import build_index
from search.ingest.model import Article
from search.ingest.readers import read_sources

NO_ENTITIES: dict[str, list[str]] = {facet: [] for facet in ENTITY_FACETS}


def timed_build(source: Path, scratch: Path, with_entities: bool) -> float:
    """Seconds of one fresh build of ``source``, with or without entity extraction."""
    documents.extract_entities = extract_entities if with_entities else (lambda text: NO_ENTITIES)
    started = time.perf_counter()
    build_index(scratch / f"index-{with_entities}-{started}", [source], stemmer=DEFAULT_STEMMER, rebuild=True)
    return time.perf_counter() - started


def extraction_seconds(source: Path) -> tuple[float, int]:
    """CPU seconds of extraction alone over the articles, as the indexer passes them."""
    texts = [article.body if article.title_derived else f"{article.title}\n\n{article.body}"
             for article in read_sources([source]) if isinstance(article, Article)]
    extract_entities("")
    started = time.process_time()
    for text in texts:
        extract_entities(text)
    return time.process_time() - started, len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--limit", type=int, help="index only the first N records")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    corpus = require(args.corpus, "CLICK-ID corpus")
    with_times, without_times = [], []
    with tempfile.TemporaryDirectory(prefix="telusur-entities-cost-") as scratch_name:
        scratch = Path(scratch_name)
        source = head_of_corpus(corpus, args.limit, scratch / "head.jsonl") if args.limit else corpus
        for _ in range(args.rounds):
            with_times.append(timed_build(source, scratch, with_entities=True))
            without_times.append(timed_build(source, scratch, with_entities=False))
        alone, articles = extraction_seconds(source)
    with_entities, without = statistics.median(with_times), statistics.median(without_times)
    report = {"corpus": str(corpus), "articles": articles, "rounds": args.rounds,
              "seconds_with_entities": round(with_entities, 1), "seconds_without_entities": round(without, 1),
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
