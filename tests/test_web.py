"""The Flask app over a real seed index: pages render, input is escaped, bad parameters are harmless."""

from __future__ import annotations

import pytest

from web.app import create_app


@pytest.fixture
def client(seed_index):
    return create_app(seed_index).test_client()


def test_search_page_lists_highlighted_results_in_indonesian(client):
    page = client.get("/?q=Kerry")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "artikel" in html and "<mark>Kerry</mark>" in html
    assert 'lang="id"' in html


def test_hostile_query_is_rendered_as_text(client):
    page = client.get('/?q="><img src=x onerror=alert(1)>')
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<img src=x" not in html and "&lt;img src=x" in html


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "per_page=100000", "q=" + "a" * 10000, "q=%00%01"])
def test_bad_parameters_give_a_page_not_an_error(client, query):
    assert client.get("/?" + query).status_code == 200
    assert client.get("/api/search?" + query).status_code == 200


def test_api_returns_the_shared_json_shape(client):
    response = client.get("/api/search?q=Putin&per_page=2").get_json()
    assert response["per_page"] == 2 and response["total"] >= 1
    assert response["hits"][0]["snippet"]


def test_security_headers(client):
    headers = client.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_missing_index_says_how_to_build_one(tmp_path):
    page = create_app(tmp_path / "none").test_client().get("/")
    assert page.status_code == 503 and "telusur index" in page.get_data(as_text=True)
