"""How faithful search snippets are on CLICK-ID: broken numbers and stray punctuation.

    .venv/bin/python bench/snippets_clickid.py [--corpus PATH] [--records N] [--queries Q]
                                               [--seed S] [--examples K] [--json]

Goes the product's way: the first N records are read and indexed by
``search.index.builder.build_index`` (default stemmer, through ``read_sources``), and Q
queries of one to three words drawn from the indexed headlines (``--seed`` prints and
fixes the draw) are answered by ``search.query.engine.run``. Every snippet of every
first page is checked against the article as its page shows it (the stored body):

* a *broken number* is a number in the snippet that the article does not contain as
  written (``Rp72.`` where the article says ``Rp72.906``);
* a *stray run* is scrape damage left standing: a space before a comma or full stop
  (``karena , di``), two marks in a row (``,,``, ``:,``, ``.,``), empty brackets, or a
  fragment that opens with a comma.

The detectors are written here on purpose, apart from the code that cleans text, so
that a change to that code is measured rather than measuring itself.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import tempfile
import time
from pathlib import Path

from bench.common import CLICKID, head_of_corpus, require
from search.config import DEFAULT_STEMMER
from search.index.builder import build_index
from search.ingest import Article, read_sources
from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.request import SearchRequest

ELLIPSIS = "…"
_MARK = re.compile(r"</?mark>")
# A number as written: digits with their thousands, decimal and time separators.
NUMBER = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*")
STRAY = re.compile(
    r"(?<=\S)\s+[,.;:](?=\s|$)"  # a space before the mark: a removed word's hole
    r"|[,;:]\s*[,;:.](?!\.)"  # two marks in a row
    r"|(?<![.\w])\.\s*[,;:]|(?<=[^\W\d_]{3})\.\s*[,;:]"  # a full stop then a comma (not ``S.H.,``)
    r"|\(\s*[,.;:]*\s*\)"  # brackets a link was cut out of
    r"|^[,;:]"  # a fragment opening with a mark
)
_HEADLINE_WORD = re.compile(r"[^\W\d_]{4,}")


def fragments(snippet: str) -> list[str]:
    """The quoted stretches of a snippet: marks dropped, entities decoded, split at ellipses."""
    visible = html.unescape(_MARK.sub("", snippet))
    return [part.strip() for part in visible.split(ELLIPSIS) if part.strip()]


def broken_numbers(snippet: str, article_numbers: set[str]) -> list[str]:
    """Numbers of the snippet that the article never wrote."""
    return [number for part in fragments(snippet) for number in NUMBER.findall(part)
            if number not in article_numbers]


def stray_runs(snippet: str) -> list[str]:
    """Stretches of stray punctuation and spacing in the snippet."""
    return [match.group() for part in fragments(snippet) for match in STRAY.finditer(part)]


def draw_queries(titles: list[str], count: int, seed: int) -> list[str]:
    """``count`` queries of one to three words, each from one headline."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        words = list(dict.fromkeys(word.lower() for word in _HEADLINE_WORD.findall(rng.choice(titles))))
        if words:
            queries.append(" ".join(rng.sample(words, min(len(words), rng.randint(1, 3)))))
    return queries


def measure(corpus: Path, records: int, queries: int, seed: int, examples: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="telusur-snippets-") as scratch:
        source = head_of_corpus(corpus, records, Path(scratch) / "head.jsonl")
        started = time.perf_counter()
        report = build_index(Path(scratch) / "index", [source], stemmer=DEFAULT_STEMMER, rebuild=True)
        indexed_seconds = time.perf_counter() - started
        titles = [item.title for item in read_sources([source]) if isinstance(item, Article) and item.title]
        view = LiveIndex(Path(scratch) / "index").view()
        bodies = {fields["id"]: fields.get("body", "") for fields in view.searcher.all_stored_fields()}
        numbers_of = {key: set(NUMBER.findall(body)) for key, body in bodies.items()}
        counts = {"snippets": 0, "with_number": 0, "broken_number": 0, "stray": 0}
        shown: dict[str, list] = {"broken_number": [], "stray": []}
        for query in draw_queries(titles, queries, seed):
            for hit in engine_search(view, SearchRequest(query=query)).as_json()["hits"]:
                snippet = hit["snippet"]
                counts["snippets"] += 1
                counts["with_number"] += bool(NUMBER.search(snippet))
                for name, found in (("broken_number", broken_numbers(snippet, numbers_of[hit["id"]])),
                                    ("stray", stray_runs(snippet))):
                    if found:
                        counts[name] += 1
                        if len(shown[name]) < examples:
                            shown[name].append({"query": query, "id": hit["id"], "found": found,
                                                "snippet": snippet})
    total = max(1, counts["snippets"])
    return {
        "corpus": str(corpus), "records": records, "articles": report.added, "queries": queries,
        "seed": seed, "index_seconds": round(indexed_seconds, 1), **counts,
        "broken_number_share": round(counts["broken_number"] / total, 4),
        "stray_share": round(counts["stray"] / total, 4),
        "examples": shown,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CLICKID)
    parser.add_argument("--records", type=int, default=3000, help="index the first N records")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--examples", type=int, default=3, help="failing snippets shown per kind")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    corpus = require(args.corpus, "CLICK-ID corpus (this benchmark needs ../shared)")
    result = measure(corpus, args.records, args.queries, args.seed, args.examples)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else summary(result))


def summary(result: dict) -> str:
    """The measurement as a few readable lines, with the failing snippets shown."""
    lines = [
        f"CLICK-ID (William & Sari, 2020, CC BY 4.0), seed {result['seed']}: {result['queries']} queries over "
        f"{result['articles']} articles (first {result['records']} records, indexed in {result['index_seconds']} s)",
        f"{result['snippets']} snippets, {result['with_number']} with a number",
        f"broken number:     {result['broken_number']:5d}  ({result['broken_number_share']:.2%})",
        f"stray punctuation: {result['stray']:5d}  ({result['stray_share']:.2%})",
    ]
    for name, items in result["examples"].items():
        lines += [f"  {name} [{item['query']}] {item['id']}: {item['found']}\n    {item['snippet']}" for item in items]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
