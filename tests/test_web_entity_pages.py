"""Entity pages (``/tokoh/<name>``, ``/negara/<name>``, ``/organisasi/<name>`` and ``/api/...``)
through the real Flask app over the demo index, checked against the search API and a brute
force over the stored articles."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from search.facet_table import ENTITY_FACETS, ENTITY_PAGES, FACET_OF, SOURCE
from search.query import LiveIndex

ENTITIES = [("people", "Joko Widodo"), ("people", "Anies Baswedan"), ("countries", "Indonesia"),
            ("organizations", "KPK"), ("countries", "Jepang"), ("region", "Jawa Barat")]
WORD = re.compile(r"[^\W_]+")


def api_path(facet: str, name: str) -> str:
    return f"/api/{FACET_OF[facet].page}/{quote(name, safe='')}"


def every_hit(client, **params) -> dict:
    return client.get("/api/search", query_string={"per_page": 100, **params}).get_json()


@pytest.mark.parametrize(("facet", "name"), ENTITIES)
def test_counts_and_related_names_are_those_of_the_entitys_articles(demo_client, facet, name):
    page = demo_client.get(api_path(facet, name)).get_json()
    found = every_hit(demo_client, **{FACET_OF[facet].param: name})
    assert page["name"] == name and page["facet"] == facet
    assert page["total"] == found["total"] > 0
    assert sum(period["count"] for period in page["timeline"]["bins"]) + page["timeline"]["undated"] == page["total"]
    for other in (*ENTITY_FACETS, SOURCE):
        brute = Counter(value for hit in found["hits"] for value in (hit[other] if other != SOURCE else [hit[SOURCE]])
                        if value and value != name)
        listed = {item["value"]: item["count"] for item in page["related"][other]}
        assert listed == dict(brute.most_common(len(listed))) or all(brute[v] == c for v, c in listed.items())
        assert all(brute[value] == count for value, count in listed.items()), other
        assert page["related_totals"][other] == len(brute)
        assert name not in listed
    newest = every_hit(demo_client, sort="newest", **{FACET_OF[facet].param: name})["hits"]
    assert [hit["id"] for hit in page["latest"]] == [hit["id"] for hit in newest[:len(page["latest"])]]
    assert len(page["latest"]) == min(5, page["total"])
    assert {hit["id"] for hit in page["relevant"]} <= {hit["id"] for hit in found["hits"]}


def test_spellings_are_the_gazetteers_and_counted_in_the_text(demo_client, demo_index):
    page = demo_client.get(api_path("people", "Joko Widodo")).get_json()
    spellings = {item["text"]: item["articles"] for item in page["spellings"]}
    assert {"Joko Widodo", "Jokowi"} <= set(spellings) and page["spellings_known"]
    found = {hit["id"] for hit in every_hit(demo_client, person="Joko Widodo")["hits"]}
    view = LiveIndex(demo_index).view()
    texts = [fields for fields in view.searcher.all_stored_fields() if fields["id"] in found]
    for spelling, count in spellings.items():
        wanted = WORD.findall(spelling.lower())
        assert count == sum(_holds(WORD.findall(f"{fields['title']} {fields['body']}".lower()), wanted)
                            for fields in texts), spelling
    assert [item["articles"] for item in page["spellings"]] == sorted(spellings.values(), reverse=True)


def _holds(words: list[str], phrase: list[str]) -> bool:
    return any(words[start:start + len(phrase)] == phrase for start in range(len(words)))


def test_the_page_shows_everything_and_every_name_links_to_the_combined_search(demo_client):
    html = demo_client.get("/tokoh/Joko%20Widodo").get_data(as_text=True)
    page = demo_client.get(api_path("people", "Joko Widodo")).get_json()
    assert '<h1 id="entity-title"><bdi>Joko Widodo</bdi></h1>' in html
    assert f"{page['total']} artikel" in html and 'href="/?person=Joko+Widodo"' in html
    assert "Artikel terbaru" in html and "Paling relevan" in html and "Ejaan yang dilebur" in html
    assert '<figure class="timeline">' in html
    links = re.findall(r'<li><a href="(/\?[^"]+)"><bdi>([^<]+)</bdi></a> <span class="facet-count">(\d+)</span>', html)
    assert len(links) >= 5
    for url, label, count in links:
        params = parse_qs(urlsplit(unescape(url)).query)
        assert params in ({"person_all": ["Joko Widodo", unescape(label)]},
                          {"person": ["Joko Widodo"], next(iter(set(params) - {"person"}), ""): [unescape(label)]})
        found = every_hit(demo_client, **params)
        assert found["total"] == int(count), url
        if "person_all" in params:  # two people of one facet: both, not either
            assert all({"Joko Widodo", unescape(label)} <= set(hit["people"]) for hit in found["hits"])
    for hit in page["latest"]:
        assert f'href="/artikel/{hit["id"]}"' in html
    own_pages = re.findall(r'</span><a class="facet-page" href="([^"]+)">', html)
    assert len(own_pages) == sum(len(page["related"][facet]) for facet in ENTITY_FACETS)
    assert all(demo_client.get(path).status_code == 200 for path in own_pages)


def test_every_entity_facet_value_and_tag_links_to_its_page(demo_client):
    html = demo_client.get("/?q=jakarta").get_data(as_text=True)
    pages = set(re.findall(r'class="(?:facet|tag)-page" href="([^"]+)"', html))
    answer = every_hit(demo_client, q="jakarta")
    facet_values = {(facet, item["value"]) for facet in ENTITY_FACETS for item in answer["facets"][facet][:6]}
    tags = {(facet, value) for hit in answer["hits"] for facet in ENTITY_FACETS for value in hit[facet][:2]}
    for facet, value in facet_values | tags:
        assert f"/{FACET_OF[facet].page}/{quote(value, safe='')}" in pages
    for path in pages:
        assert demo_client.get(path).status_code == 200, path


def test_every_entity_facet_with_a_page_segment_is_served():
    assert {facet.name for facet in ENTITY_PAGES.values()} == set(ENTITY_FACETS)
    assert {"tokoh", "negara", "organisasi", "wilayah"} <= set(ENTITY_PAGES)


ODD_NAMES = ["AC/DC", "a//b", "x?y#z&q=1", '<script>alert("x")</script>', "100% Ülkü", "a+b c", "../etc", "trailing/"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_unknown_names_are_an_indonesian_404_that_names_them_escaped(demo_client, name):
    path = f"/tokoh/{quote(name, safe='')}"
    response = demo_client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Halaman tidak ditemukan" in html and "<script>alert" not in html
    assert f"„{name}”".replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in html
    answer = demo_client.get(f"/api/tokoh/{quote(name, safe='')}")
    assert answer.status_code == 404 and f"„{name}”" in answer.get_json()["detail"]


def test_a_name_with_a_slash_reaches_its_page(demo_client):
    from web.entity_view import entity_path

    assert entity_path("organizations", "AC/DC") == "/organisasi/AC%2FDC"
    assert entity_path("source", "Kompas.com") is None
    assert demo_client.get("/organisasi/KPK").status_code == 200
    assert demo_client.get("/kota/Jakarta").status_code == 404


def test_every_one_of_two_values_narrows_to_articles_naming_both(demo_client):
    both = every_hit(demo_client, person_all=["Joko Widodo", "Anies Baswedan"])
    either = every_hit(demo_client, person=["Joko Widodo", "Anies Baswedan"])
    assert 0 < both["total"] < either["total"]
    assert {hit["id"] for hit in both["hits"]} == {
        hit["id"] for hit in either["hits"] if {"Joko Widodo", "Anies Baswedan"} <= set(hit["people"])}
    counted = {item["value"]: item["count"] for item in both["facets"]["people"]}
    assert counted["Joko Widodo"] == counted["Anies Baswedan"] == both["total"], "counts are taken within the scope"
    html = demo_client.get("/?person_all=Joko+Widodo&person_all=Anies+Baswedan").get_data(as_text=True)
    assert html.count("Tokoh (semua):") == 2
    assert 'href="/?person_all=Anies+Baswedan"' in html and 'href="/?person_all=Joko+Widodo"' in html
