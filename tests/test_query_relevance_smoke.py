"""Relevance on data the project ships, through the product path: every seed's
headline, typed as a query, finds that seed first (``bench/relevance.py`` measures
the same on CLICK-ID and FacQA)."""

from __future__ import annotations

from conftest import SEEDS
from search.config import DEFAULT_STEMMER
from search.index.builder import build_index
from search.ingest import Article, read_sources
from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.request import SearchRequest


def test_each_seed_headline_finds_its_seed_first(tmp_path):
    report = build_index(tmp_path / "index", [SEEDS], stemmer=DEFAULT_STEMMER)
    assert report.added == 5
    view = LiveIndex(tmp_path / "index").view()
    articles = [item for item in read_sources([SEEDS]) if isinstance(item, Article)]
    assert len(articles) == 5
    for article in articles:
        hits = engine_search(view, SearchRequest(query=article.title)).as_json()["hits"]
        assert hits and hits[0]["id"] == article.id, (article.title, [hit["id"] for hit in hits])
