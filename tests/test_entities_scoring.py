"""The scoring rules themselves, and the idner benchmark's contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from search.entities.countries import canonical_country
from search.entities.people import canonical_person
from search.entities.scoring import gold_forms, match_spans, score_facet

REPO = Path(__file__).resolve().parents[1]


def test_seed_scoring_counts_aliases_duplicates_and_optional_entities() -> None:
    required = [["Sergey Lavrov", "Sergei Lavrov", "Lavrov"], ["John Kerry", "Kerry"]]
    optional = [["Rima Suliastini"]]
    counts, errors, _ = score_facet(["Sergey Lavrov", "Lavrov", "Rima Suliastini", "Tuhan"], required, optional)
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)
    assert "second value for Sergey Lavrov: Lavrov" in errors
    assert "extra: Tuhan" in errors and "missed: John Kerry" in errors


def test_gold_span_forms() -> None:
    assert gold_forms("Badan Pengawas Pemilu (Bawaslu)") == [["Badan Pengawas Pemilu", "Bawaslu"]]
    assert gold_forms("(Ahok)", person=True) == [["Ahok"]]
    assert gold_forms("Prabowo-Sandi", person=True) == [["Prabowo"], ["Sandi"]]
    assert gold_forms("Jean-Claude Juncker", person=True) == [["Jean-Claude Juncker"]]


def test_span_matching_for_people_and_countries() -> None:
    people = match_spans(["Joko Widodo", "Slamet Wiratmoko", "Ratna Sari"],
                         ["Jokowi", "S Wiratmoko", "Budi"], canonical_person, person=True)
    assert (people.tp, people.fp, people.fn) == (2, 1, 1)
    countries = match_spans(["Amerika Serikat"], ["AS", "AS"], canonical_country)
    assert (countries.tp, countries.fp, countries.fn) == (1, 0, 0)


def test_spans_naming_one_entity_count_once() -> None:
    """The extractor reports an entity once, so a sentence's spans for it count once."""
    spans = ["Joko Widodo", "Jokowi", "Joko Widodo"]
    counts = match_spans(["Joko Widodo"], spans, canonical_person, person=True)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    counts = match_spans(["Rusia"], ["Russia", "Rusia", "Suriah"], canonical_country)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)
    counts = match_spans(["Darmawan Sulistyo"], ["Darmawan", "Darmawan Sulistyo"], canonical_person, person=True)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    counts = match_spans(["Darmawan Sulistyo"], ["Rudi Hartanto", "Darmawan Sulistyo"], canonical_person, person=True)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


def test_idner_bench_exits_2_when_the_data_is_absent(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bench.entities_idner", "--path",
                             str(tmp_path / "missing.jsonl")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert "not found" in result.stderr
