"""Measure ranking on FacQA: every dev question against the 1,369 passages.

Usage: python bench/facqa.py [--engine | --plain] [--stemmer NAME ...] [--eval-dir DIR] [--json]
       engine mode:  [--folds] [--ceiling] [--clickid N] [--corpus PATH]
       plain mode:   [--keep-question-words] [--no-names] [--no-query-names] [--coord SCALE]
                     [--pairs BOOST] [--b B] [--k1 K1] [--compiler]

--engine (the default) measures the product: passages go through the project's own
pipeline (``Article`` → ``to_document``, so language and entities are filled, into a
``build_schema`` index opened with ``LiveIndex``) and every question through
``search.query.engine.run``. Three rankings are reported: the engine's page as it is,
BM25's top 10 (the engine's first CANDIDATES hits in score order) and the answer-type
re-rank of those hits (``search.query.answer_page.rerank_page``): the re-rank is measured
whether or not the engine calls it yet, and once it does, the first row must equal the third.
--folds adds the two-fold split grouped by relevant passage: per fold the constants' result,
and the result of each class's weight and tau fitted on the other fold (held out).
--ceiling measures what caps lexical ranking on FacQA: relevant passages with a near-duplicate
and questions sharing no analysed word with their passage.
--clickid N times the re-rank on an index of the first N CLICK-ID articles, where it reads
whole news articles rather than short passages, and compares windows with whole bodies.

--plain runs the experiments of docs/analysis.md (any plain-mode option implies it):
each stemmer gets a fresh Whoosh index in a temporary directory; each question becomes
an OR of its terms, a term matching its stem or its surface form; with --compiler,
questions go through the engine's query parser and compiler instead, against passages
indexed as the ``body`` of the engine's text fields.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import whoosh.index
from whoosh import index, scoring
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Phrase, Query, Term

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CLICKID, head_of_corpus, require  # noqa: E402

from search.analysis.analyzer import query_terms, shared_stemmer, text_analyzer  # noqa: E402
from search.analysis.stemmers import STEMMERS  # noqa: E402
from search.analysis.stopwords import QUESTION_WORDS, STOPWORDS  # noqa: E402
from search.config import BM25_B, BM25_K1, DEFAULT_STEMMER  # noqa: E402
from search.index.builder import build_index as build_news_index  # noqa: E402
from search.index.documents import content_hash, to_document  # noqa: E402
from search.index.schema import build_schema  # noqa: E402
from search.index.store import new_generation, publish, stems_path, write_metadata  # noqa: E402
from search.ingest import Article  # noqa: E402
from search.query.answer_page import BODY, asked_words, load_candidates, rerank_page  # noqa: E402
from search.query.answer_tokens import AnswerClass  # noqa: E402
from search.query.answer_type import (  # noqa: E402
    CANDIDATES,
    TUNING,
    Candidate,
    Tuning,
    answer_contexts,
    question_class,
    reorder,
)
from search.query.compile import compile_query  # noqa: E402
from search.query.engine import run  # noqa: E402
from search.query.live import IndexView, LiveIndex  # noqa: E402
from search.query.request import SearchRequest  # noqa: E402
from search.query.syntax import parse  # noqa: E402

PASSAGES = "facqa_passages.jsonl"
QUERIES = "facqa_queries_dev.jsonl"
DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CUTOFF = 10
# Words between two query terms that still count as "near" for --pairs.
PAIR_SLOP = 4
# Options of the plain mode only: giving one selects it.
PLAIN_OPTIONS = ("keep_question_words", "no_names", "no_query_names", "coord", "pairs", "b", "k1", "compiler")
# What --folds fits per answer class on one fold, for the other.
FIT_WEIGHTS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)
FIT_TAUS = (3.0, 6.0)
FOLDS = (0, 1)
# Passages whose analysed words overlap this much (Jaccard) are near-duplicates for --ceiling.
NEAR_DUPLICATE = 0.8


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_eval(eval_dir: Path) -> tuple[list[dict], list[dict]]:
    missing = [name for name in (PASSAGES, QUERIES) if not (eval_dir / name).is_file()]
    if missing:
        print(f"FacQA files not found in {eval_dir}: {', '.join(missing)} (use --eval-dir)", file=sys.stderr)
        sys.exit(2)
    return read_jsonl(eval_dir / PASSAGES), read_jsonl(eval_dir / QUERIES)


@dataclass(frozen=True)
class Scores:
    """MRR@10, Recall@1 and Recall@10 over some questions."""

    mrr10: float
    recall1: float
    recall10: float

    @classmethod
    def of(cls, rankings: Iterable[tuple[Sequence[str], frozenset[str]]]) -> Scores:
        """From (ranked ids, relevant ids) pairs."""
        rows = [_question_scores(ranked[:CUTOFF], relevant) for ranked, relevant in rankings]
        if not rows:
            return cls(0.0, 0.0, 0.0)
        return cls(*(round(statistics.fmean(column), 4) for column in zip(*rows)))


def _question_scores(ranked: Sequence[str], relevant: frozenset[str]) -> tuple[float, float, float]:
    first = next((rank for rank, doc in enumerate(ranked, 1) if doc in relevant), None)
    return (1 / first if first else 0.0, len(relevant & set(ranked[:1])) / len(relevant),
            len(relevant & set(ranked)) / len(relevant))


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2) if ordered else 0.0


# --- plain mode: the analysis experiments of docs/analysis.md


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


def build_index(directory: str, passages: list[dict], stemmer: str, variant: Variant) -> float:
    analyzer = text_analyzer(stemmer, protect_names=variant.protect_names, stopwords=variant.stopwords)
    field_name = "body" if variant.compiler else "content"
    text_fields = ("title", "body") if variant.compiler else ("content",)
    schema = Schema(id=ID(stored=True, unique=True), **{name: TEXT(analyzer=analyzer) for name in text_fields})
    started = time.perf_counter()
    writer = index.create_in(directory, schema).writer()
    for passage in passages:
        writer.add_document(id=passage["id"], **{field_name: passage["content"]})
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


def evaluate(directory: str, queries: list[dict], stemmer: str, variant: Variant) -> tuple[Scores, float]:
    """Scores and the median query milliseconds."""
    rankings, timings = [], []
    weighting = scoring.BM25F(B=variant.b, K1=variant.k1)
    with index.open_dir(directory).searcher(weighting=weighting) as searcher:
        for item in queries:
            started = time.perf_counter()
            query = build_query(item["query"], stemmer, variant)
            ranked = [hit["id"] for hit in searcher.search(query, limit=CUTOFF)] if query else []
            timings.append((time.perf_counter() - started) * 1000)
            rankings.append((ranked, frozenset(item["relevant"])))
    return Scores.of(rankings), statistics.median(timings)


def measure(passages: list[dict], queries: list[dict], stemmer: str, variant: Variant) -> Result:
    with tempfile.TemporaryDirectory(prefix="facqa-") as directory:
        seconds = build_index(directory, passages, stemmer, variant)
        scores, p50 = evaluate(directory, queries, stemmer, variant)
    return Result(stemmer, scores.mrr10, scores.recall1, scores.recall10, round(seconds, 2), round(p50, 2))


def print_table(results: list[Result]) -> None:
    print(f"{'stemmer':<10} {'MRR@10':>7} {'R@1':>7} {'R@10':>7} {'index s':>8} {'q p50 ms':>9}")
    for r in results:
        print(
            f"{r.stemmer:<10} {r.mrr10:>7.4f} {r.recall1:>7.4f} {r.recall10:>7.4f}"
            f" {r.index_seconds:>8.2f} {r.query_p50_ms:>9.2f}"
        )


def plain_main(args: argparse.Namespace, passages: list[dict], queries: list[dict]) -> None:
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


# --- engine mode: the product's pipeline, with and without the answer-type re-rank


@dataclass
class Answered:
    """One question answered through the engine, with what re-scoring it needs."""

    relevant: frozenset[str]
    forms: frozenset[str]
    fold: int
    question: AnswerClass | None
    engine: list[str]
    candidates: list[Candidate]
    reranked: list[str]
    engine_ms: float
    rerank_ms: float | None
    contexts: dict[float, list[float]] = field(default_factory=dict)


def fold_of(item: dict) -> int:
    """The researcher's split: by relevant passage, so a passage's questions share a fold."""
    return hashlib.md5(item["relevant"][0].encode()).digest()[0] & 1


def build_passage_index(root: Path, passages: list[dict], stemmer: str, origin: str) -> float:
    """Index the passages as articles without a title, through the project's own documents
    (a derived title would repeat body text in the boosted title field)."""
    started = time.perf_counter()
    generation = new_generation(root)
    ix = whoosh.index.create_in(str(generation), build_schema(stemmer))
    write_metadata(generation, {"stemmer": stemmer})
    with ix.writer() as writer:
        for passage in passages:
            article = Article(passage["id"], title="", body=passage["content"], origin=origin)
            writer.add_document(**to_document(article, content_hash(article)))
    ix.close()
    shared_stemmer(stemmer).save(stems_path(generation))
    publish(root, generation)
    return time.perf_counter() - started


def first_stage(view: IndexView, query: str, docnums: dict[str, int]) -> list[tuple[int, float]]:
    """The engine's first CANDIDATES hits in BM25 order, ties by document number as the engine
    breaks them (its page may already be re-ranked; its scores are BM25's either way)."""
    hits = run(view, SearchRequest(query=query, per_page=CANDIDATES))["hits"]
    return sorted(((docnums[hit["id"]], float(hit["score"])) for hit in hits), key=lambda hit: (-hit[1], hit[0]))


def doc_ids(view: IndexView) -> dict[str, int]:
    return {fields["id"]: docnum for docnum, fields in view.searcher.reader().iter_docs()}


def timed(call: Callable[[], list]) -> tuple[list, float]:
    """What ``call`` returns, and the milliseconds it took."""
    started = time.perf_counter()
    value = call()
    return value, (time.perf_counter() - started) * 1000


def answer(view: IndexView, item: dict, docnums: dict[str, int], ids: list[str]) -> Answered:
    """The engine's page, the BM25 first stage, its re-rank and the contexts for fitting."""
    query, wanted = item["query"], asked_words(parse(item["query"]))
    response, engine_ms = timed(lambda: run(view, SearchRequest(query=query, per_page=CUTOFF))["hits"])
    ranked = first_stage(view, query, docnums)
    request = SearchRequest(query=query, per_page=CUTOFF)
    terms = query_terms(wanted, view.stemmer)
    reranked, rerank_ms = timed(partial(rerank_page, view.searcher, ranked, request, wanted, terms))
    candidates = load_candidates(view.searcher, ranked)
    question = question_class(wanted)
    forms = frozenset(form for term in terms for form in (term.stem, term.surface))
    answered = Answered(frozenset(item["relevant"]), forms, fold_of(item), question, [hit["id"] for hit in response],
                        candidates, [ids[docnum] for docnum, _ in reranked], engine_ms, rerank_ms if question else None)
    if question is not None:
        score = partial(answer_contexts, candidates, question=question, terms=terms,
                        analyzer=view.searcher.schema[BODY].analyzer, idf=partial(view.searcher.idf, BODY))
        answered.contexts = {tau: score(tau=tau) for tau in FIT_TAUS}
    return answered


def bm25_ids(item: Answered, ids: list[str]) -> list[str]:
    return [ids[hit.docnum] for hit in item.candidates]


def tuned_ids(item: Answered, ids: list[str], tunings: dict[AnswerClass, Tuning]) -> list[str]:
    """The candidates re-ranked with ``tunings`` (from the stored contexts, no re-analysis)."""
    if item.question is None:
        return bm25_ids(item, ids)
    tuning = tunings[item.question]
    return [ids[hit.docnum] for hit in reorder(item.candidates, item.contexts[tuning.tau], tuning.weight)]


def fit(items: list[Answered], ids: list[str]) -> dict[AnswerClass, Tuning]:
    """Per class, the (weight, tau) of the grid with the best MRR@10 on ``items``."""
    fitted = {}
    for question in AnswerClass:
        asked = [item for item in items if item.question is question]
        best, best_mrr = Tuning(0.0, FIT_TAUS[0]), -1.0
        for tau in FIT_TAUS:
            for weight in FIT_WEIGHTS:
                tuning = Tuning(weight, tau)
                mrr = Scores.of((tuned_ids(item, ids, {question: tuning}), item.relevant) for item in asked).mrr10
                if mrr > best_mrr:
                    best, best_mrr = tuning, mrr
        fitted[question] = best
    return fitted


def ranking_scores(items: list[Answered], rank: Callable[[Answered], list[str]]) -> dict[str, Scores]:
    """Scores on all questions and on each fold."""
    def scores(chosen: list[Answered]) -> Scores:
        return Scores.of((rank(item), item.relevant) for item in chosen)

    return {"full": scores(items), **{f"fold{fold}": scores([i for i in items if i.fold == fold]) for fold in FOLDS}}


def held_out(items: list[Answered], ids: list[str]) -> tuple[dict[str, Scores], dict[int, dict[str, Tuning]]]:
    """Each fold re-ranked with the tuning fitted on the other; "full" pools both."""
    tunings = {fold: fit([item for item in items if item.fold != fold], ids) for fold in FOLDS}
    scores = ranking_scores(items, lambda item: tuned_ids(item, ids, tunings[item.fold]))
    return scores, {fold: {question.name: tuning for question, tuning in fitted.items()}
                    for fold, fitted in tunings.items()}


def passage_words(view: IndexView, passages: list[dict]) -> dict[str, frozenset[str]]:
    """Each passage's analysed words, as its body is indexed."""
    analyzer = view.searcher.schema[BODY].analyzer
    return {passage["id"]: frozenset(token.text for token in analyzer(passage["content"], mode="query"))
            for passage in passages}


def near_duplicates(words: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """For each passage, the others sharing at least NEAR_DUPLICATE of their words (Jaccard);
    only passages of similar size can, so each is compared with those alone."""
    ordered = sorted(words, key=lambda doc: len(words[doc]))
    twins: dict[str, set[str]] = {doc: set() for doc in ordered}
    for rank, doc in enumerate(ordered):
        mine = words[doc]
        for other in ordered[rank + 1:]:
            theirs = words[other]
            if len(mine) < NEAR_DUPLICATE * len(theirs):
                break
            if len(mine & theirs) >= NEAR_DUPLICATE * len(mine | theirs):
                twins[doc].add(other)
                twins[other].add(doc)
    return {doc: frozenset(found) for doc, found in twins.items()}


def ceiling(items: list[Answered], words: dict[str, frozenset[str]], ids: list[str]) -> dict:
    """What caps a lexical ranking here: relevant passages with a near-duplicate (which ranks
    as well, but counts as wrong), and questions sharing no analysed word with their passage."""
    twins = near_duplicates(words)
    lenient = [item.relevant.union(*(twins[doc] for doc in item.relevant)) for item in items]
    return {
        "near_duplicate_share": round(statistics.fmean(bool(twins[doc]) for item in items for doc in item.relevant), 4),
        "no_shared_word_share": round(statistics.fmean(
            not any(item.forms & words[doc] for doc in item.relevant) for item in items), 4),
        "bm25_with_near_duplicates": Scores.of((bm25_ids(item, ids), loose) for item, loose in zip(items, lenient)),
        "reranked_with_near_duplicates": Scores.of((item.reranked, loose) for item, loose in zip(items, lenient)),
    }


def engine_measure(passages: list[dict], queries: list[dict], stemmer: str, eval_dir: Path,
                   folds: bool, with_ceiling: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="facqa-engine-") as scratch:
        root = Path(scratch)
        index_seconds = build_passage_index(root, passages, stemmer, str(eval_dir / PASSAGES))
        view = LiveIndex(root).view()
        docnums = doc_ids(view)
        ids = [""] * view.searcher.doc_count_all()
        for doc_id, docnum in docnums.items():
            ids[docnum] = doc_id
        items = [answer(view, item, docnums, ids) for item in queries]
        words = passage_words(view, passages) if with_ceiling else {}
    rankings = {
        "engine as it is": lambda item: item.engine,
        f"BM25 (engine top {CANDIDATES} by score)": lambda item: bm25_ids(item, ids),
        "+ answer re-rank (rerank_page)": lambda item: item.reranked,
    }
    report = {
        "stemmer": stemmer,
        "passages": len(passages),
        "questions": len(items),
        "with_class": sum(1 for item in items if item.question),
        "index_seconds": round(index_seconds, 1),
        "rankings": {name: ranking_scores(items, rank) for name, rank in rankings.items()},
        "by_class": {
            (question.name if question else "none"): {
                "questions": len(chosen),
                "bm25": Scores.of((bm25_ids(item, ids), item.relevant) for item in chosen).mrr10,
                "reranked": Scores.of((item.reranked, item.relevant) for item in chosen).mrr10,
            }
            for question in (*AnswerClass, None)
            for chosen in [[item for item in items if item.question is question]]
        },
        "latency_ms": {
            "engine_p50": percentile([item.engine_ms for item in items], 0.5),
            "engine_p95": percentile([item.engine_ms for item in items], 0.95),
            "rerank_p50": percentile([item.rerank_ms for item in items if item.rerank_ms is not None], 0.5),
            "rerank_p95": percentile([item.rerank_ms for item in items if item.rerank_ms is not None], 0.95),
        },
    }
    if folds:
        constants = ranking_scores(items, lambda item: tuned_ids(item, ids, TUNING))
        report["rankings"]["+ re-rank, constants via contexts"] = constants
        report["rankings"]["+ re-rank fitted on the other fold"], report["fitted"] = held_out(items, ids)
    if with_ceiling:
        report["ceiling"] = ceiling(items, words, ids)
    return report


def clickid_latency(corpus: Path, articles: int, stemmer: str, queries: list[dict]) -> dict:
    """Re-rank cost and window agreement on whole news articles (CLICK-ID)."""
    with tempfile.TemporaryDirectory(prefix="facqa-clickid-") as scratch:
        root = Path(scratch) / "index"
        source = head_of_corpus(corpus, articles, Path(scratch) / "head.jsonl")
        build_news_index(root, [source], stemmer=stemmer)
        view = LiveIndex(root).view()
        docnums = doc_ids(view)
        windowed, whole, chars, same_top, same_page = [], [], [], 0, 0
        asked = [(item["query"], asked_words(parse(item["query"]))) for item in queries]
        for query, wanted in ((query, wanted) for query, wanted in asked if question_class(wanted)):
            terms = query_terms(wanted, view.stemmer)
            ranked = first_stage(view, query, docnums)
            request = SearchRequest(query=query, per_page=CUTOFF)
            fast, fast_ms = timed(partial(rerank_page, view.searcher, ranked, request, wanted, terms))
            slow, slow_ms = timed(partial(rerank_page, view.searcher, ranked, request, wanted, terms, radius=None))
            windowed.append(fast_ms)
            whole.append(slow_ms)
            chars.append(sum(len(hit.body) for hit in load_candidates(view.searcher, ranked)))
            same_top += fast[:1] == slow[:1]
            same_page += fast == slow
    return {
        "articles": articles,
        "questions": len(asked),
        "candidate_chars_p50": percentile(chars, 0.5),
        "windows_ms_p50": percentile(windowed, 0.5),
        "windows_ms_p95": percentile(windowed, 0.95),
        "whole_bodies_ms_p50": percentile(whole, 0.5),
        "whole_bodies_ms_p95": percentile(whole, 0.95),
        "same_top1_as_whole": round(same_top / max(1, len(asked)), 4),
        "same_page_as_whole": round(same_page / max(1, len(asked)), 4),
    }


def print_engine(report: dict) -> None:
    print(f"FacQA through search.query.engine.run ({report['stemmer']}): {report['passages']} passages, "
          f"{report['questions']} questions ({report['with_class']} with an answer class), "
          f"indexed in {report['index_seconds']} s")
    print(f"{'ranking':<42} {'MRR@10':>7} {'R@1':>7} {'R@10':>7} | {'A MRR':>7} {'B MRR':>7}")
    for name, scores in report["rankings"].items():
        full, fold_a, fold_b = scores["full"], scores["fold0"], scores["fold1"]
        print(f"{name:<42} {full.mrr10:>7.4f} {full.recall1:>7.4f} {full.recall10:>7.4f} |"
              f" {fold_a.mrr10:>7.4f} {fold_b.mrr10:>7.4f}")
    print("MRR@10 by answer class:", ", ".join(
        f"{name} ({row['questions']}) {row['bm25']:.4f} -> {row['reranked']:.4f}"
        for name, row in report["by_class"].items()))
    latency = report["latency_ms"]
    print(f"engine per query: p50 {latency['engine_p50']} ms, p95 {latency['engine_p95']} ms; "
          f"re-rank per question query: p50 {latency['rerank_p50']} ms, p95 {latency['rerank_p95']} ms")
    for fold, tunings in report.get("fitted", {}).items():
        print(f"fitted on fold {'AB'[1 - fold]} for fold {'AB'[fold]}:",
              ", ".join(f"{name} w={t.weight} tau={t.tau}" for name, t in tunings.items()))
    if "ceiling" in report:
        c = report["ceiling"]
        print(f"near-duplicates (Jaccard >= {NEAR_DUPLICATE} of analysed words): {c['near_duplicate_share']:.1%} of "
              f"questions' passages have one; counted relevant, MRR@10 BM25 "
              f"{c['bm25_with_near_duplicates'].mrr10:.4f}, re-ranked {c['reranked_with_near_duplicates'].mrr10:.4f}; "
              f"questions sharing no analysed word with their passage: {c['no_shared_word_share']:.1%}")
    if "clickid" in report:
        c = report["clickid"]
        print(f"CLICK-ID ({c['articles']} articles, {c['questions']} question queries, "
              f"candidates {c['candidate_chars_p50']:.0f} chars p50): re-rank p50 {c['windows_ms_p50']} ms, "
              f"p95 {c['windows_ms_p95']} ms; whole bodies p50 {c['whole_bodies_ms_p50']} ms, "
              f"p95 {c['whole_bodies_ms_p95']} ms; same top 1 {c['same_top1_as_whole']:.2%}, "
              f"same page {c['same_page_as_whole']:.2%}")


def engine_main(args: argparse.Namespace, passages: list[dict], queries: list[dict]) -> None:
    reports = []
    for stemmer in args.stemmer or [DEFAULT_STEMMER]:
        report = engine_measure(passages, queries, stemmer, args.eval_dir, args.folds, args.ceiling)
        if args.clickid:
            report["clickid"] = clickid_latency(require(args.corpus, "CLICK-ID corpus"), args.clickid, stemmer,
                                                queries)
        reports.append(report)
    if args.json:
        print(json.dumps(reports, indent=2, default=asdict))
    else:
        for report in reports:
            print_engine(report)


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, bool]:
    """The options, and whether they ask for the plain mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--engine", action="store_true", help="the product's pipeline and engine (default)")
    mode.add_argument("--plain", action="store_true", help="the analysis experiments of docs/analysis.md")
    parser.add_argument("--stemmer", action="append", choices=sorted(STEMMERS),
                        help=f"repeatable; default all (plain) or {DEFAULT_STEMMER} (engine)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--folds", action="store_true", help="engine: two folds by passage, fitted and held out")
    parser.add_argument("--ceiling", action="store_true",
                        help="engine: near-duplicate passages and questions without a shared word")
    parser.add_argument("--clickid", type=int, default=0, metavar="N",
                        help="engine: also time the re-rank on the first N CLICK-ID articles")
    parser.add_argument("--corpus", type=Path, default=CLICKID, help="CLICK-ID JSONL(.gz) for --clickid")
    parser.add_argument("--keep-question-words", action="store_true", help="do not stop apa, siapa, ...")
    parser.add_argument("--no-names", action="store_true", help="stem capitalised words too")
    parser.add_argument("--no-query-names", action="store_true", help="stem capitalised query words only")
    parser.add_argument("--coord", type=float, default=None, help="Or coordination scale, e.g. 0.9")
    parser.add_argument("--pairs", type=float, default=0.0, help="boost for adjacent query terms found near")
    parser.add_argument("--b", type=float, default=BM25_B, help="BM25 B")
    parser.add_argument("--k1", type=float, default=BM25_K1, help="BM25 K1")
    parser.add_argument("--compiler", action="store_true", help="questions through search.query's parser and compiler")
    args = parser.parse_args(argv)
    plain_options = any(getattr(args, name) != parser.get_default(name) for name in PLAIN_OPTIONS)
    if args.engine and plain_options:
        parser.error("the analysis options belong to --plain")
    return args, args.plain or plain_options


def main(argv: list[str] | None = None) -> int:
    args, plain = parse_args(argv)
    passages, queries = load_eval(args.eval_dir)
    if plain:
        plain_main(args, passages, queries)
    else:
        engine_main(args, passages, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
