"""Survey the entity facets on CLICK-ID articles, the place to read what junk the real corpus gets.

    .venv/bin/python bench/entities_clickid.py [--corpus PATH] [--articles N] [--top K]
                                               [--sample S] [--seed N] [--long N] [--json]

Runs the extractor on N articles evenly spread over the corpus, cleaned exactly as the
indexer sees them (``read_sources``, title + body), and prints per facet: distinct values,
the K most frequent, a fixed-seed random sample of S values from the long tail (outside
the top K) for counting junk by eye, and up to ``--long`` values of 4+ words (names that
long are where headline fragments and title suffixes show). Also ms/article of extraction
alone (lists already loaded).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from bench.common import CLICKID, require
from search.entities import extract_entities
from search.entities.scoring import FACETS
from search.ingest.model import Article
from search.ingest.readers import count_items, read_sources

LONG_WORDS = 4


def sample_texts(corpus: Path, limit: int) -> list[str]:
    """Title + body of ``limit`` articles at an even stride over the corpus."""
    stride = max(1, count_items([corpus]) // max(1, limit))
    texts = []
    for number, item in enumerate(read_sources([corpus])):
        if number % stride or not isinstance(item, Article):
            continue
        texts.append(f"{item.title}\n\n{item.body}")
        if len(texts) >= limit:
            break
    return texts


def survey(texts: list[str], top: int, sample: int, seed: int, long: int) -> dict:
    """Counts, top values, a long-tail sample and the long values of each facet, plus speed."""
    extract_entities("")
    started = time.perf_counter()
    results = [extract_entities(text) for text in texts]
    elapsed = time.perf_counter() - started
    facets = {}
    for facet in FACETS:
        counter = Counter(value for result in results for value in result[facet])
        ranked = [value for value, _ in counter.most_common()]
        tail = sorted(ranked[top:])
        facets[facet] = {
            "distinct": len(counter),
            "top": counter.most_common(top),
            "tail_sample": sorted(random.Random(seed).sample(tail, min(sample, len(tail)))),
            "long": [value for value in tail if len(value.split()) >= LONG_WORDS][:long],
            "long_total": sum(len(value.split()) >= LONG_WORDS for value in counter),
        }
    return {"articles": len(texts), "ms_per_article": round(1000 * elapsed / max(1, len(texts)), 3),
            "facets": facets}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--long", type=int, default=200, help="list at most N values of 4+ words")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = sample_texts(require(args.corpus, "CLICK-ID corpus"), args.articles)
    report = survey(texts, args.top, args.sample, args.seed, args.long)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print(f"CLICK-ID (William & Sari, 2020, CC BY 4.0): {report['articles']} articles, "
          f"{report['ms_per_article']} ms/article")
    for facet, found in report["facets"].items():
        print(f"\n== {facet}: {found['distinct']} distinct, {found['long_total']} of {LONG_WORDS}+ words")
        print("top: " + ", ".join(f"{value} ({count})" for value, count in found["top"]))
        print("tail sample: " + " | ".join(found["tail_sample"]))
        print(f"{LONG_WORDS}+ words: " + " | ".join(found["long"]))


if __name__ == "__main__":
    main()
