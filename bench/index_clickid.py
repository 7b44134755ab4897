"""Index the CLICK-ID corpus from scratch and print docs/s, seconds and peak memory.

    .venv/bin/python bench/index_clickid.py [--corpus PATH] [--limit N] [--stemmer NAME]
        [--without-entities] [--stock-whoosh] [--json]

``--without-entities`` replaces entity extraction by nothing, to measure what it adds.
``--stock-whoosh`` builds the yardstick instead: stock Whoosh (default ``TEXT`` analysis,
one writer, ``index.writer()`` as it comes) indexing the same titles and bodies, as read
by the same ``read_sources``, stored, with the id; no language, no entities. Its seconds
count the reading too, as the product's do. Run each in its own process under
``/usr/bin/time -v`` so every figure is that run's own peak RSS:

    flock /tmp/telusur-cpu.lock /usr/bin/time -v python -m bench.index_clickid --stock-whoosh
    flock /tmp/telusur-cpu.lock /usr/bin/time -v python -m search index CORPUS --index DIR --rebuild
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import whoosh.index
from whoosh import fields as whoosh_fields

from bench.common import CLICKID, head_of_corpus, peak_rss_mb, require
from search.config import DEFAULT_STEMMER
from search.index import documents
from search.index.builder import build_index
from search.ingest import Article, read_sources


def stock_whoosh_build(source: Path, folder: Path) -> tuple[int, float]:
    """Articles indexed and seconds of a stock Whoosh build of ``source``'s text."""
    started = time.perf_counter()
    schema = whoosh_fields.Schema(id=whoosh_fields.ID(stored=True, unique=True),
                                  title=whoosh_fields.TEXT(stored=True), body=whoosh_fields.TEXT(stored=True))
    writer = whoosh.index.create_in(str(folder), schema).writer()
    articles = 0
    for item in read_sources([source]):
        if isinstance(item, Article):
            writer.add_document(id=item.id, title=item.title, body=item.body)
            articles += 1
    writer.commit()
    return articles, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--limit", type=int, help="index only the first N records")
    parser.add_argument("--stemmer", default=DEFAULT_STEMMER)
    parser.add_argument("--without-entities", action="store_true", help="skip entity extraction")
    parser.add_argument("--stock-whoosh", action="store_true", help="stock Whoosh on the same text instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.without_entities:
        documents.extract_entities = lambda text: {"people": [], "countries": [], "organizations": []}
    corpus = require(args.corpus, "CLICK-ID corpus")
    with tempfile.TemporaryDirectory(prefix="telusur-bench-") as scratch:
        source = head_of_corpus(corpus, args.limit, Path(scratch) / "head.jsonl") if args.limit else corpus
        (Path(scratch) / "index").mkdir()
        if args.stock_whoosh:
            (articles, seconds), failed = stock_whoosh_build(source, Path(scratch) / "index"), 0
        else:
            report = build_index(Path(scratch) / "index", [source], stemmer=args.stemmer, rebuild=True)
            articles, failed, seconds = report.added, report.failed, report.seconds
    engine = "stock Whoosh" if args.stock_whoosh else args.stemmer
    numbers = {
        "corpus": str(corpus),
        "engine": engine,
        "entities": not (args.without_entities or args.stock_whoosh),
        "articles": articles,
        "failed": failed,
        "seconds": round(seconds, 1),
        "docs_per_second": round((articles + failed) / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print(f"indexed {numbers['articles']} articles ({numbers['failed']} failed) with {engine} "
              f"in {numbers['seconds']} s: {numbers['docs_per_second']} docs/s, "
              f"peak RSS {numbers['peak_rss_mb']} MiB")


if __name__ == "__main__":
    main()
