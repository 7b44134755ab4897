"""CPU per article of each stage an index worker runs, and of the writer's share, in one process.

    .venv/bin/python -m bench.index_stages [--corpus PATH] [--limit N] [--json]

The first ``--limit`` CLICK-ID records (default 3,000) go through the stages of
``search.index.builder._prepare`` one article at a time, in the order a worker meets them
(so the stemmer's and the language detector's memories warm up as in a build), each stage
timed with ``time.process_time``: parsing and cleaning, the content hash, entities,
language, fingerprint, analysis of the body and of the other fields, pickling the
worker's result and the record sent to it; then the writer's ``add_analysed`` and the
flush of those articles. Figures are milliseconds of CPU per article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import whoosh.index

from bench.common import CLICKID, require
from search.analysis.analyzer import shared_stemmer
from search.config import DEFAULT_STEMMER
from search.index import documents
from search.index.builder import _Prepared
from search.index.documents import content_hash
from search.index.schema import BODY, build_schema
from search.index.writer import BuildWriter, analyse_document
from search.ingest import Article
from search.ingest.limits import DEFAULT_LIMIT
from search.ingest.readers import UnparsedRecord

T = TypeVar("T")


class _Clock:
    """Seconds of CPU per stage, summed over the articles."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def time(self, stage: str, work: Callable[..., T], *args: Any) -> T:
        started = time.process_time()
        result = work(*args)
        self.seconds[stage] += time.process_time() - started
        return result

    def wrap(self, stage: str, work: Callable[..., T]) -> Callable[..., T]:
        return lambda *args: self.time(stage, work, *args)


def _round_trip(item: object) -> object:
    return pickle.loads(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))


def _records(corpus: Path, limit: int) -> list[UnparsedRecord]:
    with gzip.open(corpus) if corpus.suffix == ".gz" else open(corpus, "rb") as lines:
        return [UnparsedRecord(line, str(corpus), number, DEFAULT_LIMIT)
                for number, line in zip(range(1, limit + 1), lines, strict=False)]


def measure(corpus: Path, limit: int, stemmer: str) -> dict[str, float]:
    """Milliseconds of CPU per article of each stage over the first ``limit`` records."""
    clock = _Clock()
    documents.extract_entities = clock.wrap("entities", documents.extract_entities)
    documents.detect_language = clock.wrap("language", documents.detect_language)
    documents.story_fingerprint = clock.wrap("fingerprint", documents.story_fingerprint)
    memory = shared_stemmer(stemmer)
    articles = 0
    with tempfile.TemporaryDirectory(prefix="telusur-stages-") as scratch:
        ix = whoosh.index.create_in(scratch, build_schema(stemmer))
        schema = ix.schema
        writer = BuildWriter(ix, limitmb=256)
        for record in _records(corpus, limit):
            clock.time("pickling: record to worker", _round_trip, record)
            article = clock.time("parse + clean", record.parse)
            if not isinstance(article, Article):
                continue
            articles += 1
            digest = clock.time("content hash", content_hash, article)
            document = clock.time("to_document (all)", documents.to_document, article, digest)
            known = len(memory)
            body = {BODY: document[BODY]}
            others = {name: value for name, value in document.items() if name != BODY}
            analysed = clock.time("analysis: body", analyse_document, schema, body)
            analysed.update(clock.time("analysis: other fields", analyse_document, schema, others))
            prepared = _Prepared(article.id, article.origin, article.line, article.notes, False,
                                 document, analysed, memory.learned_since(known))
            sent = clock.time("pickling: result to writer", pickle.dumps, prepared, pickle.HIGHEST_PROTOCOL)
            received = clock.time("writer: unpickling", pickle.loads, sent)
            clock.time("writer: add_analysed", writer.add_analysed, received.document, received.analysed)
        clock.time("writer: flush (commit)", writer.commit)
        ix.close()
    seconds = dict(clock.seconds)
    inner = sum(seconds[name] for name in ("entities", "language", "fingerprint"))
    seconds["to_document (rest)"] = seconds.pop("to_document (all)") - inner
    return {stage: round(1000 * spent / articles, 3) for stage, spent in seconds.items()} | {"articles": articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--stemmer", default=DEFAULT_STEMMER)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    stages = measure(require(args.corpus, "CLICK-ID corpus"), args.limit, args.stemmer)
    if args.json:
        print(json.dumps(stages, indent=2))
        return
    articles = stages.pop("articles")
    worker = sum(ms for stage, ms in stages.items() if not stage.startswith("writer"))
    for stage, ms in stages.items():
        print(f"{stage:32} {ms:7.3f} ms")
    print(f"{'workers, total':32} {worker:7.3f} ms  ({articles} articles)")


if __name__ == "__main__":
    main()
