"""Precision, recall and F1 of the entity extractor on idner-news-2k, sentence by sentence.

    .venv/bin/python bench/entities_idner.py [--path PATH] [--json] [--errors N]
                                             [--clickid N] [--corpus PATH] [--top K]

PER spans are scored against ``people``, ORG spans against ``organizations``, and the LOC
spans that name a country (by the extractor's own country alias table) against
``countries``. How a value matches a span: see ``search.entities.scoring``. Exit status 2
when a data file is absent.

``--clickid N`` also runs the extractor on N CLICK-ID articles (every 11th record, cleaned
as the indexer cleans them, title + body), reports ms/article and lists the K most
frequent values of each facet: the place to spot junk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from bench.common import CLICKID, SHARED
from search.entities import extract_entities
from search.entities.countries import canonical_country
from search.entities.organizations import canonical_organization
from search.entities.people import canonical_person
from search.entities.scoring import FACETS, Counts, match_spans
from search.ingest.errors import EmptyTextError
from search.ingest.records import parse_record

IDNER = SHARED / "eval" / "idner-news-2k.jsonl"
CLICKID_STRIDE = 11
# facet → (gold type, how a gold span resolves to a canonical, person matching)
TYPES = {
    "people": ("PER", canonical_person, True),
    "organizations": ("ORG", canonical_organization, False),
    "countries": ("LOC", canonical_country, False),
}


def gold_spans(sentence: dict, facet: str) -> list[str]:
    """The sentence's gold spans that the facet is measured against."""
    kind = TYPES[facet][0]
    spans = [entity["text"] for entity in sentence["entities"] if entity["type"] == kind]
    if facet == "countries":
        spans = [span for span in spans if canonical_country(span)]
    return spans


def evaluate(sentences: list[dict], show_errors: int) -> tuple[dict[str, Counts], list[str], float]:
    """Micro-averaged counts per facet, some error lines, and ms per sentence."""
    totals = {facet: Counts() for facet in TYPES}
    errors: list[str] = []
    started = time.perf_counter()
    extracted_all = [extract_entities(sentence["text"]) for sentence in sentences]
    elapsed = time.perf_counter() - started
    for sentence, extracted in zip(sentences, extracted_all, strict=True):
        for facet, (_, resolve, person) in TYPES.items():
            spans = gold_spans(sentence, facet)
            counts = match_spans(extracted[facet], spans, resolve, person=person)
            totals[facet].add(counts)
            if (counts.fp or counts.fn) and len(errors) < show_errors:
                errors.append(f"[{facet}] gold={spans} got={extracted[facet]} :: {sentence['text'][:160]}")
    return totals, errors, 1000 * elapsed / max(1, len(sentences))


def clickid_texts(corpus: Path, limit: int) -> list[str]:
    """Title + body of ``limit`` CLICK-ID articles spread over the file, cleaned as for indexing."""
    texts = []
    with gzip.open(corpus, "rt", encoding="utf-8") as records:
        for number, line in enumerate(records):
            if number % CLICKID_STRIDE:
                continue
            try:
                article = parse_record(json.loads(line), origin=str(corpus), line=number + 1)
            except EmptyTextError:
                continue
            texts.append(f"{article.title}\n\n{article.body}")
            if len(texts) >= limit:
                break
    return texts


def survey(texts: list[str], top: int) -> dict:
    """ms/article of extraction alone (lists already loaded), and the most frequent values of each facet."""
    extract_entities("")
    started = time.perf_counter()
    results = [extract_entities(text) for text in texts]
    elapsed = time.perf_counter() - started
    counters = {facet: Counter(value for result in results for value in result[facet]) for facet in FACETS}
    return {"articles": len(texts), "ms_per_article": round(1000 * elapsed / max(1, len(texts)), 3),
            "top": {facet: counter.most_common(top) for facet, counter in counters.items()}}


def _require(path: Path, what: str) -> None:
    if not path.exists():
        print(f"{what} not found at {path}; pass its path explicitly", file=sys.stderr)
        sys.exit(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=IDNER)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print up to N sentences with an error")
    parser.add_argument("--clickid", type=int, default=0, help="also survey N CLICK-ID articles")
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    _require(args.path, "idner-news-2k")
    if args.clickid:
        _require(args.corpus, "CLICK-ID corpus")
    with args.path.open(encoding="utf-8") as lines:
        sentences = [json.loads(line) for line in lines if line.strip()]
    totals, errors, ms = evaluate(sentences, args.errors)
    report = {"path": str(args.path), "sentences": len(sentences), "ms_per_sentence": round(ms, 3),
              "facets": {facet: counts.as_dict() for facet, counts in totals.items()}}
    if args.clickid:
        report["clickid"] = survey(clickid_texts(args.corpus, args.clickid), args.top)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print(f"{len(sentences)} sentences, {ms:.2f} ms/sentence")
    print(f"{'facet':<22}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for facet, counts in totals.items():
        print(f"{facet + ' (' + TYPES[facet][0] + ')':<22}{counts.tp + counts.fn:>6}{counts.precision:>7.3f}"
              f"{counts.recall:>7.3f}{counts.f1:>7.3f}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")
    for line in errors:
        print(line)
    if args.clickid:
        clickid = report["clickid"]
        print(f"\nCLICK-ID (William & Sari, 2020, CC BY 4.0): {clickid['articles']} articles, "
              f"{clickid['ms_per_article']} ms/article")
        for facet, values in clickid["top"].items():
            print(f"top {facet}: " + ", ".join(f"{value} ({count})" for value, count in values))


if __name__ == "__main__":
    main()
