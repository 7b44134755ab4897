"""What readers see is faithful, in the CLI, the API and the pages alike: a snippet never
cuts a price, a dateline never shows and its outlet is no organization of the article, and
scrape holes are tidied. Built from the seeds plus an invented page and record."""

from __future__ import annotations

import html
import json
import re

import pytest

from conftest import SEEDS, run_cli
from indonesian_text import NUMBER
from search.index.builder import build_index
from search.query.live import LiveIndex
from web.app import create_app

PRICES = "harga_cabai"
PRICE_PAGE = """Harga Cabai Rawit di Pasar Induk Naik Lagi

JAKARTA, KABARKITA.com - Harga cabai rawit merah turun paling rendah, yakni sebesar Rp1.358 menjadi Rp52.790 per kg. Harga cabai keriting naik paling tinggi, yakni sebesar Rp545 menjadi Rp72.906 per kg.

Pasar dibuka pukul 10.30 WIB di Jl. Sudirman No. 5, kata dr. Sari dari dinas pertanian.
"""
HOLES = "dangdut-01"
HOLES_RECORD = {"id": HOLES, "title": "Putra Penyanyi Dangdut Dirawat", "source": "KOMPAS.com",
                "content": " , - Putra pedangdut  ,, AB, yang diketahui sakit , dirawat di rumah sakit di Jakarta "
                           "Timur.,\"Keluarga belum bisa menjenguk,\" kata adiknya."}
REPUBLIKA = "003_4a60767ef8689d8c"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    extra = tmp_path_factory.mktemp("tambahan")
    (extra / f"{PRICES}.txt").write_text(PRICE_PAGE, encoding="utf-8")
    (extra / "berita.jsonl").write_text(json.dumps(HOLES_RECORD) + "\n", encoding="utf-8")
    root = tmp_path_factory.mktemp("index")
    report = build_index(root, [SEEDS, extra], stemmer="sastrawi")
    assert report.added == 7 and report.failed == 0, report.problems
    return root


@pytest.fixture(scope="module")
def client(index):
    return create_app(index).test_client()


def cli_hits(index, query: str) -> dict[str, dict]:
    result = run_cli("search", query, "--index", str(index), "--json", check_json=True)
    assert result.returncode == 0, result.stderr
    return {hit["id"]: hit for hit in result.json["hits"]}


def visible(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", snippet))


def assert_numbers_as_written(text: str) -> None:
    written = set(NUMBER.findall(PRICE_PAGE))
    assert set(NUMBER.findall(text)) <= written, text


def test_cli_and_api_quote_prices_whole(index, client):
    api = {hit["id"]: hit for hit in client.get("/api/search?q=harga+cabai").get_json()["hits"]}
    for hit in (cli_hits(index, "harga cabai")[PRICES], api[PRICES]):
        snippet = visible(hit["snippet"])
        assert "Rp72.906 per kg" in snippet and "Rp1.358 menjadi Rp52.790" in snippet
        assert_numbers_as_written(snippet)
        assert "KABARKITA" not in snippet
    readable = run_cli("search", "harga cabai", "--index", str(index)).stdout
    assert "Rp72.906 per kg" in readable and not re.search(r"Rp72\.(?!906)", readable)


def test_pages_quote_prices_whole(client):
    results = client.get("/?q=harga+cabai").get_data(as_text=True)
    assert "Rp72.906 per kg" in results and not re.search(r"Rp72\.(?!906)", results)
    article = client.get(f"/artikel/{PRICES}?q=harga+cabai").get_data(as_text=True)
    assert "<dt>Sumber</dt><dd>kabarkita.com</dd>" in article
    body = article[article.index('class="article-body"'):article.index("</article>")]
    assert "KABARKITA" not in body and "Rp72.906 per kg" in visible(body)
    assert_numbers_as_written(re.sub(r"<[^>]+>", "", body))


def test_seed_003_dateline_is_gone_from_snippets_and_its_outlet_is_no_tag(index, client):
    api = {hit["id"]: hit for hit in client.get("/api/search?q=kerja+sama+rusia").get_json()["hits"]}
    for hit in (cli_hits(index, "kerja sama rusia")[REPUBLIKA], api[REPUBLIKA]):
        assert "MOSKOW" not in hit["snippet"] and "ID," not in hit["snippet"]
        assert "Republika" not in hit["organizations"] and hit["source"] == "Republika"
    results = client.get("/?q=kerja+sama+rusia").get_data(as_text=True)
    assert "MOSKOW --" not in results and "ID, MOSKOW" not in results
    article = client.get(f"/artikel/{REPUBLIKA}").get_data(as_text=True)
    assert "<dt>Sumber</dt><dd>Republika</dd>" in article and "REPUBLIKA.CO.ID" not in article
    assert not re.search(r'class="tag tag-organizations"[^>]*>Republika<', article)


def test_the_dateline_place_is_stored(index):
    with LiveIndex(index).view().searcher as searcher:
        places = {fields["id"]: fields.get("dateline") for fields in searcher.all_stored_fields()}
    assert (places[PRICES], places[REPUBLIKA], places["000_8805c64e3cc97002"]) == (
        "Jakarta", "Moskow", "Kuala Lumpur / Moskow")


def test_scrape_holes_are_tidied_in_every_view(index, client):
    expected = "Putra pedangdut AB, yang diketahui sakit dirawat di rumah sakit di Jakarta Timur."
    api = client.get("/api/search?q=pedangdut").get_json()["hits"]
    assert visible(api[0]["snippet"]) == expected
    assert visible(cli_hits(index, "pedangdut")[HOLES]["snippet"]) == expected
    article = client.get(f"/artikel/{HOLES}").get_data(as_text=True)
    assert f"<p>{expected}</p>" in article and "<dt>Sumber</dt><dd>Kompas.com</dd>" in article
