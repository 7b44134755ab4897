"""Country mentions of a CLICK-ID index in context, for a person to judge: countries precision.

    telusur index /work/shared/corpus/clickid.jsonl.gz --index /tmp/clickid   # the product path
    .venv/bin/python -m bench.entities_countries --index /tmp/clickid --out countries.tsv
        [--sample 100] [--seed 14]
    .venv/bin/python -m bench.entities_countries --judged countries.tsv

idner-news-2k annotates LOC sparsely and for any place, so its country precision says
little. This draws a fixed-seed random sample of ``--sample`` (article, country) pairs from
the values the indexer stored, each with the sentences of the article that name the
country (by any of its aliases, whole words, at most ``MAX_SENTENCES``), in the TSV of
``bench.entities_clickid`` (verdict ``ok`` when the article mentions that country as a
country, ``junk`` when the value comes from a name, a state or a person). ``--judged``
counts a filled-in file: precision is one minus its junk rate. The judged file quotes the
corpus: keep it out of the repository (``bench/out/`` is ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from functools import lru_cache
from pathlib import Path

from bench.common import require
from bench.entities_clickid import COLUMNS, MAX_SENTENCE, judged_rates
from search.analysis.sentences import sentences
from search.entities.countries import country_surfaces
from search.facet_table import COUNTRIES
from search.index.schema import VALUE_SEPARATOR
from search.index.store import open_index

MAX_SENTENCES = 2


@lru_cache(maxsize=1)
def _alias_patterns() -> dict[str, re.Pattern[str]]:
    """Canonical country → a pattern of every alias as a whole word (case as written)."""
    aliases: dict[str, list[str]] = {}
    for alias, canonical in country_surfaces():
        aliases.setdefault(canonical, []).append(alias)
    return {canonical: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(alias) for alias in
                                                            sorted(names, key=len, reverse=True)) + r")(?!\w)")
            for canonical, names in aliases.items()}


def mention_sentences(text: str, country: str) -> str:
    """The first sentences of ``text`` naming ``country`` by an alias, joined with `` | ``."""
    pattern = _alias_patterns().get(country)
    found = [" ".join(text[start:end].split())[:MAX_SENTENCE] for start, end in sentences(text)
             if pattern is not None and pattern.search(text[start:end])]
    return " | ".join(found[:MAX_SENTENCES])


def country_pairs(index_dir: Path) -> list[tuple[str, str, str]]:
    """(article id, country, article text) of every country value the index stored."""
    pairs = []
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            text = f"{fields.get('title') or fields.get('_stored_title') or ''}\n{fields.get('body') or ''}"
            for value in filter(None, (fields.get(COUNTRIES) or "").split(VALUE_SEPARATOR)):
                pairs.append((str(fields.get("id", "")), value, text))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an index built by `telusur index` from CLICK-ID")
    parser.add_argument("--out", type=Path, help="write the sample here (TSV, with a verdict column to fill)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--judged", type=Path, help="count the verdicts of a filled-in sample file instead")
    args = parser.parse_args()
    if args.judged:
        rates = judged_rates(require(args.judged, "judged sample")).get(COUNTRIES, {})
        if rates:
            rates["precision"] = round(1 - rates["junk_rate"], 3)
        print(json.dumps(rates, indent=2, ensure_ascii=False))
        return
    if args.index is None or args.out is None:
        parser.error("--index and --out are required (or --judged)")
    pairs = country_pairs(require(args.index, "CLICK-ID index"))
    chosen = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    with args.out.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, delimiter="\t")
        writer.writeheader()
        for article, country, text in chosen:
            writer.writerow({"facet": COUNTRIES, "value": country, "articles": article, "verdict": "",
                             "sentence": mention_sentences(text, country)})
    print(f"{len(pairs)} (article, country) pairs; wrote {len(chosen)} to {args.out}")


if __name__ == "__main__":
    main()
