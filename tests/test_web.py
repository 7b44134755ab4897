"""The Flask app over real indexes: pages render, input is escaped, bad parameters are harmless."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from browser_support import ARTICLES, XSS_ID, build_demo_index
from search.analysis.analyzer import text_analyzer
from search.query.present.article import paragraphs
from search.query.present.highlight import highlight_all
from web.app import create_app
from web.formatting import external_url, indonesian_date
from web.links import SearchLinks, search_params
from web.pagination import Pagination
from web.params import request_from_params


@pytest.fixture
def client(seed_index):
    return create_app(seed_index).test_client()


def html_of(response) -> str:
    return response.get_data(as_text=True)


def test_search_page_lists_highlighted_results_in_indonesian(client):
    page = client.get("/?q=Kerry")
    assert page.status_code == 200
    html = html_of(page)
    assert "artikel" in html and "<mark>Kerry</mark>" in html
    assert 'lang="id"' in html


def test_hostile_query_is_rendered_as_text(client):
    page = client.get('/?q="><img src=x onerror=alert(1)>')
    html = html_of(page)
    assert page.status_code == 200
    assert "<img src=x" not in html and "&lt;img src=x" in html


@pytest.mark.parametrize("query", [
    "page=abc", "page=-1", "page=0", "page=99999999999999999999", "per_page=100000", "per_page=0",
    "per_page=-5", "q=" + "a" * 10000, "q=%00%01", "sort=sideways", "from=garbage", "to=2015-13-45",
    "from=2016-01-01&to=2015-01-01", "from=" + "9" * 400, "facet_limit=999999", "year=abc&lang=xx",
    "person=%3Cscript%3E", "person_q=%00", "q=%22unclosed", "q=(((", "q=-", "q=judul:",
])
def test_bad_parameters_give_a_page_not_an_error(client, query):
    assert client.get("/?" + query).status_code == 200
    assert client.get("/api/search?" + query).status_code == 200
    assert client.get("/api/fragments?" + query).status_code == 200


def test_api_returns_the_shared_json_shape(client):
    response = client.get("/api/search?q=Putin&per_page=2").get_json()
    assert response["per_page"] == 2 and response["total"] >= 1
    assert response["hits"][0]["snippet"]
    assert set(response["facets"]) == {"people", "countries", "organizations", "region", "source", "category",
                                       "language", "year"}


def test_security_headers(client):
    for path in ("/", "/artikel/none", "/static/app.js", "/api/search"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_missing_index_says_how_to_build_one(tmp_path):
    client = create_app(tmp_path / "none").test_client()
    page = client.get("/")
    assert page.status_code == 503 and "telusur index" in html_of(page)
    assert client.get("/api/search").status_code == 503
    assert client.get("/api/fragments").get_json()["error"]


class _MarkupAudit(HTMLParser):
    """Collects what a strict CSP would refuse: inline scripts, handlers and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.violations: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.violations.append("inline <script>")
        if tag == "style":
            self.violations.append("<style> element")
        self.violations += [f"{tag} {name}=" for name in names if name.startswith("on") or name == "style"]


@pytest.mark.parametrize("path", [
    "/", "/?q=rusia&person=John+Kerry&from=2015-01-01", "/?q=qwzxkvbnm", "/?page=50",
    "/artikel/000_8805c64e3cc97002?q=lavrov", "/artikel/none", "/tidak-ada",
])
def test_pages_need_no_inline_script_or_style(client, path):
    audit = _MarkupAudit()
    audit.feed(html_of(client.get(path)))
    assert audit.violations == []


def test_facets_are_checkboxes_in_the_get_form_with_chips_to_remove_them(client):
    html = html_of(client.get("/?q=rusia&person=John+Kerry&country=Rusia"))
    assert re.search(r'<input type="checkbox" id="person-\w+" name="person" value="John Kerry" '
                     r'form="search-form" checked>', html)
    assert '<form id="search-form" class="searchbox" action="/" method="get" role="search">' in html
    for label in ("Tokoh", "Negara", "Organisasi", "Sumber", "Bahasa", "Tahun"):
        assert f'<legend class="facet-title">{label}</legend>' in html
    # The seeds are foreign news in plain text files: no province, no rubric, so no such facet shown.
    for label in ("Wilayah", "Kategori"):
        assert f'<legend class="facet-title">{label}</legend>' not in html
    chips = re.findall(r'<a class="chip" href="([^"]+)"', html)
    assert chips == ["/?q=rusia&amp;country=Rusia", "/?q=rusia&amp;person=John+Kerry"]
    assert '<a class="clear-all" href="/?q=rusia" data-nav>Hapus semua</a>' in html


def test_long_facets_get_a_search_box_and_lihat_lainnya(client):
    html = html_of(client.get("/"))
    assert 'name="person_q"' in html and "Lihat lainnya" in html
    narrowed = html_of(client.get("/?person_q=lavr"))
    people = re.findall(r'name="person" value="([^"]+)"', narrowed)
    assert people == ["Sergey Lavrov"]


def test_selected_value_unknown_to_the_index_stays_visible_and_removable(client):
    html = html_of(client.get("/?person=Tokoh+Rekaan"))
    assert 'value="Tokoh Rekaan" form="search-form" checked' in html
    assert "0 artikel" in html and 'class="chip" href="/"' in html


def test_results_show_source_indonesian_date_entities_and_article_links(client):
    html = html_of(client.get("/?q=tawarkan"))
    assert '<time datetime="2015-10-25">25 Oktober 2015</time>' in html
    assert '<span class="hit-source"><bdi>Republika</bdi></span>' in html
    assert 'href="/artikel/003_4a60767ef8689d8c?q=tawarkan"' in html
    assert re.search(r'<a class="tag tag-people" href="/\?q=tawarkan&amp;person=Vladimir\+Putin"', html)


def test_sort_selector_and_status(client):
    html = html_of(client.get("/?q=kerry&sort=oldest"))
    assert '<option value="oldest" selected>Terlama</option>' in html
    assert "Relevansi" in html and "Terbaru" in html
    assert re.search(r'role="status" aria-live="polite"[^>]*>5 artikel untuk „kerry”</p>', html)


def test_did_you_mean_links_to_the_corrected_search(client):
    html = html_of(client.get("/?q=sepakt"))
    assert "Mungkin maksud Anda" in html
    assert re.search(r'href="/\?q=sepakat" data-nav>sepakat</a>', html)


def test_unfinished_last_word_finds_and_marks_its_completions(client):
    html = html_of(client.get("/?q=lavr"))
    assert "4 artikel" in html and "<mark>Lavrov</mark>" in html
    article = re.search(r'href="(/artikel/[^"]+)"', html).group(1)
    assert "prefix" not in article and "<mark>Lavrov</mark>" in html_of(client.get(article.replace("&amp;", "&")))
    assert "0 artikel" in html_of(client.get("/?q=lavr&prefix=0"))
    finished = html_of(client.get("/?q=lavr+"))
    assert "0 artikel" in finished


def test_empty_state_helps(client):
    html = html_of(client.get("/?q=qwzxkvbnm&person=John+Kerry"))
    assert "Tidak ada artikel yang cocok dengan „qwzxkvbnm”" in html
    assert "hapus semua filter" in html and "Lihat semua artikel" in html


def test_page_after_the_last_offers_the_way_back(client):
    html = html_of(client.get("/?page=9"))
    assert "Halaman 9 tidak ada" in html and 'href="/?page=1"' not in html


def test_garbage_and_reversed_dates_are_explained(client):
    html = html_of(client.get("/?from=kemarin&to=2015-01-01"))
    assert "Tanggal awal „kemarin” tidak dikenali dan diabaikan." in html
    swapped = html_of(client.get("/?from=2016-01-01&to=2015-01-01"))
    assert "ditukar" in swapped and 'value="2015-01-01"' in swapped
    assert "Sejak:</span> <bdi>1 Januari 2015</bdi>" in swapped


def test_fragments_are_the_page_partials(client):
    page = html_of(client.get("/?q=kerry&person=Sergey+Lavrov"))
    fragments = client.get("/api/fragments?q=kerry&person=Sergey+Lavrov").get_json()
    assert fragments["url"] == "/?q=kerry&person=Sergey+Lavrov"
    assert fragments["status"] == "4 artikel untuk „kerry”" and fragments["count"] == "4 artikel"
    for name in ("results", "chips", "facets", "timeline"):
        assert fragments["html"][name].strip() in page


def test_article_page_marks_the_query_and_links_entities_and_related(client):
    page = client.get("/artikel/000_8805c64e3cc97002?q=sepakat")
    html = html_of(page)
    assert page.status_code == 200
    assert "<mark>menyepakati</mark>" in html and "<mark>sepakat</mark>" in html
    assert html.count("<p>") >= 5, "paragraphs"
    assert 'href="/tokoh/John%20Kerry"' in html and 'href="/negara/Rusia"' in html, "entity tags open their pages"
    assert "Artikel terkait" in html
    related = re.findall(r'<li>\s*<a href="/artikel/([^"]+)">', html)
    assert len(related) == 4 and "000_8805c64e3cc97002" not in related
    assert 'href="/?q=sepakat">← Kembali ke hasil „sepakat”' in html


def test_unknown_article_is_an_indonesian_404_with_a_search_box(client):
    for path in ("/artikel/tidak-ada", "/halaman/lain"):
        page = client.get(path)
        html = html_of(page)
        assert page.status_code == 404
        assert "tidak ditemukan" in html and 'name="q"' in html and 'lang="id"' in html
    assert client.get("/api/tidak-ada").get_json()["error"] == "Halaman tidak ditemukan"


def test_suggest_proposes_entities_with_their_type_then_completions(client):
    body = client.get("/api/suggest?q=LAVR").get_json()
    assert body["suggestions"][0] == {"kind": "entity", "value": "Sergey Lavrov", "count": 4,
                                      "param": "person", "type": "Tokoh"}
    assert {"kind": "query", "value": "lavrov", "count": 4} in body["suggestions"]
    accents = client.get("/api/suggest?q=cavu").get_json()["suggestions"]
    assert accents[0]["value"] == "Mevlut Cavusoglu"
    ranked = [item["value"] for item in client.get("/api/suggest?q=s").get_json()["suggestions"]]
    assert ranked[:2] == ["Amerika Serikat", "Suriah"]
    assert client.get("/api/suggest?q=").get_json()["suggestions"] == []


def test_suggest_cleans_unprintable_characters_like_search(client):
    body = client.get("/api/suggest?q=%00lavr%1b").get_json()
    assert body["query"] == " lavr " and "\\u0000" not in json.dumps(body)
    assert body["suggestions"] == client.get("/api/suggest?q=+lavr+").get_json()["suggestions"]
    assert body["suggestions"][0]["value"] == "Sergey Lavrov"


def test_hostile_article_renders_as_text_everywhere(demo_client):  # noqa: F811
    for path in (f"/artikel/{XSS_ID}", f"/artikel/{XSS_ID}?q=keamanan", "/?q=keamanan", "/?q=alert",
                 "/?source=contoh.id"):
        html = html_of(demo_client.get(path))
        assert "<script>" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html, path
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html_of(demo_client.get("/?q=alert"))
    article = html_of(demo_client.get(f"/artikel/{XSS_ID}"))
    assert "javascript:" not in article, "an unsafe original URL is not linked"
    fragments = demo_client.get("/api/fragments?q=keamanan").get_json()["html"]["results"]
    assert "<script>alert" not in fragments and "&lt;script&gt;" in fragments


def test_demo_corpus_pages_and_language_names(demo_client):  # noqa: F811
    html = html_of(demo_client.get("/"))
    assert f"{len(ARTICLES)} artikel" in html
    assert 'aria-current="page"' in html and 'href="/?page=4"' in html
    assert '<bdi class="facet-name">Inggris</bdi>' in html
    english = html_of(demo_client.get("/?lang=en"))
    assert "Bahasa:</span> <bdi>Inggris</bdi>" in english and "1 artikel" in english


def test_running_app_serves_a_rebuilt_index_without_restart(tmp_path):
    root = tmp_path / "index"
    build_demo_index(root)
    client = create_app(root).test_client()
    assert client.get("/api/search?q=trenggiling").get_json()["total"] == 0
    extra = (("baru-01", "2021-03-01", "kompas.com", "Trenggiling Dilepasliarkan di Taman Nasional",
              ("Petugas melepasliarkan trenggiling hasil sitaan ke taman nasional.",)),)
    report = build_demo_index(root, extra=extra, rebuild=True)
    assert report.rebuilt and report.failed == 0
    found = client.get("/api/search?q=trenggiling").get_json()
    assert found["total"] == 1 and found["hits"][0]["id"] == "baru-01"
    assert client.get("/artikel/baru-01").status_code == 200
    assert "Trenggiling" in html_of(client.get("/?q=trenggiling"))


def test_links_round_trip_through_the_url_parameters(client):
    args = MultiDict([("q", "kerja sama"), ("person", "A & B"), ("person", "C"), ("country", "Rusia"),
                      ("from", "2015-01-01"), ("sort", "newest"), ("page", "3")])
    search = request_from_params(args.get, args.getlist)
    parsed = MultiDict(search_params(search))
    assert request_from_params(parsed.get, parsed.getlist) == search
    links = SearchLinks(search)
    assert links.page(1) == "/?q=kerja+sama&person=A+%26+B&person=C&country=Rusia&from=2015-01-01&sort=newest"
    assert "page" not in links.add("people", "D") and links.add("people", "C").count("person=C") == 1
    assert links.clear() == "/?q=kerja+sama&sort=newest"


@pytest.mark.parametrize(("page", "total", "numbers"), [
    (1, 5, []),
    (1, 35, [1, 2, 3, 4]),
    (1, 200, [1, 2, 3, None, 20]),
    (10, 200, [1, None, 8, 9, 10, 11, 12, None, 20]),
    (4, 200, [1, 2, 3, 4, 5, 6, None, 20]),
])
def test_pagination_numbers(page, total, numbers):
    assert Pagination(page, 10, total).numbers() == numbers


def test_pagination_beyond_the_last_page():
    pages = Pagination(50, 10, 35)
    assert pages.beyond_last and pages.previous == 4 and pages.next is None


def test_formatting():
    assert indonesian_date("2015-10-25") == "25 Oktober 2015"
    assert indonesian_date(dt.date(2019, 9, 1)) == "1 September 2019"
    assert indonesian_date("kemarin") == "" and indonesian_date(None) == ""
    assert external_url("https://tirto.id/a") == "https://tirto.id/a"
    for unsafe in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "//evil", "http://[x"):
        assert external_url(unsafe) is None


def test_highlight_all_marks_every_analysed_match_and_escapes_the_rest():
    analyzer = text_analyzer("sastrawi")
    text = "Mereka <b>sepakat</b> & kesepakatan itu disepakati."
    marked = highlight_all(text, analyzer, {"sepakat"})
    assert marked == ("Mereka &lt;b&gt;<mark>sepakat</mark>&lt;/b&gt; &amp; <mark>kesepakatan</mark> itu "
                      "<mark>disepakati</mark>.")
    assert highlight_all("<i>x</i>", analyzer, set()) == "&lt;i&gt;x&lt;/i&gt;"
    assert paragraphs("Satu.\n\n  Dua.\nTiga.\n\n") == ["Satu.", "Dua.", "Tiga."]


def test_completion_only_for_an_unfinished_last_word(client):
    assert "Menampilkan hasil untuk" not in html_of(client.get("/?q=rusia&person=Tokoh+Rekaan"))


def test_telusur_serve_answers_and_follows_a_rebuild(tmp_path):
    """The production path: gunicorn workers started by ``telusur serve`` pick up a new index."""
    root = tmp_path / "index"
    build_demo_index(root)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "search", "serve", "--index", str(root), "--host", "127.0.0.1",
                               "--port", str(port), "--workers", "1"], cwd=Path(__file__).resolve().parents[1],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def total(query: str) -> int:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q={query}", timeout=10) as response:
            return json.load(response)["total"]

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert total("banjir") == 3
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "telusur serve did not start"
                time.sleep(0.2)
        assert total("trenggiling") == 0
        extra = (("baru-02", "2021-03-02", "tempo.co", "Trenggiling Ditemukan di Kebun Warga",
                  ("Warga menemukan seekor trenggiling di kebun.",)),)
        build_demo_index(root, extra=extra, rebuild=True)
        # The new index opens in the background while the old one keeps answering.
        deadline = time.monotonic() + 30
        while total("trenggiling") != 1:
            assert time.monotonic() < deadline, "the served app never picked up the rebuilt index"
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_bidi_overrides_in_titles_and_sources_stay_inside_their_own_text(tmp_path):
    """A title or source with U+202E (right-to-left override) must not reverse the text after it
    on the same line. Blocks (a heading, a <dd>) end an override by themselves; inline text that
    shares a line with other text is isolated in <bdi>, and the page title, which has no markup,
    between isolate marks."""
    title, source = "Harga \u202eberas naik", "\u202emoc.liated"
    record = {"id": "bidi-01", "title": title, "source": source, "date": "2020-01-02",
              "content": "Harga beras naik lagi di pasar induk. Pedagang mengeluhkan pasokan yang seret."}
    corpus = tmp_path / "bidi.jsonl"
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    from search.index.builder import build_index

    build_index(tmp_path / "index", [corpus], stemmer="light")
    client = create_app(tmp_path / "index").test_client()
    results = html_of(client.get("/?q=beras"))
    assert f'<span class="hit-source"><bdi>{source}</bdi></span>' in results
    assert f'<bdi class="facet-name">{source}</bdi>' in results
    article = html_of(client.get("/artikel/bidi-01"))
    assert f"<title>\u2068{title}\u2069 · Telusur</title>" in article


def test_a_query_past_the_limits_is_answered_with_a_notice_of_what_was_not_searched(client):
    from search.query.parse.syntax import MAX_WORDS

    words = [f"kata{number}" for number in range(MAX_WORDS)] + ["rusia", "suriah"]
    query = " ".join(words)
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 200 and response.get_json()["dropped"] == ["rusia", "suriah"]
    page = html_of(client.get("/", query_string={"q": query}))
    assert "Kueri terlalu panjang" in page and "Tidak dicari: „rusia · suriah”" in page
    assert client.get("/api/search?q=rusia").get_json()["dropped"] == []
