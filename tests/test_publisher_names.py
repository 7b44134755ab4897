"""One name per publisher: every form of a host, and the facet, filter and hits that use it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index.builder import build_index
from search.ingest.publisher_names import publisher_name
from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.request import SearchRequest


@pytest.mark.parametrize(("written", "name"), [
    ("Kompas.com", "Kompas.com"), ("kompas.com", "Kompas.com"), ("KOMPAS.com", "Kompas.com"),
    ("www.kompas.com", "Kompas.com"), ("https://regional.kompas.com/read/2019/1", "Kompas.com"),
    ("republika.co.id", "Republika"), ("REPUBLIKA", "Republika"), ("detik.com", "detikcom"),
    ("www.KabarKita.com", "kabarkita.com"), ("Rossiyskaya Gazeta", "Rossiyskaya Gazeta"),
    ("  Kantor  Berita Desa ", "Kantor Berita Desa"),
])
def test_every_form_of_a_publisher_has_one_name(written: str, name: str) -> None:
    assert publisher_name(written) == name


HOSTS = ("kompas.com", "tempo.co", "republika.co.id", "tirto.id", "kabarkita.com", "warta-desa.id")


@st.composite
def host_forms(draw) -> tuple[str, str]:
    host = draw(st.sampled_from(HOSTS))
    cased = "".join(char.upper() if draw(st.booleans()) else char for char in host)
    prefix = draw(st.sampled_from(("", "www.", "http://", "https://www.")))
    suffix = draw(st.sampled_from(("", "/", "/berita/123")))
    return host, prefix + cased + suffix


@settings(max_examples=200, deadline=None)
@given(host_forms(), st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), max_size=30))
def test_names_are_case_and_form_blind_and_map_to_themselves(form: tuple[str, str], other: str) -> None:
    host, written = form
    assert publisher_name(written) == publisher_name(host)
    for value in (written, other):
        assert publisher_name(publisher_name(value)) == publisher_name(value)


def test_facet_filter_and_hits_agree_on_one_name(tmp_path) -> None:
    records = [{"id": f"b{number}", "title": f"Banjir Rendam Desa {number}", "source": source,
                "content": f"Banjir merendam desa nomor {number} sejak pagi."}
               for number, source in enumerate(("Kompas.com", "kompas.com", "KOMPAS.com", "www.kompas.com",
                                                "kabarkita.com"))]
    corpus = tmp_path / "berita.jsonl"
    corpus.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    build_index(tmp_path / "index", [corpus], stemmer="sastrawi")
    view = LiveIndex(tmp_path / "index").view()
    result = engine_search(view, SearchRequest(query="banjir")).as_json()
    assert {item["value"]: item["count"] for item in result["facets"]["source"]} == {"Kompas.com": 4,
                                                                                    "kabarkita.com": 1}
    assert {hit["source"] for hit in result["hits"]} == {"Kompas.com", "kabarkita.com"}
    for spelled in ("Kompas.com", "KOMPAS.COM", "www.kompas.com"):
        assert engine_search(view, SearchRequest(query="banjir", filters={"source": (spelled,)})).as_json()["total"] == 4
