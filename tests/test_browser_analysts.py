"""Entity pages and exports in a real browser (Debian's headless Chromium through Playwright):
an entity page reached from a facet value, and a CSV export downloaded and parsed."""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from search.query import EXPORT_COLUMNS

pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency: pip install -e '.[test]'")
from playwright.sync_api import expect  # noqa: E402


def test_an_entity_page_reached_from_a_facet_value(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/?q=jakarta")
    page.locator("#facet-person").get_by_role("link", name="Halaman tokoh Anies Baswedan").click()
    page.wait_for_url(re.compile(r"/tokoh/Anies%20Baswedan$"))
    expect(page.locator("h1")).to_have_text("Anies Baswedan")
    expect(page.locator(".entity-count")).to_contain_text(re.compile(r"Disebut dalam \d+ artikel"))
    total = int(re.search(r"(\d+) artikel", page.locator(".entity-count").inner_text()).group(1))
    expect(page.locator(".timeline-chart")).to_be_visible()
    expect(page.locator(".entity-articles").first.locator("li")).to_have_count(min(5, total))
    other = page.locator("#related-country + ul li").first
    combined = other.locator("a").first
    name, count = combined.inner_text(), int(other.locator(".facet-count").inner_text())
    combined.click()
    page.wait_for_url(re.compile(r"/\?person="))
    assert parse_qs(urlsplit(page.url).query) == {"person": ["Anies Baswedan"], "country": [name]}
    expect(page.locator("#status")).to_have_text(f"{count} artikel")
    page.locator(".hit .tag-page").first.click()
    page.wait_for_url(re.compile(r"/(tokoh|negara|organisasi)/"))
    expect(page.locator("h1")).to_be_visible()


def test_an_unknown_entity_is_a_404_page(watched, live_url):
    page, _ = watched(allowed=("404",))
    response = page.goto(live_url + "/tokoh/Tidak%20Ada%3Cb%3Ex%3C%2Fb%3E")
    assert response is not None and response.status == 404
    expect(page.locator(".error-page .error-code")).to_have_text("404")
    expect(page.locator(".error-page")).to_contain_text("„Tidak Ada<b>x</b>” tidak ada di indeks sebagai tokoh.")


def test_a_csv_export_downloads_and_parses(watched, live_url, tmp_path):
    page, _ = watched()
    page.goto(live_url + "/?q=jakarta&sort=newest&per_page=3")
    total = int(re.match(r"(\d+) artikel", page.locator("#status").inner_text()).group(1))
    titles = page.locator(".hit-title").all_inner_texts()
    with page.expect_download() as waiting:
        page.locator(".exports").get_by_role("link", name="CSV").click()
    download = waiting.value
    assert download.suggested_filename == "telusur.csv"
    saved = tmp_path / "telusur.csv"
    download.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == EXPORT_COLUMNS
        rows = list(reader)
    assert len(rows) == total > len(titles)
    assert [row["title"] for row in rows[:len(titles)]] == titles, "the export keeps the page's order"
    assert all(row["id"] and row["snippet"] for row in rows)
