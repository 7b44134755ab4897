"""The Indonesian analyzer: tokens, offsets, names, stopwords, pickling, real indexes."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term

from search.analysis.analyzer import QueryTerm, query_terms, text_analyzer
from search.analysis.stopwords import QUESTION_WORDS, STOPWORDS

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def tokens(text: str, stemmer: str = "sastrawi", **options) -> list[tuple[str, int, str]]:
    """(index text, position, original slice) for every token."""
    analyzer = text_analyzer(stemmer, **options)
    return [(t.text, t.pos, text[t.startchar : t.endchar]) for t in analyzer(text, positions=True, chars=True)]


def words(text: str, stemmer: str = "sastrawi", **options) -> list[str]:
    return [word for word, _, _ in tokens(text, stemmer, **options)]


# --- tokens and offsets -----------------------------------------------------


def test_offsets_point_back_into_the_original_text():
    text = "Pasukan  “penjaga” perdamaian tiba di Kota Gaza, Selasa (4/6)."
    for word, _, original in tokens(text, "none"):
        assert original.lower() == word
    assert [original for _, _, original in tokens(text, "none")] == [
        "Pasukan", "penjaga", "perdamaian", "tiba", "Kota", "Gaza", "Selasa", "4", "6",
    ]


def test_stemmed_tokens_keep_the_offsets_of_the_word():
    text = "Mereka menyepakati perjanjian itu."
    assert [(w, o) for w, _, o in tokens(text)] == [("sepakat", "menyepakati"), ("janji", "perjanjian")]


def test_stopwords_leave_gaps_in_positions():
    assert [(w, p) for w, p, _ in tokens("perang di Suriah dan Irak")] == [
        ("perang", 0), ("suriah", 2), ("irak", 4),
    ]


def test_numbers_are_tokens():
    assert words("Anggaran Rp 1.000.000 naik 2,5 persen sejak 2019 dan periode 1980-1990") == [
        "anggar", "rp", "1.000.000", "naik", "2,5", "persen", "2019", "periode", "1980", "1990",
    ]


def test_unicode_letters_are_word_characters_and_fold_to_ascii():
    assert words("pelatih Erdoğan, Müller dan Beşiktaş") == ["latih", "erdogan", "muller", "besiktas"]


def test_curly_quotes_and_punctuation_separate_words():
    assert words("“Kami siap,” ujar pelatih; laga—besok!") == ["siap", "ujar", "latih", "laga", "besok"]


def test_apostrophes_inside_names_are_dropped():
    assert words("bersama Ma'ruf Amin dan Jum’at pagi") == ["sama", "maruf", "amin", "jumat", "pagi"]


# --- hyphens: reduplication and compounds ------------------------------------


@pytest.mark.parametrize("stemmer", ["none", "light", "sastrawi"])
@pytest.mark.parametrize(
    ("word", "base"),
    [("negara-negara", "negara"), ("anak-anaknya", "anak"), ("berbalas-balasan", "balas")],
)
def test_reduplication_is_one_token_over_the_whole_word(stemmer, word, base):
    text = f"lihat {word} itu"
    assert tokens(text, stemmer) == [("lihat", 0, "lihat"), (base, 1, word)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bersama al-Jubeir", [("sama", "bersama"), ("al", "al"), ("jubeir", "Jubeir")]),
        ("milisi pro-Rusia", [("milisi", "milisi"), ("pro", "pro"), ("rusia", "Rusia")]),
        ("dialog AS-Rusia", [("dialog", "dialog"), ("as", "AS"), ("rusia", "Rusia")]),
        ("kerja sama militer-ke-militer", [("kerja", "kerja"), ("sama", "sama"), ("militer", "militer"), ("militer", "militer")]),
    ],
)
def test_other_compounds_split_into_parts_with_their_own_offsets(text, expected):
    assert [(w, o) for w, _, o in tokens(text)] == expected


def test_compound_parts_take_consecutive_positions():
    assert [(w, p) for w, p, _ in tokens("latihan militer-ke-militer")] == [("latih", 0), ("militer", 1), ("militer", 3)]


# --- clitics and stopwords ----------------------------------------------------


def test_clitics_go():
    assert words("bukunya hilang, itulah kabarnya; apakah benar?") == ["buku", "hilang", "kabar", "benar"]


def test_stopword_list_covers_function_and_question_words():
    required = "yang dan di ke dari ini itu dengan untuk pada adalah bahwa akan tidak juga sudah"
    questions = "apa apakah siapa siapakah kapan kapankah dimana berapa bagaimana mengapa kenapa manakah"
    assert set((required + " " + questions).split()) <= STOPWORDS


def test_question_words_can_be_kept_for_measurement():
    assert words("siapakah dia", stopwords=STOPWORDS - QUESTION_WORDS) == ["siapa"]


# --- names --------------------------------------------------------------------


def test_names_inside_a_sentence_are_never_stemmed():
    text = "Rapat itu dihadiri Megawati, Jokowi, Menteri Kesehatan Terawan dan Wali Kota Bekasi."
    assert {"megawati", "jokowi", "terawan", "bekasi"} <= set(words(text))
    assert "awan" not in words(text) and "bekas" not in words(text)


def test_sentence_initial_name_needs_evidence_from_the_same_text():
    with_evidence = "Terawan tiba pagi ini. Kunjungan Menteri Terawan berlangsung singkat."
    assert words(with_evidence)[0] == "terawan"
    without_evidence = "Terawan tipis menutupi puncak gunung."
    assert words(without_evidence)[0] == "awan"


def test_a_headline_is_no_evidence():
    text = "Terawan Tipis Di Puncak Gunung\nTerawan tipis menutupi puncak gunung."
    assert words(text)[0] == "awan"
    assert words(text).count("awan") == 2


def test_a_title_abbreviation_does_not_end_the_sentence():
    assert words("diperiksa oleh Dr. Terawan kemarin")[-2] == "terawan"


def test_name_protection_can_be_switched_off_for_measurement():
    assert "awan" in words("bertemu Menteri Terawan", protect_names=False)


# --- query terms ----------------------------------------------------------------


def test_query_terms_carry_surface_stem_offsets_and_names():
    text = "kesepakatan negara-negara Terawan"
    assert query_terms(text, "sastrawi") == [
        QueryTerm("kesepakatan", "sepakat", 0, 11),
        QueryTerm("negara", "negara", 12, 25),
        QueryTerm("terawan", "terawan", 26, 33, name=True),
    ]


def test_lowercase_query_name_offers_both_forms():
    assert query_terms("terawan", "sastrawi") == [QueryTerm("terawan", "awan", 0, 7)]


def test_stopword_only_query_is_empty():
    assert query_terms("apakah yang di mana itu?", "sastrawi") == []


# --- Whoosh integration -------------------------------------------------------------


def test_analyzer_pickles_and_compares_by_configuration():
    analyzer = text_analyzer("sastrawi")
    list(analyzer("Menteri Terawan menyepakati perjanjian"))  # a used analyzer must still compare equal
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy == analyzer == text_analyzer("sastrawi")
    assert analyzer != text_analyzer("light")
    assert [t.text for t in copy("menyepakati")] == ["sepakat"]


def test_unknown_stemmer_is_rejected_when_building():
    with pytest.raises(ValueError, match="valid names"):
        text_analyzer("snowball")


def test_untokenized_value_is_one_token():
    [token] = list(text_analyzer("none")("Kota Bekasi", tokenize=False, chars=True))
    assert (token.text, token.startchar, token.endchar) == ("kota bekasi", 0, 11)


DOCUMENTS = {
    "terawan": "Menteri Kesehatan Terawan meninjau rumah sakit darurat di Bekasi.",
    "mendung": "Awan hitam menggantung di atas kota sejak pagi.",
    "hujan": "Hujan deras turun setelah awan tebal datang dari laut.",
    "cerah": "Langit cerah tanpa awan membuat suhu naik siang ini.",
    "damai": "Kedua negara menyepakati gencatan senjata di perbatasan.",
}


def make_index(directory: Path, stemmer: str) -> index.Index:
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=text_analyzer(stemmer)))
    ix = index.create_in(str(directory), schema)
    with ix.writer() as writer:
        for doc_id, body in DOCUMENTS.items():
            writer.add_document(id=doc_id, body=body)
    return ix


def search(ix: index.Index, text: str, stemmer: str) -> list[str]:
    clauses = [Or([Term("body", t.stem), Term("body", t.surface)]) for t in query_terms(text, stemmer)]
    with ix.searcher() as searcher:
        return [hit["id"] for hit in searcher.search(Or(clauses))]


@pytest.mark.parametrize("stemmer", ["light", "sastrawi"])
def test_query_finds_other_forms_of_the_word(tmp_path, stemmer):
    ix = make_index(tmp_path, stemmer)
    assert search(ix, "kesepakatan", stemmer) == ["damai"]


@pytest.mark.parametrize("stemmer", ["light", "sastrawi"])
def test_lowercase_name_query_ranks_the_name_first(tmp_path, stemmer):
    ix = make_index(tmp_path, stemmer)
    assert search(ix, "terawan", stemmer)[0] == "terawan"


def test_index_reopens_and_searches_in_a_fresh_process(tmp_path):
    make_index(tmp_path, "sastrawi")
    script = (
        "import json, sys\n"
        "from whoosh import index\n"
        "from whoosh.query import Term\n"
        "ix = index.open_dir(sys.argv[1])\n"
        "with ix.searcher() as s:\n"
        "    print(json.dumps([h['id'] for h in s.search(Term('body', 'sepakat'))]))\n"
        "    print(json.dumps([t.text for t in ix.schema['body'].analyzer('Menteri Terawan menyepakati')]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    found, analysed = (json.loads(line) for line in run.stdout.splitlines())
    assert found == ["damai"]
    assert analysed == ["menteri", "terawan", "sepakat"]


# --- real data -----------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED_EVAL / "facqa_passages.jsonl").is_file(), reason=f"FacQA passages not in {SHARED_EVAL}")
def test_every_facqa_passage_analyses_with_valid_offsets():
    analyzer = text_analyzer("sastrawi")
    with (SHARED_EVAL / "facqa_passages.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            content = json.loads(line)["content"]
            for t in analyzer(content, chars=True):
                assert 0 <= t.startchar < t.endchar <= len(content)
                assert content[t.startchar : t.endchar].strip() == content[t.startchar : t.endchar]
