"""The answer-type re-rank: question classes, answer words, analysis windows, and the
re-rank on a real index, where it must fix what BM25 alone gets wrong."""

from __future__ import annotations

from functools import partial

import pytest

from search.analysis.analyzer import query_terms, text_analyzer
from search.index.builder import build_index
from search.query.live import LiveIndex
from search.query.parse.compile import compile_query
from search.query.parse.syntax import parse
from search.query.rank.answer_context import analyse, context, make_question
from search.query.rank.answer_page import BODY, asked_words, load_candidates, rerank_page
from search.query.rank.answer_tokens import NOTHING_KNOWN, AnswerClass, Known, is_answer, known_words, words_of
from search.query.rank.answer_type import CANDIDATES, Candidate, question_class, reorder
from search.query.rank.answer_windows import MAX_ANALYSED_CHARS, windows
from search.query.request import SearchRequest

STEMMER = "sastrawi"
ANALYZER = text_analyzer(STEMMER)


@pytest.mark.parametrize(("question", "expected"), [
    ("Kapan jembatan Suramadu diresmikan?", AnswerClass.DATE),
    ("Sejak kapankah pasar apung itu ramai?", AnswerClass.DATE),
    ("Tahun berapa gempa besar melanda Padang?", AnswerClass.DATE),
    ("Pada pukul berapa kereta terakhir berangkat dari Bogor?", AnswerClass.DATE),
    ("Berapa jumlah korban banjir di Bekasi?", AnswerClass.NUM),
    ("Berapakah harga cabai rawit di pasar induk?", AnswerClass.NUM),
    ("Berapa tahun masa jabatan seorang gubernur?", AnswerClass.NUM),
    ("Siapa pelatih tim bulu tangkis putri?", AnswerClass.PERSON),
    ("Siapakah nama penemu vaksin itu?", AnswerClass.PERSON),
    ("Di mana festival layang-layang tahun ini digelar?", AnswerClass.PLACE),
    ("Dimanakah pabrik semen terbesar berada?", AnswerClass.PLACE),
    ("Ke mana rombongan wisatawan itu berangkat?", AnswerClass.PLACE),
    ("Dari negara manakah pelari tercepat itu berasal?", AnswerClass.PLACE),
    ("Apa nama kapal yang tenggelam di selat itu?", AnswerClass.NAME),
    ("Apakah nama organisasi yang mengaku bertanggung jawab?", AnswerClass.NAME),
    ("Apa penyebab kebakaran hutan di Riau?", None),
    ("Mengapa harga beras naik menjelang Lebaran?", None),
    ("banjir Jakarta", None),
    ("", None),
])
def test_question_class_comes_from_the_question_word(question, expected):
    assert question_class(question) is expected


def typed(question: AnswerClass, text: str, known: Known = NOTHING_KNOWN) -> set[str]:
    """The surfaces of ``text`` that ``question`` accepts as answers."""
    words = analyse(text, [(0, len(text))], ANALYZER)
    return {word.surface for word in words if is_answer(question, word, text, known)}


def test_numbers_are_digits_and_number_words():
    text = "Sebanyak 25 rumah, tiga sekolah dan ratusan hektare sawah rusak senilai Rp 1.500.000."
    assert typed(AnswerClass.NUM, text) == {"25", "tiga", "ratusan", "1.500.000"}


def test_dates_are_days_months_and_years_not_any_number():
    text = "Jembatan itu diresmikan pada Rabu, 10 Juni 2009, setelah 6 tahun dibangun."
    assert typed(AnswerClass.DATE, text) == {"rabu", "juni", "2009"}


def test_names_are_what_the_tokenizer_marks_as_names_but_no_month():
    text = "Kapal Sinar Bangun tenggelam di Danau Toba pada bulan Juni."
    assert typed(AnswerClass.NAME, text) == {"sinar", "bangun", "danau", "toba"}


def test_people_are_capitalised_words_of_the_passage_people():
    text = "Menteri Susi Pudjiastuti meninjau pelabuhan, kata susi."
    known = known_words(AnswerClass.PERSON, ["Susi Pudjiastuti"], ["Indonesia"])
    assert not known.countries
    assert typed(AnswerClass.PERSON, text, known) == {"susi", "pudjiastuti"}


def test_places_are_known_places_countries_and_capitalised_words_after_a_locative():
    text = "Festival digelar di Ambon, Kabupaten Mamasa dan Jepang, lalu pindah ke kota lain."
    places = typed(AnswerClass.PLACE, text, known_words(AnswerClass.PLACE, ["Ambon Kota"], ["Jepang"]))
    assert {"ambon", "mamasa", "jepang"} <= places
    assert not places & {"festival", "digelar", "kota", "lain"}


def test_entity_values_become_index_form_words():
    assert words_of(["Ma'ruf Amin", "Recep Tayyip Erdoğan"]) == {"maruf", "amin", "recep", "tayyip", "erdogan"}


def test_analysis_copies_each_token_out_of_the_reused_one():
    words = analyse("Gubernur meresmikan 12 sekolah baru.", [(0, 36)], ANALYZER)
    assert [(word.pos, word.surface) for word in words] == [
        (0, "gubernur"), (1, "meresmikan"), (2, "12"), (3, "sekolah"), (4, "baru")]
    assert words[0].capitalised and not words[1].capitalised


def test_windows_cover_the_question_words_and_stay_bounded_on_long_articles():
    question = make_question(AnswerClass.NUM, query_terms("berapa buku ditulis", STEMMER), lambda form: 1.0)
    filler = "Warga kota menikmati cuaca cerah sepanjang akhir pekan. " * 40
    text = filler + "Ia menulis 12 buku tentang sejarah. " + filler
    spans = windows(text, question.anchors, 120)
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end].count("menulis 12 buku") == 1 and end - start < 400
    assert text[start - 1].isspace() and text[end].isspace()
    crowded = "Buku baru terbit. " * 2000
    assert sum(end - start for start, end in windows(crowded, question.anchors, 120)) < MAX_ANALYSED_CHARS + 400


def test_context_in_windows_matches_whole_text():
    terms = query_terms("berapa buku ditulis sejarawan itu", STEMMER)
    question = make_question(AnswerClass.NUM, terms, lambda form: 1.0)
    filler = "Warga kota menikmati cuaca cerah sepanjang akhir pekan. " * 30
    text = filler + "Sejarawan itu menulis 12 buku. " + filler
    near = context(question, text, NOTHING_KNOWN, ANALYZER, tau=3.0)
    assert near == context(question, text, NOTHING_KNOWN, ANALYZER, tau=3.0, radius=None)
    assert near > 0.5
    far = "Sejarawan itu menulis buku. " + filler + "Ada 12 kursi."
    assert context(question, far, NOTHING_KNOWN, ANALYZER, tau=3.0) < 0.01


def test_reorder_keeps_the_given_order_on_ties():
    hits = [Candidate(7, 4.0, ""), Candidate(3, 4.0, ""), Candidate(5, 2.0, "")]
    assert [hit.docnum for hit in reorder(hits, [0.0, 0.0, 0.5], 3.0)] == [5, 7, 3]
    assert [hit.docnum for hit in reorder(hits, [0.0, 0.0, 0.0], 3.0)] == [7, 3, 5]


QUESTION = "Berapa rumah yang terendam banjir bandang di Garut?"
ANSWER = "Banjir bandang yang melanda Garut pada Selasa malam merendam 350 rumah warga di tiga kecamatan."
NEIGHBOUR = ("Banjir bandang kembali melanda Garut. Rumah warga Garut terendam banjir bandang, "
             "dan warga mengungsi ke masjid.")
OTHERS = [
    "Harga cabai rawit di pasar induk naik menjelang Lebaran.",
    "Tim bulu tangkis putri berlatih di Cipayung sebelum turnamen.",
    "Kereta terakhir dari Bogor berangkat lebih awal karena perbaikan rel.",
    "Petani di Karawang mulai memanen padi setelah musim hujan.",
    "Pemerintah kota membangun taman baru di pusat kota.",
    "Festival layang-layang digelar di pantai selatan akhir pekan ini.",
]


# Every article gets the same headline, so titles play no part in the ranking.
HEADLINE = "Kabar Daerah Hari Ini"


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    """A real index of the passages above, built by the project's indexer."""
    pages = tmp_path_factory.mktemp("answer-pages")
    for number, body in enumerate([ANSWER, NEIGHBOUR, *OTHERS]):
        (pages / f"p{number}.txt").write_text(f"{HEADLINE}\n{body}\n", encoding="utf-8")
    root = tmp_path_factory.mktemp("answer-index")
    report = build_index(root, [pages], stemmer=STEMMER)
    assert report.added == 2 + len(OTHERS) and report.failed == 0, report.problems
    return LiveIndex(root).view()


def bm25(view, query: str) -> list[tuple[int, float]]:
    compiled = compile_query(parse(query), STEMMER, view.searcher.reader())
    return [(hit.docnum, hit.score) for hit in view.searcher.search(compiled.query, limit=CANDIDATES)]


def reranked(view, ranked, request: SearchRequest) -> list[tuple[int, float]]:
    """The page as the engine re-ranks it: asked words and their terms computed once, handed over."""
    wanted = asked_words(parse(request.query))
    return rerank_page(view.searcher, ranked, request, wanted, query_terms(wanted, view.stemmer))


def ids(view, ranked) -> list[str]:
    return [view.searcher.stored_fields(docnum)["id"] for docnum, _ in ranked]


def test_a_how_many_question_ranks_the_passage_with_the_number_first(view):
    ranked = bm25(view, QUESTION)
    assert ids(view, ranked)[:2] == ["p1", "p0"]
    page = reranked(view, ranked, SearchRequest(query=QUESTION))
    assert ids(view, page)[:2] == ["p0", "p1"]
    assert sorted(page) == sorted(ranked), "same hits and BM25 scores, only the order changes"


def test_queries_without_a_question_word_keep_bm25_order(view):
    query = "rumah terendam banjir bandang Garut"
    ranked = bm25(view, query)
    assert reranked(view, ranked, SearchRequest(query=query)) == ranked


def test_excluded_words_do_not_make_a_question(view):
    query = "banjir bandang Garut -berapa"
    ranked = bm25(view, query)
    assert reranked(view, ranked, SearchRequest(query=query)) == ranked


def test_pages_continue_one_ranking(view):
    ranked = bm25(view, QUESTION)
    whole = reranked(view, ranked, SearchRequest(query=QUESTION, per_page=len(ranked)))
    pages = [reranked(view, ranked, SearchRequest(query=QUESTION, page=page, per_page=1))
             for page in range(1, len(ranked) + 1)]
    assert [hit for page in pages for hit in page] == whole


def test_pages_past_the_candidates_are_bm25s(view):
    ranked = [(docnum, 1.0 / (docnum + 1)) for docnum in range(2 * CANDIDATES)]
    request = SearchRequest(query=QUESTION, page=2, per_page=CANDIDATES)
    assert reranked(view, ranked, request) == ranked[CANDIDATES:]


def test_candidates_carry_stored_body_entities_and_score(view):
    ranked = bm25(view, QUESTION)
    candidates = {hit.docnum: hit for hit in load_candidates(view.searcher, ranked)}
    for docnum, score in ranked:
        fields = view.searcher.stored_fields(docnum)
        assert candidates[docnum].body == fields["body"] and candidates[docnum].score == score
        assert ",".join(candidates[docnum].countries) == fields.get("countries", "")


def test_idf_of_a_term_is_that_of_its_most_frequent_form(view):
    idf = partial(view.searcher.idf, BODY)
    question = make_question(AnswerClass.NUM, query_terms("terendam", STEMMER), idf)
    assert question.weights == (min(idf("rendam"), idf("terendam")),)
