"""Rules of the third long-tail round (issue 14): one invented sentence per kind of input,
with the values a facet must give for it (``tests/data/entities_tail_cases.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.entities import extract_entities

CASES = Path(__file__).parent / "data" / "entities_tail_cases.json"


def _cases() -> list[pytest.param]:
    rows = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(row["facet"], row["text"], row["expected"], id=f"{row['facet']}-{row['kind']}")
            for row in rows]


@pytest.mark.parametrize(("facet", "text", "expected"), _cases())
def test_each_kind_gives_its_values(facet: str, text: str, expected: list[str]) -> None:
    assert extract_entities(text)[facet] == expected


def test_an_opened_congress_is_an_event_not_a_body() -> None:
    assert extract_entities("Menteri itu membuka Kongres Nasional Petani Indonesia di Yogyakarta.")["organizations"] == []


def test_every_facet_of_the_round_has_cases() -> None:
    facets = {row["facet"] for row in json.loads(CASES.read_text(encoding="utf-8"))["cases"]}
    assert facets == {"people", "organizations", "countries"}
