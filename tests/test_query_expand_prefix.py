"""The open last word of a query also matches the words it begins (search as you type),
through the real index, engine and CLI."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from conftest import run_cli
from search.analysis.analyzer import written_forms
from search.config import TUNING
from search.index.builder import build_index
from search.query.engine import search as engine_search
from search.query.expand.prefix import PREFIX_CANDIDATES, PREFIX_EXPANSIONS, open_last_word, prefix_expansions
from search.query.live import LiveIndex
from search.query.parse.compile import TEXT_FIELDS, compile_query
from search.query.parse.syntax import parse_query, without_last_leaf
from search.query.rank.bm25f import positive_clauses
from search.query.request import SearchRequest

# (id prefix, articles, title, body): "cabang" is in more articles than "cabai", but
# only "cabai" stands beside "harga" often; "prabu" is rarer than "prabowo".
_KINDS = (
    ("cabai", 8, "Laporan Pasar {n}", "Harga cabai rawit naik lagi di pasar induk, kata pedagang nomor {n}."),
    ("cabang", 14, "Pekan Olahraga {n}", "Atlet cabang olahraga renang berlatih setiap pagi menjelang lomba {n}."),
    ("bank", 2, "Bank Daerah {n}", "Bank membuka cabang baru; harga saham bank naik sedikit hari ini {n}."),
    ("prabowo", 6, "Kunjungan Menteri {n}", "Menteri Pertahanan Prabowo Subianto meninjau pangkalan udara pada hari {n}."),
)


def _records() -> list[dict]:
    records = [{"id": f"{kind}{n}", "title": title.format(n=n), "content": body.format(n=n)}
               for kind, count, title, body in _KINDS for n in range(count)]
    records.append({"id": "prabu", "title": "Kisah Wayang",
                    "content": "Lakon wayang tentang seorang prabu yang bijaksana dipentaskan semalam suntuk."})
    return records


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    directory = tmp_path_factory.mktemp("prefix")
    source = directory / "berita.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in _records()), encoding="utf-8")
    report = build_index(directory / "index", [source], stemmer="light")
    assert report.failed == 0
    return LiveIndex(directory / "index").view()


def ids(view, query: str, **options) -> list[str]:
    return [hit["id"] for hit in engine_search(view, SearchRequest(query=query, **options)).as_json()["hits"]]


def test_half_typed_word_finds_the_word_it_begins(view):
    found = ids(view, "prabo")
    assert found[:6] == sorted(found[:6]) and all(doc.startswith("prabowo") for doc in found[:6])
    # A finished (or not to be completed) "prabo" is a five-letter word in no article:
    # then it is read as a typo of its nearest word, "prabu".
    assert ids(view, "prabo", prefix=False) == ids(view, "prabo ") == ["prabu"]


def test_other_words_choose_the_completion(view):
    """``cabang`` is in more articles, but after ``harga`` the word being typed is ``cabai``."""
    top = ids(view, "harga caba")[:8]
    assert all(doc.startswith("cabai") for doc in top), top
    alone = ids(view, "caba")
    assert alone[0].startswith("cabang")


def test_completed_words_are_marked_in_snippets(view):
    hit = engine_search(view, SearchRequest(query="menteri prab")).as_json()["hits"][0]
    assert "<mark>Prabowo</mark>" in hit["snippet"]


def test_quoted_or_excluded_last_words_stay_as_typed(view):
    assert ids(view, '"prabo"') == []
    # An excluded half word excludes only itself: the Prabowo articles stay.
    assert set(ids(view, "menteri -prabo")) == {f"prabowo{number}" for number in range(6)}


def test_a_mistyped_word_finds_its_nearest_spelling_below_typed_words(view):
    response = engine_search(view, SearchRequest(query="pasar prabowi ", per_page=100)).as_json()
    assert response["did_you_mean"] == "pasar prabowo"
    found = [hit["id"] for hit in response["hits"]]
    # Articles with the typed word "pasar" first, then the ones only the correction finds.
    assert set(found[:8]) == {f"cabai{number}" for number in range(8)}
    assert set(found[8:]) == {f"prabowo{number}" for number in range(6)}


def test_a_name_is_corrected_only_towards_names(view):
    # "Cabangi" typed inside the query is a name: "cabang" is no name's word, so no correction.
    assert set(ids(view, "atlet Cabangi ", per_page=100)) == {f"cabang{number}" for number in range(14)}
    assert set(ids(view, "menteri Prabowi ")) == {f"prabowo{number}" for number in range(6)}


def test_cli_switch(tmp_path):
    source = tmp_path / "berita.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in _records()), encoding="utf-8")
    assert run_cli("index", str(source), "--index", str(tmp_path / "ix")).returncode == 0
    on = run_cli("search", "prabo", "--index", str(tmp_path / "ix"), "--json", check_json=True).json
    off = run_cli("search", "prabo", "--no-prefix", "--index", str(tmp_path / "ix"), "--json", check_json=True).json
    assert on["total"] == 6 and off["total"] == 1



def _weighed_by_scores_and_masks(view, query: str) -> list[tuple[str, int]]:
    """The reference weights of the completions: the other words' articles are those they
    score above 0, a completion's articles a whole-index mask of all its postings."""
    node = parse_query(query).node
    word = open_last_word(node, query, view.stemmer)
    rest = compile_query(without_last_leaf(node), view.stemmer, view.searcher.reader())
    context = (view.scoring.scores(positive_clauses(rest.query)) > 0) & view.facets.live
    completions = [text for text, _ in view.article_words.completions(word.surface, PREFIX_CANDIDATES + 1)
                   if text != word.surface][:PREFIX_CANDIDATES]
    weighed = []
    for text in completions:
        found = np.zeros(view.facets.doc_count, dtype=bool)
        for field, form in itertools.product(TEXT_FIELDS, written_forms(text)):
            found[view.scoring.postings(field, form)[0]] = True
        if (found & context).any():
            weighed.append((text, int((found & context).sum())))
    return sorted(weighed, key=lambda pair: -pair[1])[:PREFIX_EXPANSIONS]


@pytest.mark.parametrize("query", ["harga caba", "menteri prab", "bank cab", "harga saham ban", "atlet renang cab",
                                   "lakon wayang pra"])
def test_completions_weigh_the_articles_the_other_words_score(view, query):
    expected = _weighed_by_scores_and_masks(view, query)
    found = next(iter(prefix_expansions(view, parse_query(query).node, query).values()))
    assert [expansion.text for expansion in found] == [text for text, _ in expected]
    assert [expansion.weight for expansion in found] == [TUNING.prefix_boost * count / expected[0][1]
                                                         for _, count in expected]
