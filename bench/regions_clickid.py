"""The region facet on a fixed-seed sample of CLICK-ID articles, written out for a person to judge.

    .venv/bin/python -m bench.regions_clickid --out regions.tsv [--sample 100] [--seed 13]
    .venv/bin/python -m bench.regions_clickid --judged regions.tsv [--json]

Reads the corpus the way the indexer does (``read_sources``) and extracts regions as
``to_document`` does (text, then the dateline). ``--out`` writes one row per sampled article:
its id, title, the provinces extracted, and the evidence a reader needs, each place name of
the region table and each capitalised name after a place cue (``di``, ``Kota``, ``Kabupaten``…)
with the words around it, and an empty ``gold`` column: write there the provinces the article
names (``;`` between them, ``-`` for none). ``--judged`` re-extracts the same articles and
counts precision and recall against the filled-in gold, so runs before and after a change
are scored on one judgement. The file holds corpus text: keep it out of the repository.
Exit status 2 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path

from bench.common import CLICKID, require
from search.entities import extract_entities, with_dateline_region
from search.entities.cues import PLACE_BEFORE
from search.entities.regions import name_at
from search.entities.scoring import Counts
from search.entities.tokens import WORD, tokenize
from search.facet_table import REGION
from search.ingest.model import Article
from search.ingest.readers import read_sources

COLUMNS = ("id", "title", "extracted", "gold", "evidence")
CONTEXT_WORDS = 6
NO_REGION = "-"


def sample_articles(corpus: Path, size: int, seed: int) -> list[Article]:
    """A fixed-seed random sample of the corpus's articles, in corpus order."""
    articles = [article for article in read_sources([corpus]) if isinstance(article, Article)]
    chosen = sorted(random.Random(seed).sample(range(len(articles)), min(size, len(articles))))
    return [articles[index] for index in chosen]


def regions_of(article: Article) -> list[str]:
    """The provinces the indexer stores for ``article``."""
    text = article.body if article.title_derived else f"{article.title}\n\n{article.body}"
    return with_dateline_region(extract_entities(text), article.dateline)[REGION]


def evidence(article: Article) -> Iterator[str]:
    """Each region-table name and each capitalised name after a place cue, with its context."""
    tokens = tokenize(f"{article.title}\n\n{article.body}")
    if article.dateline:
        yield f"[dateline] {article.dateline}"
    for index, token in enumerate(tokens):
        cued = index > 0 and tokens[index - 1].text.lower() in PLACE_BEFORE and token.kind == WORD and token.cap
        if name_at(tokens, index, len(tokens)) is not None or cued:
            window = tokens[max(0, index - CONTEXT_WORDS):index + CONTEXT_WORDS]
            yield " ".join(item.text for item in window if item.text != "\n")


def write_sample(articles: list[Article], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(COLUMNS)
        for article in articles:
            writer.writerow([article.id, article.title, "; ".join(regions_of(article)), "",
                             " || ".join(dict.fromkeys(evidence(article)))])


def score(articles: list[Article], judged: Path) -> tuple[Counts, list[str]]:
    """Precision and recall of today's extraction against the gold column of ``judged``."""
    with judged.open(encoding="utf-8", newline="") as handle:
        gold = {row["id"]: row["gold"] for row in csv.DictReader(handle, delimiter="\t")}
    counts, errors = Counts(), []
    for article in articles:
        if not gold.get(article.id):
            continue
        expected = {value.strip() for value in gold[article.id].split(";")} - {NO_REGION, ""}
        found = set(regions_of(article))
        counts.add(Counts(tp=len(found & expected), fp=len(found - expected), fn=len(expected - found)))
        errors += [f"{article.id} extra: {value}" for value in sorted(found - expected)]
        errors += [f"{article.id} missed: {value}" for value in sorted(expected - found)]
    return counts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--out", type=Path)
    action.add_argument("--judged", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    articles = sample_articles(require(args.corpus, "CLICK-ID corpus"), args.sample, args.seed)
    if args.out:
        write_sample(articles, args.out)
        print(f"{len(articles)} articles written to {args.out}")
        return
    counts, errors = score(articles, args.judged)
    if args.json:
        print(json.dumps({"region": counts.as_dict(), "errors": errors}, indent=2, ensure_ascii=False))
        return
    print(f"region  P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}  "
          f"TP {counts.tp}  FP {counts.fp}  FN {counts.fn}")
    for error in errors:
        print(f"  {error}")


if __name__ == "__main__":
    main()
