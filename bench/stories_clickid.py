"""Duplicate stories on an index built by the product path (``telusur index``): how many groups,
how many articles they hold, what opening them costs, and a random sample of grouped pairs
to be read and judged.

    flock /tmp/telusur-cpu.lock python -m search index ../shared/corpus/clickid.jsonl.gz --index /tmp/idx
    flock /tmp/telusur-cpu.lock python -m bench.stories_clickid --index /tmp/idx

The sample (``--sample`` pairs drawn uniformly from every pair of articles in one group, so
large groups, where a chain of copies could drift to another story, weigh as much as their
pairs do) is written as JSON Lines to ``--out`` with each article's title, source, date and
the opening of its body: corpus text, so ``bench/out/`` is never committed. A reader adds
``"same": true|false`` to each line; ``--judged`` then prints the precision of those lines.
Also prints the fingerprint's cost per article: ``to_document`` timed with and without it
over the first ``--cost-articles`` articles of the corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

import numpy as np

import search.index.documents as documents
from bench.common import CLICKID, REPO, require
from search.index.documents import content_hash, read_article, to_document
from search.index.stories import read_fingerprints, read_stories
from search.ingest import Article, read_sources
from search.query import LiveIndex
from search.query.facets.stories import StoryGroups

_EXCERPT_CHARS = 700


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="an index built by `telusur index`")
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--sample", type=int, default=100, help="grouped pairs to sample")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "stories_pairs.jsonl")
    parser.add_argument("--judged", type=Path, help="print the precision of a judged sample and stop")
    parser.add_argument("--cost-articles", type=int, default=2000, help="0: skip the cost")
    args = parser.parse_args()
    if args.judged:
        _precision(args.judged)
        return
    view = LiveIndex(args.index).view()
    reader = view.searcher.reader()
    started = time.perf_counter()
    groups = StoryGroups(read_stories(reader, view.facets.dates, view.facets.live))
    build_seconds = time.perf_counter() - started
    fingerprinted = int((read_fingerprints(reader).any(axis=1) & view.facets.live).sum())
    members: dict[int, list[int]] = {}
    for docnum in np.flatnonzero(groups.grouped):
        members.setdefault(int(groups.story[docnum]), []).append(int(docnum))
    sizes = Counter(len(group) for group in members.values())
    pairs = [pair for group in members.values() for pair in itertools.combinations(group, 2)]
    print(f"articles: {int(view.facets.live.sum())}, with a fingerprint: {fingerprinted}")
    print(f"groups: {len(members)}, articles in groups: {int(groups.grouped.sum())}, "
          f"hidden behind their group's first: {int(groups.grouped.sum()) - len(members)}, grouped pairs: {len(pairs)}")
    print("group sizes: " + ", ".join(f"{size}: {count}" for size, count in sorted(sizes.items())))
    print(f"groups worked out from the stored fingerprints (saved with each commit's arrays): {build_seconds * 1000:.0f} ms")
    sample = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for first, second in sample:
            out.write(json.dumps({"pair": [_excerpt(view, first), _excerpt(view, second)], "same": None},
                                 ensure_ascii=False) + "\n")
    print(f"sample of {len(sample)} pairs written to {args.out} (judge each: \"same\": true|false)")
    if args.cost_articles:
        _cost(require(args.corpus, "CLICK-ID corpus"), args.cost_articles)


def _excerpt(view, docnum: int) -> dict:
    article = read_article(view.searcher, docnum)
    return {"id": article.id, "source": article.source, "date": str(article.date), "title": article.title,
            "body": article.body[:_EXCERPT_CHARS]}


def _cost(corpus: Path, limit: int) -> None:
    """``to_document`` per article (language, entities, fingerprint) timed with the fingerprint and without."""
    articles = [item for item in itertools.islice(read_sources([corpus]), limit) if isinstance(item, Article)]
    digests = [content_hash(article) for article in articles]
    timings = {}
    fingerprint = documents.story_fingerprint
    for name, replacement in (("with", fingerprint), ("without", lambda body: None), ("with (again)", fingerprint)):
        documents.story_fingerprint = replacement
        started = time.perf_counter()
        for article, digest in zip(articles, digests, strict=True):
            to_document(article, digest)
        timings[name] = (time.perf_counter() - started) * 1000 / len(articles)
    documents.story_fingerprint = fingerprint
    started = time.perf_counter()
    for article in articles:
        fingerprint(article.body)
    alone = (time.perf_counter() - started) * 1000 / len(articles)
    print(f"to_document over {len(articles)} articles, one process: "
          + ", ".join(f"{name} the fingerprint {ms:.2f} ms/doc" for name, ms in timings.items())
          + f"; the fingerprint alone {alone:.3f} ms/doc")


def _precision(path: Path) -> None:
    judged = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    verdicts = [line["same"] for line in judged if line.get("same") is not None]
    if not verdicts:
        raise SystemExit(f"no judged pairs in {path}")
    print(f"judged pairs: {len(verdicts)}, same story: {sum(verdicts)}, precision: {statistics.mean(verdicts):.3f}")


if __name__ == "__main__":
    main()
