"""Compiled queries against a real index of a few small articles."""

from __future__ import annotations

import random

import pytest
from whoosh.scoring import BM25F

from search.config import TUNING
from search.index.builder import build_index
from search.index.store import open_index
from search.query.parse.compile import compile_query
from search.query.parse.syntax import parse

ARTICLES = {
    "perang": "Perang di Suriah memasuki tahun kelima\n\n"
              "Perang di Suriah terus berlanjut tanpa tanda berakhir. Ribuan warga mengungsi ke negara "
              "tetangga setiap bulan.",
    "pengungsi": "Pengungsi kembali ke kampung halaman\n\n"
                 "Ribuan pengungsi dari Suriah mulai pulang ke kampung halaman mereka. Pemerintah daerah "
                 "menyiapkan bantuan pangan, tenda dan obat. Banyak rumah hancur setelah perang panjang.",
    "menyepakati": "Dua negara bertemu di Jenewa\n\n"
                   "Para menteri menyepakati gencatan senjata setelah perundingan panjang di Jenewa pada "
                   "Senin malam.",
    "kesepakatan": "Dua pihak bertemu di Wina\n\n"
                   "Para menteri mencapai kesepakatan gencatan senjata setelah perundingan panjang di Wina "
                   "pada Senin malam.",
    "terawan": "Menteri kesehatan meninjau rumah sakit\n\n"
               "Menteri Kesehatan Terawan Agus Putranto meninjau rumah sakit rujukan di Jakarta pada Selasa.",
    "judul": "Rusia kirim bantuan ke Afrika\n\n"
             "Pesawat pembawa bantuan pangan mendarat di Nairobi pada Kamis pagi.",
    "isi": "Bantuan pangan tiba di pelabuhan\n\n"
           "Kapal dari Rusia membawa gandum untuk pelabuhan Mombasa pada Kamis pagi.",
    "as-rusia": "Hubungan dua negara besar\n\n"
                "Ketegangan AS-Rusia meningkat setelah pengusiran diplomat pekan lalu.",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    sources = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (sources / f"{name}.txt").write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("index")
    build_index(root, [sources], stemmer="sastrawi", workers=0)
    with open_index(root).searcher(weighting=BM25F(B=TUNING.bm25_b, K1=TUNING.bm25_k1)) as opened:
        yield opened


def found(searcher, text: str) -> list[str]:
    """Names of the matching articles, best first."""
    query = compile_query(parse(text), "sastrawi").query
    return [hit["origin"].rsplit("/", 1)[-1].removesuffix(".txt") for hit in searcher.search(query, limit=None)]


def test_plain_words_need_not_all_match_but_more_rank_higher(searcher):
    results = found(searcher, "suriah gandum")
    assert set(results) == {"perang", "pengungsi", "isi"}
    assert found(searcher, "perang suriah")[0] == "perang"


def test_and_needs_every_part(searcher):
    assert set(found(searcher, "bantuan AND kamis")) == {"judul", "isi"}
    assert set(found(searcher, "bantuan DAN gandum")) == {"isi"}


def test_or_needs_any_part(searcher):
    assert set(found(searcher, "gandum ATAU nairobi")) == {"judul", "isi"}


def test_exclusion(searcher):
    # Whoosh's AndNot would keep "isi" here: "rusia" occurs in an earlier document too.
    assert set(found(searcher, "bantuan -rusia")) == {"pengungsi"}
    assert set(found(searcher, 'suriah BUKAN "perang di Suriah"')) == {"pengungsi"}


def test_only_exclusions_means_everything_except(searcher):
    results = found(searcher, "-rusia -suriah")
    assert set(results) == set(ARTICLES) - {"judul", "isi", "as-rusia", "perang", "pengungsi"}


@pytest.mark.parametrize("text", ["bantuan dan gandum", "gandum atau nairobi", "bantuan bukan rusia"])
def test_lowercase_operators_are_words(searcher, text):
    assert {"judul", "isi"} <= set(found(searcher, text))


def test_title_prefix_restricts_to_titles(searcher):
    assert found(searcher, "judul:rusia") == ["judul"]
    assert set(found(searcher, "title:(rusia OR pelabuhan)")) == {"judul", "isi"}
    assert set(found(searcher, "rusia")) == {"judul", "isi", "as-rusia"}


def test_phrase_keeps_the_stopword_gap(searcher):
    assert found(searcher, '"perang di Suriah"') == ["perang"]
    assert found(searcher, '"suriah perang"') == []
    assert found(searcher, '"perang suriah"') == []


def test_compound_word_is_a_phrase_of_its_parts(searcher):
    assert found(searcher, "AS-Rusia") == ["as-rusia"]


def test_inflected_forms_match(searcher):
    assert set(found(searcher, "kesepakatan")) == {"kesepakatan", "menyepakati"}


def test_exact_form_ranks_above_a_stemmed_only_match(searcher):
    assert found(searcher, "kesepakatan") == ["kesepakatan", "menyepakati"]
    assert found(searcher, "menyepakati") == ["menyepakati", "kesepakatan"]


def test_lowercase_name_finds_the_unstemmed_name(searcher):
    assert found(searcher, "terawan") == ["terawan"]


def test_stopwords_alone_search_nothing():
    assert compile_query(parse("dan yang di"), "sastrawi").query is None
    assert compile_query(parse("-dan"), "sastrawi").query is None
    assert compile_query(None, "sastrawi").query is None


def test_highlight_and_positive_terms_leave_out_exclusions():
    compiled = compile_query(parse('kesepakatan "perang di Suriah" -rusia'), "sastrawi")
    # "Suriah", capitalised inside the query, is a name: its lower-case, stemmed occurrences count too.
    assert compiled.highlight == {"sepakat", "kesepakatan", "=kesepakatan", "perang", "suriah", "=suriah"}
    assert compiled.positive_terms == 3
    assert compile_query(parse("-rusia"), "sastrawi").positive_terms == 0


@pytest.mark.parametrize("text", [
    "OR", "AND rusia", "rusia NOT", "( )", ")))(((", "-", "--x", "foo:bar", "https://tirto.id/x",
    '"kerja sama', "judul:", "judul:()", '""', "-(-(-rusia))", "rusia OR -suriah", "\x00\u202e\U0001f600",
    "(" * 300 + "rusia", "rusia " * 2000, '"' + "dan " * 100 + '"',
])
def test_hostile_queries_compile_and_search(searcher, text):
    query = compile_query(parse(text), "sastrawi").query
    if query is not None:
        searcher.search(query, limit=10)


def test_random_queries_compile_and_search(searcher):
    rng = random.Random(11)
    pieces = ["rusia", "Suriah", "perang", "di", "dan", "OR", "AND", "NOT", "-", '"', "(", ")", "judul:",
              "AS-Rusia", "kesepakatan", "terawan", "\x00"]
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        query = compile_query(parse(text), "sastrawi").query
        if query is not None:
            searcher.search(query, limit=10)
