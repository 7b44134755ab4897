"""Precision, recall and F1 of the entity extractor on idner-news-2k, sentence by sentence.

    .venv/bin/python bench/entities_idner.py [--path PATH] [--json] [--errors N]

PER spans are scored against ``people``, ORG spans against ``organizations``, and the LOC
spans that name a country (by the extractor's own country alias table) against
``countries``. How a value matches a span: see ``search.entities.scoring``. Exit status 2
when the data file is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED  # noqa: E402

from search.entities import extract_entities  # noqa: E402
from search.entities.countries import canonical_country  # noqa: E402
from search.entities.organizations import canonical_organization  # noqa: E402
from search.entities.people import canonical_person  # noqa: E402
from search.entities.scoring import Counts, match_spans  # noqa: E402

IDNER = SHARED / "eval" / "idner-news-2k.jsonl"
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
    for sentence, extracted in zip(sentences, extracted_all):
        for facet, (_, resolve, person) in TYPES.items():
            spans = gold_spans(sentence, facet)
            counts = match_spans(extracted[facet], spans, resolve, person=person)
            totals[facet].add(counts)
            if (counts.fp or counts.fn) and len(errors) < show_errors:
                errors.append(f"[{facet}] gold={spans} got={extracted[facet]} :: {sentence['text'][:160]}")
    return totals, errors, 1000 * elapsed / max(1, len(sentences))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=IDNER)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print up to N sentences with an error")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"idner-news-2k not found at {args.path}; pass --path", file=sys.stderr)
        sys.exit(2)
    with args.path.open(encoding="utf-8") as lines:
        sentences = [json.loads(line) for line in lines if line.strip()]
    totals, errors, ms = evaluate(sentences, args.errors)
    if args.json:
        print(json.dumps({"path": str(args.path), "sentences": len(sentences), "ms_per_sentence": round(ms, 3),
                          "facets": {facet: counts.as_dict() for facet, counts in totals.items()}}, indent=2))
        return
    print(f"{len(sentences)} sentences, {ms:.2f} ms/sentence")
    print(f"{'facet':<15}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for facet, counts in totals.items():
        print(f"{facet + ' (' + TYPES[facet][0] + ')':<15}{counts.tp + counts.fn:>6}{counts.precision:>7.3f}"
              f"{counts.recall:>7.3f}{counts.f1:>7.3f}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
