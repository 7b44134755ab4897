"""The extractor against the hand-made gold facets of the five seeds, scored as the gold says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.entities import extract_entities
from search.entities.scoring import FACETS, score_seeds, seed_texts

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = json.loads((REPO / "tests" / "data" / "seed_entities.json").read_text(encoding="utf-8"))
MIN_SCORE = 0.95


@pytest.mark.parametrize("cleaned", [False, True], ids=["raw", "cleaned"])
def test_seed_facets_reach_precision_and_recall(cleaned: bool) -> None:
    report = score_seeds(extract_entities, seed_texts(SEEDS, cleaned), GOLD)
    for facet in FACETS:
        counts = report.counts[facet]
        assert counts.precision >= MIN_SCORE, (facet, report.errors)
        assert counts.recall >= MIN_SCORE, (facet, report.errors)


def test_every_seed_entity_has_one_value_across_the_seeds() -> None:
    report = score_seeds(extract_entities, seed_texts(SEEDS, cleaned=False), GOLD)
    assert report.split_entities == {}
