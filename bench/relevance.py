"""One relevance table, measured on the path users take, with stock Whoosh beside it.

Usage: python bench/relevance.py [--clickid PATH] [--eval-dir DIR] [--articles N] [--sample N]
                                 [--short N] [--seed S] [--stemmer NAME] [--sets NAME,...] [--json]

Every Telusur number comes from the product: files are read by ``read_sources`` and
indexed by ``build_index`` with default settings (as ``telusur index`` does), and every
query goes through ``search.query.engine.run`` (as ``telusur search`` and the web app do).
Stock Whoosh (whoosh-reloaded, StandardAnalyzer, BM25F with its defaults, the query's
words OR-grouped over title and body) indexes the same articles as read, in the same run:
the given title (none where the source gave none) and the body.

Sets (rows):
- ``facqa``: FacQA dev questions against its 1,369 passages (JSONL without titles);
  MRR@10, R@1, R@10.
- ``untitled``: CLICK-ID with every record's title withheld (as raw ``.txt`` pages or
  feeds without headlines); each sampled article's headline is the query, the article
  the one relevant answer.
- ``titled``: the same with titles indexed (a sanity row: near 1.0).
- ``short``: two- and three-word runs of headline words, lowercased as readers type,
  on the titled index; success is the source article in the top 10 (R@10).
A story's copies count at the position of the result that shows it: the reader sees them
listed under it ("+N berita serupa"); ``--no-group`` measures every copy listed on its own.
Each row also gives the held-out half (queries whose seeded hash is odd), the half
not used when tuning; tune on the even half only.

``--vary NAME=V1,V2,...`` (repeatable) is an experiment, not a product figure: after the
default table, Telusur is measured again for every combination of the values, with the
named ranking weight (a field of ``search.config.Tuning`` in any case: ``BM25_K1``,
``TITLE_BOOST``, ``EXACT_BOOST``, ``PROXIMITY_WEIGHT``, ...) replaced in the ``TUNING``
every engine module reads, or another named constant replaced in every module that holds
it, on the same indexes (every one of these is applied at query time).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import itertools
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import whoosh.index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term
from whoosh.scoring import BM25F

from bench.common import CLICKID, SHARED, require
from search.analysis.stopwords import STOPWORDS
from search.config import DEFAULT_STEMMER
from search.index.builder import build_index
from search.ingest import Article, read_sources
from search.query.engine import search as engine_search
from search.query.live import IndexView, LiveIndex
from search.query.request import SearchRequest

CUTOFF = 10
SETS = ("facqa", "untitled", "titled", "short")
DEFAULT_SAMPLE = 2000
DEFAULT_SHORT = 400
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Query:
    """One evaluation query and the ids that answer it; ``held_out`` marks the half not tuned on."""

    text: str
    relevant: frozenset[str]
    held_out: bool


@dataclass(frozen=True)
class Row:
    name: str
    engine: str
    queries: int
    mrr10: float
    recall1: float
    recall10: float
    held_out_mrr10: float
    p50_ms: float


# One result of a ranking: the article shown and the copies of its story listed under it
# ("+N berita serupa", a click away); stock Whoosh shows one article per result.
Result = tuple[str, ...]


def metrics(rankings: Sequence[tuple[Sequence[Result], frozenset[str]]]) -> tuple[float, float, float]:
    """MRR@10, Recall@1, Recall@10 over (ranked results, relevant ids) pairs: a relevant
    article counts at the position of the result that shows it or lists it as a copy."""
    if not rankings:
        return 0.0, 0.0, 0.0
    rows = []
    for ranked, relevant in rankings:
        top = [set(result) for result in ranked[:CUTOFF]]
        first = next((rank for rank, result in enumerate(top, 1) if result & relevant), None)
        found_first = relevant & top[0] if top else set()
        found = relevant.intersection(set().union(*top))
        rows.append((1 / first if first else 0.0, len(found_first) / len(relevant), len(found) / len(relevant)))
    return tuple(round(statistics.fmean(column), 4) for column in zip(*rows, strict=True))  # type: ignore[return-value]


def held_out(seed: int, key: str) -> bool:
    return hashlib.sha1(f"{seed}:{key}".encode()).digest()[0] % 2 == 1


# --- the data sets, as files the product reads


def facqa_files(eval_dir: Path, work: Path, seed: int) -> tuple[list[Path], list[Query]]:
    passages = require(eval_dir / "facqa_passages.jsonl", "FacQA passages")
    questions = require(eval_dir / "facqa_queries_dev.jsonl", "FacQA dev questions")
    queries = []
    with questions.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if line.strip():
                item = json.loads(line)
                queries.append(Query(item["query"], frozenset(map(str, item["relevant"])),
                                     held_out(seed, f"facqa{number}")))
    return [passages], queries


def clickid_files(corpus: Path, work: Path, articles: int | None) -> tuple[Path, Path]:
    """The corpus (or its first ``articles`` records) as given, and with every title withheld."""
    titled, untitled = work / "clickid-titled.jsonl", work / "clickid-untitled.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as source, titled.open("w", encoding="utf-8") as with_titles, \
            untitled.open("w", encoding="utf-8") as without_titles:
        for number, line in enumerate(source):
            if articles is not None and number >= articles:
                break
            with_titles.write(line)
            record = json.loads(line)
            record.pop("title", None)
            without_titles.write(json.dumps(record, ensure_ascii=False) + "\n")
    return titled, untitled


def headline_queries(titled: Path, sample: int, seed: int) -> list[Query]:
    """Each sampled article's headline, as its source gave it, answered by that article."""
    articles = [item for item in read_sources([titled]) if isinstance(item, Article) and item.title]
    chosen = random.Random(seed).sample(articles, min(sample, len(articles)))
    return [Query(article.title, frozenset({article.id}), held_out(seed, article.id)) for article in chosen]


def short_queries(titled: Path, count: int, seed: int) -> list[Query]:
    """Two or three consecutive headline words with at least two that are no stopwords."""
    rng = random.Random(seed + 1)
    articles = [item for item in read_sources([titled]) if isinstance(item, Article) and item.title]
    rng.shuffle(articles)
    queries = []
    for article in articles:
        words = [word.lower() for word in _WORD.findall(article.title)]
        size = rng.choice((2, 3))
        starts = [start for start in range(len(words) - size + 1)
                  if sum(word not in STOPWORDS for word in words[start:start + size]) >= 2]
        if not starts:
            continue
        start = rng.choice(starts)
        queries.append(Query(" ".join(words[start:start + size]), frozenset({article.id}),
                             held_out(seed, article.id)))
        if len(queries) == count:
            break
    return queries


# --- the engines


class Telusur:
    """The product: ``build_index`` with default settings, ``engine.run`` per query."""

    name = "telusur"

    def __init__(self, files: Sequence[Path], directory: Path, stemmer: str, group: bool = True) -> None:
        report = build_index(directory, files, stemmer=stemmer)
        self.group = group
        self.directory = directory
        self.index_seconds = report.seconds
        self.view: IndexView = LiveIndex(directory).view()

    def reopen(self) -> None:
        """A fresh view, so constants read when a view opens (BM25 norms) take new values."""
        self.view = LiveIndex(self.directory).view()

    def ranked(self, text: str) -> list[Result]:
        hits = engine_search(self.view, SearchRequest(query=text, per_page=CUTOFF, group=self.group)).hits
        return [(hit.id, *(copy.id for copy in hit.similar)) for hit in hits]


class StockWhoosh:
    """Whoosh as a newcomer would set it up, fed the articles exactly as the product read them."""

    name = "whoosh"

    def __init__(self, files: Sequence[Path], directory: Path) -> None:
        started = time.perf_counter()
        self.analyzer = StandardAnalyzer()
        schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=self.analyzer),
                        body=TEXT(analyzer=self.analyzer))
        directory.mkdir(parents=True)
        ix = whoosh.index.create_in(str(directory), schema)
        with ix.writer(limitmb=256) as writer:
            for item in read_sources(files):
                if isinstance(item, Article):
                    writer.add_document(id=item.id, title="" if item.title_derived else item.title, body=item.body)
        self.index_seconds = time.perf_counter() - started
        self.searcher = ix.searcher(weighting=BM25F())

    def ranked(self, text: str) -> list[Result]:
        words = [token.text for token in self.analyzer(text)]
        if not words:
            return []
        query = Or([Term(field, word) for word in dict.fromkeys(words) for field in ("title", "body")])
        return [(hit["id"],) for hit in self.searcher.search(query, limit=CUTOFF)]


def measure(name: str, engine: Telusur | StockWhoosh, queries: Sequence[Query]) -> Row:
    rankings, held, timings = [], [], []
    for query in queries:
        started = time.perf_counter()
        ranked = engine.ranked(query.text)
        timings.append((time.perf_counter() - started) * 1000)
        rankings.append((ranked, query.relevant))
        if query.held_out:
            held.append((ranked, query.relevant))
    mrr, r1, r10 = metrics(rankings)
    return Row(name, engine.name, len(queries), mrr, r1, r10, metrics(held)[0],
               round(statistics.median(timings), 2) if timings else 0.0)


def override(name: str, value: float) -> None:
    """Experiment: the ranking weight ``name`` (a ``Tuning`` field) takes ``value`` in the
    ``TUNING`` of every engine module, or any other constant ``name`` in every module that holds it."""
    from search import config

    engine_modules = [module for module_name, module in list(sys.modules.items())
                      if module_name.split(".")[0] in ("search", "web")]
    weight = name.lower()
    if weight in {field.name for field in dataclasses.fields(config.Tuning)}:
        current = config.TUNING
        tuned = dataclasses.replace(current, **{weight: type(getattr(current, weight))(value)})
        for module in engine_modules:
            if getattr(module, "TUNING", None) is current:
                module.TUNING = tuned  # type: ignore[attr-defined]
        if weight == "title_boost":
            from search.query.parse import compile as compiler

            compiler.TEXT_FIELDS["title"] = value  # type: ignore[index]
        return
    holders = [module for module in engine_modules if hasattr(module, name)]
    if not holders:
        raise SystemExit(f"--vary: no engine module reads {name}")
    for module in holders:
        setattr(module, name, value)


def parse_vary(items: Sequence[str]) -> list[tuple[str, list[float]]]:
    parsed = []
    for item in items:
        name, _, values = item.partition("=")
        parsed.append((name, [float(value) for value in values.split(",") if value]))
    return parsed


def table(rows: Iterable[Row]) -> str:
    by_set: dict[str, dict[str, Row]] = {}
    for row in rows:
        by_set.setdefault(row.name, {})[row.engine] = row
    lines = ["| set | queries | Telusur MRR@10 | R@1 | R@10 | held-out MRR@10 | stock Whoosh MRR@10 | R@1 | R@10 "
             "| held-out | Telusur − Whoosh |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, engines in by_set.items():
        ours, theirs = engines["telusur"], engines["whoosh"]
        lines.append(f"| {name} | {ours.queries} | {ours.mrr10:.4f} | {ours.recall1:.4f} | {ours.recall10:.4f} "
                     f"| {ours.held_out_mrr10:.4f} | {theirs.mrr10:.4f} | {theirs.recall1:.4f} "
                     f"| {theirs.recall10:.4f} | {theirs.held_out_mrr10:.4f} | {ours.mrr10 - theirs.mrr10:+.4f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clickid", type=Path, default=CLICKID, help="CLICK-ID corpus (.jsonl.gz)")
    parser.add_argument("--eval-dir", type=Path, default=SHARED / "eval", help="folder of the FacQA files")
    parser.add_argument("--articles", type=int, default=None, help="index only the first N CLICK-ID records")
    parser.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, help="headline queries per CLICK-ID set")
    parser.add_argument("--short", type=int, default=DEFAULT_SHORT, help="short headline queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stemmer", default=DEFAULT_STEMMER)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated subset of {', '.join(SETS)}")
    parser.add_argument("--vary", action="append", default=[], metavar="NAME=V1,V2",
                        help="experiment: measure Telusur again with a ranking constant at each value")
    parser.add_argument("--no-group", action="store_true",
                        help="list every copy of a story on its own (group=0), as before stories were grouped")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    wanted = [name for name in args.sets.split(",") if name]
    unknown = set(wanted) - set(SETS)
    if unknown:
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}")
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="telusur-relevance-") as scratch:
        work = Path(scratch)
        plans: list[tuple[str, list[Path], Callable[[], list[Query]]]] = []
        if "facqa" in wanted:
            files, queries = facqa_files(args.eval_dir, work, args.seed)
            plans.append(("facqa", files, lambda queries=queries: queries))
        if {"untitled", "titled", "short"} & set(wanted):
            titled, untitled = clickid_files(require(args.clickid, "CLICK-ID corpus"), work, args.articles)
            if "untitled" in wanted:
                plans.append(("untitled", [untitled], lambda: headline_queries(titled, args.sample, args.seed)))
            if "titled" in wanted:
                plans.append(("titled", [titled], lambda: headline_queries(titled, args.sample, args.seed)))
            if "short" in wanted:
                plans.append(("short", [titled], lambda: short_queries(titled, args.short, args.seed)))
        engines: dict[tuple[str, ...], tuple[Telusur, StockWhoosh]] = {}
        planned: list[tuple[str, Telusur, list[Query]]] = []
        for name, files, make_queries in plans:
            key = tuple(map(str, files))
            if key not in engines:
                label = f"ix{len(engines)}"
                engines[key] = (Telusur(files, work / f"{label}-telusur", args.stemmer, group=not args.no_group),
                                StockWhoosh(files, work / f"{label}-whoosh"))
                print(f"indexed {', '.join(path.name for path in files)}: Telusur "
                      f"{engines[key][0].index_seconds:.0f} s, stock Whoosh {engines[key][1].index_seconds:.0f} s",
                      file=sys.stderr)
            queries = make_queries()
            for engine in engines[key]:
                rows.append(measure(name, engine, queries))
            planned.append((name, engines[key][0], queries))
        experiments = vary(parse_vary(args.vary), planned)
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], indent=2))
    else:
        print(f"stemmer {args.stemmer}, seed {args.seed}, CLICK-ID articles {args.articles or 'all'}, "
              f"{time.perf_counter() - started:.0f} s")
        print(table(rows))
        if experiments:
            print("\nExperiment (not product defaults): Telusur MRR@10 (held-out half) per setting")
            names = [row.name for row in rows if row.engine == "telusur"]
            print("| setting | " + " | ".join(names) + " |")
            print("|---|" + "---:|" * len(names))
            for setting, results in experiments:
                print(f"| {setting} | " + " | ".join(f"{r.mrr10:.4f} ({r.held_out_mrr10:.4f})" for r in results) + " |")
    return 0


def vary(grid: list[tuple[str, list[float]]], planned: list[tuple[str, Telusur, list[Query]]]
         ) -> list[tuple[str, list[Row]]]:
    """Every combination of the grid's values, measured on every planned set."""
    if not grid:
        return []
    names = [name for name, _ in grid]
    results = []
    for values in itertools.product(*(values for _, values in grid)):
        for name, value in zip(names, values, strict=True):
            override(name, value)
        for _, telusur, _ in planned:
            telusur.reopen()
        setting = ", ".join(f"{name}={value:g}" for name, value in zip(names, values, strict=True))
        results.append((setting, [measure(name, telusur, queries) for name, telusur, queries in planned]))
        print(f"measured {setting}", file=sys.stderr)
    return results


if __name__ == "__main__":
    sys.exit(main())
