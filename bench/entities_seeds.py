"""Score the entity extractor on the five seeds against their hand-made gold facets.

    .venv/bin/python bench/entities_seeds.py [--gold PATH] [--cleaned] [--json]

Raw seed files by default (page furniture and all); ``--cleaned`` scores the text the
indexer passes (title + body after ingest cleaning).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import REPO, require
from search.entities import extract_entities
from search.entities.scoring import FACETS, score_seeds, seed_texts

SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "data" / "seed_entities.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--cleaned", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    gold = json.loads(require(args.gold, "seed gold").read_text(encoding="utf-8"))
    report = score_seeds(extract_entities, seed_texts(SEEDS, args.cleaned), gold)
    if args.json:
        print(json.dumps({"facets": {facet: report.counts[facet].as_dict() for facet in FACETS},
                          "errors": report.errors,
                          "split_entities": {key: sorted(values) for key, values in report.split_entities.items()}},
                         indent=2, ensure_ascii=False))
        return
    print(f"{'facet':<15}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}")
    for facet in FACETS:
        counts = report.counts[facet]
        print(f"{facet:<15}{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}"
              f"{counts.tp:>5}{counts.fp:>5}{counts.fn:>5}")
    for name, facets in report.errors.items():
        for facet, errors in facets.items():
            for error in errors:
                print(f"  {name} {facet}: {error}")
    for entity, values in report.split_entities.items():
        print(f"  split: {entity} as {sorted(values)}")


if __name__ == "__main__":
    main()
