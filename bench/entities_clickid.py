"""The long tail of the entity facets of a CLICK-ID index, written out for a person to judge.

    telusur index /work/shared/corpus/clickid.jsonl.gz --index /tmp/clickid   # the product path
    .venv/bin/python bench/entities_clickid.py --index /tmp/clickid --out tail.tsv
        [--sample 200] [--top 100] [--seed 14] [--json]

Reads the facet values the indexer stored (so what a reader sees in the facets), and per
facet prints the distinct values and the most frequent ones, and writes a fixed-seed
random sample of ``--sample`` values drawn from outside the ``--top`` most frequent, each
with its article count and one sentence of an article that has it, to ``--out`` (a TSV
with an empty ``verdict`` column: write ``ok`` or ``junk`` while reading). The sample
depends only on the seed and the set of tail values, so runs before and after a change
are drawn the same way. ``--judged FILE`` counts the verdicts of a filled-in file.
Exit status 2 when the index is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path

from bench.common import require
from search.analysis.sentences import sentences
from search.index.schema import ENTITY_FIELDS, VALUE_SEPARATOR
from search.index.store import open_index

MAX_SENTENCE = 300
COLUMNS = ("facet", "value", "articles", "verdict", "sentence")
JUNK, OK = "junk", "ok"


def facet_values(index_dir: Path) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], str]]:
    """Article counts of every value of every facet, and the text of the first article of each value."""
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in ENTITY_FIELDS}
    first_text: dict[tuple[str, str], str] = {}
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            text = f"{fields.get('title') or fields.get('_stored_title') or ''}\n{fields.get('body') or ''}"
            for facet in ENTITY_FIELDS:
                for value in filter(None, (fields.get(facet) or "").split(VALUE_SEPARATOR)):
                    counts[facet][value] += 1
                    first_text.setdefault((facet, value), text)
    return counts, first_text


def example_sentence(text: str, value: str) -> str:
    """The first sentence that holds the value as written, else one holding its longest word."""
    spans = [text[start:end] for start, end in sentences(text)]
    longest = max(value.split(), key=len)
    found = next((s for s in spans if value in s), None) or next((s for s in spans if longest in s), "")
    return " ".join(found.split())[:MAX_SENTENCE]


def tail_sample(counter: Counter[str], top: int, size: int, seed: int) -> list[str]:
    """``size`` values drawn at random (fixed seed) from those outside the ``top`` most frequent."""
    ranked = [value for value, _ in counter.most_common()]
    tail = sorted(ranked[top:])
    return sorted(random.Random(seed).sample(tail, min(size, len(tail))))


def judged_rates(path: Path) -> dict[str, dict[str, float]]:
    """Junk share per facet of a filled-in sample file (rows without a verdict are left out)."""
    verdicts: dict[str, Counter[str]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            verdict = (row.get("verdict") or "").strip().lower()
            if verdict in (JUNK, OK):
                verdicts.setdefault(row["facet"], Counter())[verdict] += 1
    return {facet: {"judged": sum(found.values()), "junk": found[JUNK],
                    "junk_rate": round(found[JUNK] / max(1, sum(found.values())), 3)}
            for facet, found in verdicts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an index built by `telusur index` from CLICK-ID")
    parser.add_argument("--out", type=Path, help="write the sample here (TSV, with a verdict column to fill)")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--top", type=int, default=100, help="leave the N most frequent values out of the sample")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--judged", type=Path, help="count the verdicts of a filled-in sample file instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.judged:
        print(json.dumps(judged_rates(require(args.judged, "judged sample")), indent=2, ensure_ascii=False))
        return
    if args.index is None:
        parser.error("--index is required (or --judged)")
    counts, first_text = facet_values(require(args.index, "CLICK-ID index"))
    report = {facet: {"distinct": len(counter), "top": counter.most_common(30)} for facet, counter in counts.items()}
    rows = []
    for facet, counter in counts.items():
        for value in tail_sample(counter, args.top, args.sample, args.seed):
            rows.append({"facet": facet, "value": value, "articles": counter[value], "verdict": "",
                         "sentence": example_sentence(first_text[(facet, value)], value)})
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, COLUMNS, delimiter="\t")
            writer.writeheader()
            writer.writerows(rows)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for facet, found in report.items():
        print(f"== {facet}: {found['distinct']} distinct values")
        print("top: " + ", ".join(f"{value} ({count})" for value, count in found["top"]))
    if args.out:
        print(f"wrote {len(rows)} sampled values to {args.out}")


if __name__ == "__main__":
    main()
