"""`telusur search` over a real seed index: the shared JSON shape and readable output."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_cli
from search.query import EXPORT_COLUMNS

HIT_KEYS = {"id", "title", "date", "source", "url", "language", "score", "snippet",
            "people", "countries", "organizations", "region"}


def search(seed_index, *args: str):
    return run_cli("search", *args, "--index", str(seed_index), "--json", check_json=True)


def test_json_has_the_shared_shape(seed_index):
    result = search(seed_index, "Kerry")
    assert result.returncode == 0, result.stderr
    response = result.json
    assert set(response) >= {"query", "total", "page", "per_page", "hits", "facets", "did_you_mean", "took_ms"}
    assert response["query"] == "Kerry" and response["page"] == 1
    assert response["total"] == 5
    for hit in response["hits"]:
        assert set(hit) >= HIT_KEYS
        assert "<mark>" in hit["snippet"]
        assert hit["language"] == "id"


def test_title_matches_rank_above_body_matches(seed_index):
    hits = search(seed_index, "tawarkan").json["hits"]
    assert hits[0]["id"] == "003_4a60767ef8689d8c"


def test_stated_date_and_publisher_come_through(seed_index):
    hits = {hit["id"]: hit for hit in search(seed_index, "", "--limit", "10").json["hits"]}
    assert hits["003_4a60767ef8689d8c"]["date"] == "2015-10-25"
    assert hits["003_4a60767ef8689d8c"]["source"] == "Republika"


def test_empty_query_browses_newest_first(seed_index):
    response = search(seed_index, "").json
    assert response["total"] == 5
    assert response["hits"][0]["date"] == "2015-10-25"


def test_limit_and_pages(seed_index):
    first = search(seed_index, "Rusia", "--limit", "2").json
    second = search(seed_index, "Rusia", "--limit", "2", "--page", "2").json
    past = search(seed_index, "Rusia", "--limit", "2", "--page", "9").json
    assert len(first["hits"]) == 2 and first["per_page"] == 2
    assert not {hit["id"] for hit in first["hits"]} & {hit["id"] for hit in second["hits"]}
    assert past["hits"] == [] and past["total"] == first["total"]


def test_readable_output_shows_titles_and_marks_matches(seed_index):
    result = run_cli("search", "Putin", "--index", str(seed_index))
    assert result.returncode == 0
    assert "results" in result.stdout and "[Putin]" in result.stdout


def test_missing_index_is_a_clear_error(tmp_path):
    result = run_cli("search", "apa", "--index", str(tmp_path / "none"))
    assert result.returncode == 2 and "telusur index" in result.stderr


def test_format_csv_and_jsonl_write_every_hit_not_one_page(demo_index):
    """Both exports hold the whole result set in the --sort order, as the JSON's pages do."""
    listed = run_cli("search", "", "--index", str(demo_index), "--sort", "newest", "--limit", "100", "--json",
                     check_json=True).json
    ids = [hit["id"] for hit in listed["hits"]]
    written = run_cli("search", "", "--index", str(demo_index), "--sort", "newest", "--limit", "3",
                      "--format", "csv")
    assert written.returncode == 0, written.stderr
    rows = list(csv.DictReader(io.StringIO(written.stdout)))
    assert [row["id"] for row in rows] == ids and len(ids) == listed["total"] > 3
    assert tuple(rows[0]) == EXPORT_COLUMNS
    lines = run_cli("search", "jakarta", "--index", str(demo_index), "--source", "Kompas.com", "--format", "jsonl")
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    filtered = run_cli("search", "jakarta", "--index", str(demo_index), "--source", "Kompas.com", "--limit", "100",
                       "--json", check_json=True).json
    assert [record["id"] for record in records] == [hit["id"] for hit in filtered["hits"]] != []


def test_region_and_category_flags_filter_like_the_web_parameters(demo_index, demo_client):
    for flag, param, value in (("--region", "region", "Jawa Barat"), ("--category", "category", "Bola")):
        result = search(demo_index, "", flag, value, "--limit", "50")
        assert result.returncode == 0, result.stderr
        web = demo_client.get("/api/search", query_string={param: value, "per_page": 50}).get_json()
        assert result.json["total"] == web["total"] > 0
        assert [hit["id"] for hit in result.json["hits"]] == [hit["id"] for hit in web["hits"]]
