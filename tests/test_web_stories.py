"""Duplicate stories through the real Flask app, the CLI and Chromium, over the invented corpus
with one wire story run by three outlets on two days and republished a week later
(``browser_support.STORIES``)."""

from __future__ import annotations

import re
from html import unescape

from playwright.sync_api import expect

from browser_support import WIRE_IDS
from conftest import run_cli

QUERY = "tegalluar"
SUMMARY = re.compile(r"<summary>\+(\d+) berita serupa</summary>")


def api(client, **params) -> dict:
    return client.get("/api/search", query_string={"q": QUERY, "per_page": 100, **params}).get_json()


def test_copies_are_one_hit_with_the_others_under_it(stories_app):
    stories_client, _ = stories_app
    answer = api(stories_client)
    assert answer["total"] == 4 and answer["stories"] == 2 and answer["grouped"] is True
    grouped = [hit for hit in answer["hits"] if hit["similar_count"]]
    assert len(answer["hits"]) == 2 and len(grouped) == 1
    story = grouped[0]
    assert {story["id"], *(copy["id"] for copy in story["similar"])} == set(WIRE_IDS)
    assert story["similar_count"] == len(story["similar"]) == 2
    assert all(set(copy) == {"id", "title", "date", "source", "url"} for copy in story["similar"])
    ungrouped = [hit for hit in answer["hits"] if not hit["similar_count"]]
    assert [hit["id"] for hit in ungrouped] == ["kereta-04"], "a copy a week later is another story"


def test_the_first_copy_is_the_best_ranked_one_for_each_order(stories_app):
    stories_client, _ = stories_app
    flat = api(stories_client, group=0)
    first_of = {}
    for sort in ("relevance", "newest", "oldest"):
        order = [hit["id"] for hit in api(stories_client, group=0, sort=sort)["hits"] if hit["id"] in WIRE_IDS]
        first_of[sort] = order[0]
        grouped = api(stories_client, sort=sort)
        shown = next(hit for hit in grouped["hits"] if hit["similar_count"])
        assert [shown["id"], *(copy["id"] for copy in shown["similar"])] == order, sort
    assert first_of["newest"] == "kereta-03" and first_of["oldest"] in {"kereta-01", "kereta-02"}
    assert flat["grouped"] is False and flat["stories"] == 2 and len(flat["hits"]) == 4
    assert all(hit["similar_count"] == 0 and hit["similar"] == [] for hit in flat["hits"])


def test_filters_fold_only_the_copies_they_keep(stories_app):
    stories_client, _ = stories_app
    narrowed = api(stories_client, source=["kompas.com", "detik.com", "tirto.id"])
    assert narrowed["total"] == 3 and narrowed["stories"] == 2
    (story,) = [hit for hit in narrowed["hits"] if hit["similar_count"]]
    assert {story["id"], *(copy["id"] for copy in story["similar"])} == {"kereta-02", "kereta-03"}
    for answer, articles in ((narrowed, 3), (api(stories_client), 4)):
        assert sum(item["count"] for item in answer["facets"]["year"]) == articles, "facets count articles"
        assert sum(period["count"] for period in answer["timeline"]["bins"]) == articles


def test_page_states_both_numbers_and_expands_without_javascript(stories_app):
    stories_client, _ = stories_app
    page = stories_client.get("/", query_string={"q": QUERY}).get_data(as_text=True)
    assert re.search(r'role="status"[^>]*>4 artikel · 2 berita untuk „tegalluar”</p>', page)
    assert [int(count) for count in SUMMARY.findall(page)] == [2]
    details = page[page.index('<details class="similar">'):page.index("</details>")]
    assert details.count("<li>") == 2 and sum(f"/artikel/{copy}" in details for copy in WIRE_IDS) == 2
    off = unescape(re.search(r'<a href="([^"]+)" data-nav>Tampilkan semua artikel satu per satu</a>', page).group(1))
    assert "group=0" in off
    flat = stories_client.get(off).get_data(as_text=True)
    assert "berita serupa</summary>" not in flat and flat.count('<li class="hit">') == 4
    assert 'name="group" value="0">' in flat, "a new query from the box keeps grouping off"
    assert "Kelompokkan berita serupa" in flat


def test_pages_count_stories(stories_app):
    stories_client, _ = stories_app
    one = stories_client.get("/api/search", query_string={"q": QUERY, "per_page": 1, "page": 2}).get_json()
    assert len(one["hits"]) == 1
    page = stories_client.get("/", query_string={"q": QUERY, "per_page": 1}).get_data(as_text=True)
    assert "Halaman 2" in page and "Halaman 3" not in page


def test_cli_states_both_numbers_and_lists_the_copies(stories_index):
    shown = run_cli("search", QUERY, "--index", str(stories_index))
    assert shown.returncode == 0 and shown.stdout.startswith("4 results, 2 stories")
    assert "+ 2 similar:" in shown.stdout
    flat = run_cli("search", QUERY, "--index", str(stories_index), "--no-group", "--json", check_json=True)
    assert flat.json["total"] == 4 and flat.json["stories"] == 2 and len(flat.json["hits"]) == 4


def test_an_expanded_group_with_and_without_javascript(watched, stories_app):
    _, stories_url = stories_app
    for javascript in (True, False):
        page, _ = watched(javascript=javascript)
        page.goto(stories_url + "/?q=tegalluar")
        expect(page.locator("#status")).to_have_text("4 artikel · 2 berita untuk „tegalluar”")
        group = page.locator("details.similar")
        expect(group).to_have_count(1)
        copies = group.locator(".similar-list a")
        expect(copies.first).to_be_hidden()
        group.locator("summary").click()
        expect(group).to_have_attribute("open", "")
        expect(copies).to_have_count(2)
        expect(copies.first).to_be_visible()
        copies.first.click()
        page.wait_for_load_state()
        expect(page.locator("#article-title")).to_be_visible()
    page, _ = watched()
    page.goto(stories_url + "/?q=tegalluar")
    page.get_by_role("link", name="Tampilkan semua artikel satu per satu").click()
    expect(page.locator("#status")).to_have_text("4 artikel · 2 berita untuk „tegalluar”")
    expect(page.locator(".hit")).to_have_count(4)
    page.wait_for_url(re.compile(r"group=0"))
    page.locator("#q").fill("kereta")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"q=kereta&group=0|group=0&q=kereta|q=kereta.*group=0"))
    expect(page.locator("details.similar")).to_have_count(0)


def test_exports_list_every_article(stories_app):
    stories_client, _ = stories_app
    page = stories_client.get("/", query_string={"q": QUERY}).get_data(as_text=True)
    assert "Unduh semua 4 artikel:" in page
    rows = stories_client.get("/ekspor.jsonl", query_string={"q": QUERY}).get_data(as_text=True).splitlines()
    assert len(rows) == 4
