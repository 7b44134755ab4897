"""The linimasa and the results to take away, through the real Flask app over the demo index:
the chart's bars and their links, the JSON ``timeline``, CSV and JSON Lines exports parsed
back with the standard library, and the Atom feed parsed by feedparser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import CATEGORIES, XSS_MARKUP
from search.entities.region_names import provinces
from search.query import EXPORT_COLUMNS, LiveIndex, SearchRequest, engine, export_hits
from web import exports
from web.exports import FEED_ENTRIES

BAR = re.compile(r'<a href="(?P<url>[^"]+)" data-nav aria-label="(?P<label>[^"]+)"><title>')


def everything(client, query: str = "", **params) -> dict:
    """The search's JSON with every hit on one page (the demo index holds 32 articles)."""
    return client.get("/api/search", query_string={"q": query, "per_page": 100, **params}).get_json()


def test_api_timeline_counts_every_dated_hit_in_its_period(demo_client):
    for query, params in (("", {}), ("jakarta", {}), ("", {"person": "Joko Widodo"}), ("banjir", {"from": "2020-01-03"})):
        answer = everything(demo_client, query, **params)
        timeline = answer["timeline"]
        assert set(timeline) == {"unit", "undated", "bins"}
        days = [dt.date.fromisoformat(hit["date"]) for hit in answer["hits"] if hit["date"]]
        assert timeline["undated"] == answer["total"] - len(days)
        for period in timeline["bins"]:
            first, last = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
            assert period["count"] == sum(first <= day <= last for day in days)
        assert sum(period["count"] for period in timeline["bins"]) == len(days)


def test_timeline_bars_are_labelled_links_to_their_dates(demo_client):
    page = demo_client.get("/?q=jakarta&source=Kompas.com").get_data(as_text=True)
    timeline = everything(demo_client, "jakarta", source="Kompas.com")["timeline"]
    bars = [(unescape(found["url"]), found["label"]) for found in BAR.finditer(page)]
    nonzero = [period for period in timeline["bins"] if period["count"]]
    assert len(bars) == len(nonzero) > 0
    for (url, label), period in zip(bars, nonzero, strict=True):
        params = parse_qs(urlsplit(url).query)
        assert params == {"q": ["jakarta"], "source": ["Kompas.com"], "from": [period["from"]], "to": [period["to"]]}
        assert re.fullmatch(rf"{period['count']} artikel, \S.*", label)
        narrowed = demo_client.get("/api/search", query_string=params | {"per_page": 100}).get_json()
        assert narrowed["total"] == period["count"], "a bar's link finds exactly the articles it counts"
    assert '<figure class="timeline">' in page and "Linimasa" in page


def test_month_bars_read_as_indonesian_months(demo_client):
    page = demo_client.get("/").get_data(as_text=True)
    assert everything(demo_client)["timeline"]["unit"] == "month"
    labels = [found["label"] for found in BAR.finditer(page)]
    months = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
    assert labels and all(re.fullmatch(rf"\d+ artikel, ({months}) \d{{4}}", label) for label in labels), labels
    assert "artikel per bulan" in page


def test_no_dated_match_draws_no_chart(demo_client):
    page = demo_client.get("/?q=tidakadakatasepertiini").get_data(as_text=True)
    assert '<figure class="timeline">' not in page
    assert demo_client.get("/api/fragments?q=tidakadakatasepertiini").get_json()["html"]["timeline"].strip() == ""


def test_fragments_carry_the_timeline_of_the_page(demo_client):
    page = demo_client.get("/?q=banjir").get_data(as_text=True)
    fragment = demo_client.get("/api/fragments?q=banjir").get_json()["html"]["timeline"]
    assert "<svg" in fragment and fragment.strip() in page


def csv_rows(client, query_string: dict) -> list[dict]:
    response = client.get("/ekspor.csv", query_string=query_string)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    assert tuple(reader.fieldnames or ()) == EXPORT_COLUMNS
    return list(reader)


def test_csv_export_holds_the_whole_result_set_in_the_search_order(demo_client):
    answer = everything(demo_client, "", sort="newest")
    rows = csv_rows(demo_client, {"sort": "newest", "per_page": 5, "page": 3})
    assert len(rows) == answer["total"] > 5, "the whole result set, not the page"
    assert [row["id"] for row in rows] == [hit["id"] for hit in answer["hits"]]
    for row, hit in zip(rows, answer["hits"], strict=True):
        assert row["title"] == hit["title"] and row["date"] == (hit["date"] or "")
        assert row["people"] == "; ".join(hit["people"]) and row["region"] == "; ".join(hit["region"])
        assert "<mark>" not in row["snippet"] and row["snippet"]
    assert any(row["region"] for row in rows)


def test_export_columns_are_the_ones_analysts_asked_for():
    assert EXPORT_COLUMNS == ("id", "title", "date", "source", "url", "people", "countries", "organizations",
                              "region", "snippet")


def test_region_facet_lists_provinces_filters_and_shows_a_chip(demo_client):
    page = demo_client.get("/").get_data(as_text=True)
    assert '<legend class="facet-title">Wilayah</legend>' in page
    answer = everything(demo_client)
    counts = {value["value"]: value["count"] for value in answer["facets"]["region"]}
    assert counts == Counter(region for hit in answer["hits"] for region in hit["region"])
    assert set(counts) <= provinces(), "cities and regencies are folded into their province"
    # Lombok, Palu and Donggala, Halmahera Selatan, Cawang: places of four provinces, none written as one.
    assert {"Nusa Tenggara Barat", "Sulawesi Tengah", "Maluku Utara", "DKI Jakarta"} <= set(counts)
    chosen = everything(demo_client, region="Jawa Barat")
    assert chosen["total"] == counts["Jawa Barat"] > 0
    assert all("Jawa Barat" in hit["region"] for hit in chosen["hits"])
    either = everything(demo_client, region=["Jawa Barat", "Maluku Utara"])
    assert either["total"] == counts["Jawa Barat"] + counts["Maluku Utara"], "values of one facet are alternatives"
    page = demo_client.get("/?region=Jawa+Barat").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" id="region-\w+" name="region" value="Jawa Barat" form="search-form" '
                     r'checked>', page)
    assert '<span class="chip-kind">Wilayah:</span> <bdi>Jawa Barat</bdi>' in page


def test_category_facet_counts_the_records_rubrics_in_one_casing(demo_client):
    page = demo_client.get("/").get_data(as_text=True)
    assert '<legend class="facet-title">Kategori</legend>' in page
    answer = everything(demo_client)
    rubric = {hit["id"]: CATEGORIES.get(hit["id"].split("-")[0]) for hit in answer["hits"]}
    expected = Counter(name.capitalize() for name in rubric.values() if name)
    assert {value["value"]: value["count"] for value in answer["facets"]["category"]} == expected
    chosen = everything(demo_client, category="Bola")
    assert sorted(hit["id"] for hit in chosen["hits"]) == sorted(key for key, name in rubric.items() if name == "BOLA")
    assert '<span class="chip-kind">Kategori:</span> <bdi>Bola</bdi>' in demo_client.get(
        "/?category=Bola").get_data(as_text=True)


def test_jsonl_export_follows_query_and_filters(demo_client):
    answer = everything(demo_client, "jakarta", source="Kompas.com")
    response = demo_client.get("/ekspor.jsonl", query_string={"q": "jakarta", "source": "Kompas.com"})
    assert response.status_code == 200 and response.is_streamed
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [record["id"] for record in records] == [hit["id"] for hit in answer["hits"]]
    assert all(tuple(record) == EXPORT_COLUMNS for record in records)
    assert all(record["source"] == "Kompas.com" and isinstance(record["countries"], list) for record in records)


def test_export_keeps_a_hostile_title_as_the_text_it_is(demo_client):
    rows = csv_rows(demo_client, {"q": "keamanan"})
    assert any(XSS_MARKUP in row["title"] for row in rows)


def test_export_is_read_a_page_at_a_time_and_bounded(demo_client, demo_index, monkeypatch):
    monkeypatch.setattr(engine, "EXPORT_PAGE", 5)
    pages = list(export_hits(LiveIndex(demo_index).view(), SearchRequest(sort="oldest")))
    assert [len(page) for page in pages] == [5] * 6 + [2]
    monkeypatch.setattr(exports, "EXPORT_MAX_ROWS", 7)
    assert len(csv_rows(demo_client, {"q": ""})) == 7
    assert "Unduh semua 32 artikel" in demo_client.get("/").get_data(as_text=True)


def test_unknown_export_format_is_a_404(demo_client):
    assert demo_client.get("/ekspor.xlsx").status_code == 404


def test_every_search_page_links_its_exports_and_feed(demo_client):
    page = demo_client.get("/?q=banjir&page=1&sort=newest").get_data(as_text=True)
    for link in ("/ekspor.csv?q=banjir&amp;sort=newest", "/ekspor.jsonl?q=banjir&amp;sort=newest",
                 "/umpan.atom?q=banjir&amp;sort=newest"):
        assert f'href="{link}"' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page


def _feedparser():
    return pytest.importorskip("feedparser", reason="feedparser is a test dependency: pip install -e '.[test]'")


def test_atom_feed_parses_newest_first_with_relative_links(demo_client):
    feedparser = _feedparser()
    response = demo_client.get("/umpan.atom?q=jakarta", headers={"Host": "penyerang.example"})
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Telusur: jakarta"
    newest = everything(demo_client, "jakarta", sort="newest")
    assert len(feed.entries) == min(FEED_ENTRIES, newest["total"])
    assert [entry.title for entry in feed.entries] == [hit["title"] for hit in newest["hits"]][:FEED_ENTRIES]
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert b"penyerang" not in response.get_data() and b"localhost" not in response.get_data()
    for entry in feed.entries:
        assert entry.link.startswith("/artikel/") and entry.id.startswith("urn:uuid:")
        assert demo_client.get(entry.link).status_code == 200
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    assert feed.feed.links[0].href.startswith("/umpan.atom?q=jakarta")


def test_atom_feed_links_start_with_the_configured_address_and_keep_their_ids(demo_index, demo_client):
    from web.app import create_app

    feedparser = _feedparser()
    client = create_app(demo_index, base_url="https://berita.example.id/").test_client()
    response = client.get("/umpan.atom?q=jakarta", headers={"Host": "penyerang.example"})
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo and b"penyerang" not in response.get_data()
    assert all(entry.link.startswith("https://berita.example.id/artikel/") for entry in feed.entries)
    assert feed.feed.links[0].href.startswith("https://berita.example.id/umpan.atom?q=jakarta")
    relative = feedparser.parse(demo_client.get("/umpan.atom?q=jakarta").get_data())
    assert [entry.id for entry in feed.entries] == [entry.id for entry in relative.entries], "ids name, not locate"
    for wrong in ("berita.example.id", "ftp://berita.example.id", "https://x.id/?a=1"):
        with pytest.raises(ValueError, match="TELUSUR_BASE_URL"):
            create_app(demo_index, base_url=wrong)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_stay_text():
    from search.query.result import spreadsheet_safe

    for formula in ("=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(formula) == "'" + formula
    assert spreadsheet_safe("Harga cabai naik") == "Harga cabai naik" and spreadsheet_safe("") == ""


def test_a_single_period_is_one_bar_of_bounded_width_centred(demo_client):
    from web.timeline_chart import MAX_BAR_WIDTH, WIDTH

    day = next(hit["date"] for hit in everything(demo_client, sort="newest")["hits"] if hit["date"])
    page = demo_client.get(f"/?from={day}&to={day}").get_data(as_text=True)
    bars = re.findall(r'<rect class="timeline-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', page)
    assert len(bars) == 1
    x, width = (float(number) for number in bars[0])
    assert 0 < width <= MAX_BAR_WIDTH and abs(x + width / 2 - WIDTH / 2) < 0.01
    months = re.findall(r'<rect class="timeline-bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"',
                        demo_client.get("/").get_data(as_text=True))
    assert len(months) > 3 and all(float(width) <= MAX_BAR_WIDTH for width in months)
