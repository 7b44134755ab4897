"""Measure an Indonesian analysis on FacQA: every question against 1,369 passages.

Usage: python bench/facqa.py [--stemmer NAME ...] [--eval-dir DIR] [--json]
       [--keep-question-words] [--no-names] [--no-query-names] [--coord SCALE]
       [--pairs BOOST] [--b B] [--k1 K1] [--compiler]

Each stemmer gets a fresh Whoosh index in a temporary directory; each question
becomes an OR of its terms, a term matching its stem or its surface form;
with --compiler, questions go through the engine's query parser and compiler
instead, against passages indexed as the ``body`` of the engine's text fields.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index, scoring
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Phrase, Query, Term

from search.analysis.analyzer import query_terms, text_analyzer
from search.analysis.stemmers import STEMMERS
from search.analysis.stopwords import QUESTION_WORDS, STOPWORDS
from search.config import BM25_B, BM25_K1
from search.query.compile import compile_query
from search.query.syntax import parse

PASSAGES = "facqa_passages.jsonl"
QUERIES = "facqa_queries_dev.jsonl"
DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CUTOFF = 10
# Words between two query terms that still count as "near" for --pairs.
PAIR_SLOP = 4
# Best measured on FacQA (docs/analysis.md); Whoosh's own defaults are 0.75 and 1.2.


@dataclass(frozen=True)
class Variant:
    """What one run varies besides the stemmer."""

    stopwords: frozenset[str] = STOPWORDS
    protect_names: bool = True
    query_names: bool = True
    coord: float | None = None
    pair_boost: float = 0.0
    b: float = BM25_B
    k1: float = BM25_K1
    compiler: bool = False


@dataclass(frozen=True)
class Result:
    """One row of the table."""

    stemmer: str
    mrr10: float
    recall1: float
    recall10: float
    index_seconds: float
    query_p50_ms: float


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_eval(eval_dir: Path) -> tuple[list[dict], list[dict]]:
    missing = [name for name in (PASSAGES, QUERIES) if not (eval_dir / name).is_file()]
    if missing:
        print(f"FacQA files not found in {eval_dir}: {', '.join(missing)} (use --eval-dir)", file=sys.stderr)
        sys.exit(2)
    return read_jsonl(eval_dir / PASSAGES), read_jsonl(eval_dir / QUERIES)


def build_index(directory: str, passages: list[dict], stemmer: str, variant: Variant) -> float:
    analyzer = text_analyzer(stemmer, protect_names=variant.protect_names, stopwords=variant.stopwords)
    field = "body" if variant.compiler else "content"
    text_fields = ("title", "body") if variant.compiler else ("content",)
    schema = Schema(id=ID(stored=True, unique=True), **{name: TEXT(analyzer=analyzer) for name in text_fields})
    started = time.perf_counter()
    writer = index.create_in(directory, schema).writer()
    for passage in passages:
        writer.add_document(id=passage["id"], **{field: passage["content"]})
    writer.commit()
    return time.perf_counter() - started


def build_query(text: str, stemmer: str, variant: Variant) -> Query | None:
    if variant.compiler:
        return compile_query(parse(text), stemmer).query
    terms = query_terms(text, stemmer, protect_names=variant.query_names, stopwords=variant.stopwords)
    clauses: list[Query] = []
    for term in terms:
        if term.stem == term.surface:
            clauses.append(Term("content", term.stem))
        else:
            clauses.append(Or([Term("content", term.stem), Term("content", term.surface)]))
    if variant.pair_boost:
        clauses.extend(
            Phrase("content", [left.stem, right.stem], slop=PAIR_SLOP, boost=variant.pair_boost)
            for left, right in zip(terms, terms[1:])
        )
    return Or(clauses, scale=variant.coord) if clauses else None


def evaluate(directory: str, queries: list[dict], stemmer: str, variant: Variant) -> tuple[float, float, float, float]:
    """(MRR@10, Recall@1, Recall@10, median query milliseconds)."""
    reciprocal_ranks, recall1, recall10, timings = [], [], [], []
    weighting = scoring.BM25F(B=variant.b, K1=variant.k1)
    with index.open_dir(directory).searcher(weighting=weighting) as searcher:
        for item in queries:
            relevant = set(item["relevant"])
            started = time.perf_counter()
            query = build_query(item["query"], stemmer, variant)
            ranked = [hit["id"] for hit in searcher.search(query, limit=CUTOFF)] if query else []
            timings.append((time.perf_counter() - started) * 1000)
            first = next((rank for rank, doc in enumerate(ranked, 1) if doc in relevant), None)
            reciprocal_ranks.append(1 / first if first else 0.0)
            recall1.append(len(relevant & set(ranked[:1])) / len(relevant))
            recall10.append(len(relevant & set(ranked)) / len(relevant))
    mean = statistics.fmean
    return mean(reciprocal_ranks), mean(recall1), mean(recall10), statistics.median(timings)


def measure(passages: list[dict], queries: list[dict], stemmer: str, variant: Variant) -> Result:
    with tempfile.TemporaryDirectory(prefix="facqa-") as directory:
        seconds = build_index(directory, passages, stemmer, variant)
        mrr, r1, r10, p50 = evaluate(directory, queries, stemmer, variant)
    return Result(stemmer, round(mrr, 4), round(r1, 4), round(r10, 4), round(seconds, 2), round(p50, 2))


def print_table(results: list[Result]) -> None:
    print(f"{'stemmer':<10} {'MRR@10':>7} {'R@1':>7} {'R@10':>7} {'index s':>8} {'q p50 ms':>9}")
    for r in results:
        print(
            f"{r.stemmer:<10} {r.mrr10:>7.4f} {r.recall1:>7.4f} {r.recall10:>7.4f}"
            f" {r.index_seconds:>8.2f} {r.query_p50_ms:>9.2f}"
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stemmer", action="append", choices=sorted(STEMMERS), help="repeatable; default all")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--keep-question-words", action="store_true", help="do not stop apa, siapa, ...")
    parser.add_argument("--no-names", action="store_true", help="stem capitalised words too")
    parser.add_argument("--no-query-names", action="store_true", help="stem capitalised query words only")
    parser.add_argument("--coord", type=float, default=None, help="Or coordination scale, e.g. 0.9")
    parser.add_argument("--pairs", type=float, default=0.0, help="boost for adjacent query terms found near")
    parser.add_argument("--b", type=float, default=BM25_B, help="BM25 B")
    parser.add_argument("--k1", type=float, default=BM25_K1, help="BM25 K1")
    parser.add_argument("--compiler", action="store_true", help="questions through search.query's parser and compiler")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    passages, queries = load_eval(args.eval_dir)
    variant = Variant(
        stopwords=STOPWORDS - QUESTION_WORDS if args.keep_question_words else STOPWORDS,
        protect_names=not args.no_names,
        query_names=not (args.no_names or args.no_query_names),
        coord=args.coord,
        pair_boost=args.pairs,
        b=args.b,
        k1=args.k1,
        compiler=args.compiler,
    )
    results = [measure(passages, queries, name, variant) for name in args.stemmer or list(STEMMERS)]
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
