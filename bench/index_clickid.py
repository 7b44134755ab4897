"""Index the CLICK-ID corpus from scratch and print docs/s, seconds and peak memory.

    .venv/bin/python bench/index_clickid.py [--corpus PATH] [--limit N] [--stemmer NAME]
        [--without-entities] [--json]

``--without-entities`` replaces entity extraction by nothing, to measure what it adds.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.common import CLICKID, head_of_corpus, peak_rss_mb, require
from search.config import DEFAULT_STEMMER
from search.index import documents
from search.index.builder import build_index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--limit", type=int, help="index only the first N records")
    parser.add_argument("--stemmer", default=DEFAULT_STEMMER)
    parser.add_argument("--without-entities", action="store_true", help="skip entity extraction")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.without_entities:
        documents.extract_entities = lambda text: {"people": [], "countries": [], "organizations": []}
    corpus = require(args.corpus, "CLICK-ID corpus")
    with tempfile.TemporaryDirectory(prefix="telusur-bench-") as scratch:
        source = head_of_corpus(corpus, args.limit, Path(scratch) / "head.jsonl") if args.limit else corpus
        report = build_index(Path(scratch) / "index", [source], stemmer=args.stemmer, rebuild=True)
    numbers = {
        "corpus": str(corpus),
        "stemmer": args.stemmer,
        "entities": not args.without_entities,
        "articles": report.added,
        "failed": report.failed,
        "seconds": round(report.seconds, 1),
        "docs_per_second": round(report.docs_per_second, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print(f"indexed {numbers['articles']} articles ({numbers['failed']} failed) with {args.stemmer} "
              f"in {numbers['seconds']} s: {numbers['docs_per_second']} docs/s, "
              f"peak RSS {numbers['peak_rss_mb']} MiB")


if __name__ == "__main__":
    main()
