"""The corpus's evidence about name words (``name_words_corpus.tsv``): how it is counted, and what
the people and organization rules do with it, on invented articles; and that an index updated
incrementally holds the values a fresh build gives (the evidence ships with the package)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from search.entities import extract_entities, name_words_build
from search.entities.name_words import (
    NAME_WORDS,
    counts_withheld,
    is_body_word,
    is_people_word,
    word_counts,
)
from search.entities.wordlists import given_names, rows
from search.facet_table import ORGANIZATIONS, PEOPLE
from search.index.schema import VALUE_SEPARATOR
from search.index.store import open_index

ARTICLES = [
    "Hal itu, kata Sutrisnadi Wiryakusuma, sudah selesai. Sutrisnadi Wiryakusuma lalu pulang.",
    "Ketua Yayasan Sinar Kencana Abadi, Sutrisnadi Wiryakusuma, membuka acara.",
    "Karyawan PT Sinar Kencana Abadi mogok. Pameran Kencana Raya dibuka di Jakarta.",
]


def test_words_are_counted_once_an_article_as_vouched_people_words_and_body_words() -> None:
    people, organizations = name_words_build.collect(ARTICLES)
    assert people["sutrisnadi"] == 2 and people["wiryakusuma"] == 2  # a reporting verb, a role; once an article
    assert organizations["kencana"] == 2 and people["kencana"] == 0
    assert people["raya"] == 0  # an unannounced run vouches for nothing
    table = {word: counts for word, *counts in name_words_build.select(people, organizations)}
    assert table["kencana"] == [0, 2] and "raya" not in table and "pameran" not in table


def test_the_counts_are_read_with_the_rules_that_ask_them_withheld() -> None:
    assert word_counts("kehutanan")[1] > 0
    with counts_withheld():
        assert word_counts("kehutanan") == (0, 0) and not is_body_word("Kehutanan")
    assert is_body_word("Kehutanan")


def test_the_shipped_table_is_a_generated_table_of_words_and_counts() -> None:
    table = list(rows(NAME_WORDS, 3))
    assert len(table) > 5_000
    assert all(word == word.lower() and all(count.isdigit() for count in counts) for word, *counts in table)


def test_a_name_holding_a_word_of_bodies_names_is_no_person_unless_it_speaks() -> None:
    assert is_body_word("Kehutanan") and is_body_word("Perlindungan")
    assert "Sarwono Kehutanan" not in extract_entities("Direktur Jenderal Sarwono Kehutanan membuka pameran itu.")[PEOPLE]
    assert "Sarwono Kehutanan" in extract_entities("Hal itu, kata Sarwono Kehutanan, sudah selesai.")[PEOPLE]
    assert not is_body_word("Wijaya")  # a name word bodies are also named after


def test_an_officials_name_glued_after_an_unknown_body_is_cut_off() -> None:
    surname = next(word for word in ("Kusnadi", "Hidayat", "Nugroho", "Setiawan", "Saputra")
                   if word.lower() not in given_names() and is_people_word(word))
    found = extract_entities(f"\"Jalan ditutup,\" kata Sekretaris Badan Pengelola Pasar Cempaka Arif {surname}.")
    assert "Badan Pengelola Pasar Cempaka" in found[ORGANIZATIONS] and f"Arif {surname}" in found[PEOPLE]
    assert not any(surname in value for value in found[ORGANIZATIONS])
    with counts_withheld():  # the article alone cannot tell the official from the body's name
        assert f"Badan Pengelola Pasar Cempaka Arif {surname}" in extract_entities(
            f"\"Jalan ditutup,\" kata Sekretaris Badan Pengelola Pasar Cempaka Arif {surname}.")[ORGANIZATIONS]


def test_a_hyphen_between_two_peoples_words_joins_two_people_not_one_name() -> None:
    assert is_people_word("Hidayat") and is_people_word("Nugroho")
    assert extract_entities("Duel Hidayat-Nugroho berakhir imbang.")[PEOPLE] == ["Hidayat", "Nugroho"]
    assert "jean" in given_names()
    assert extract_entities("Hal itu, kata Jean-Nugroho Lumbantoruan, benar.")[PEOPLE] == ["Jean-Nugroho Lumbantoruan"]


def _stored_entities(root: Path) -> dict[str, tuple[str, str]]:
    with open_index(root).searcher() as searcher:
        return {fields["id"]: (fields.get(PEOPLE) or "", fields.get(ORGANIZATIONS) or "")
                for fields in searcher.all_stored_fields()}


def test_an_incremental_update_holds_the_values_a_fresh_build_gives(tmp_path: Path) -> None:
    source = tmp_path / "berita"
    source.mkdir()
    (source / "satu.txt").write_text("Pameran Kayu\n\n" + " ".join(ARTICLES[:2]), encoding="utf-8")
    (source / "dua.txt").write_text("Pasar Ditutup\n\n\"Jalan ditutup,\" kata Sekretaris Badan Pengelola "
                                    "Pasar Cempaka Arif Hidayat. Direktur Jenderal Sarwono Kehutanan hadir.",
                                    encoding="utf-8")
    updated, fresh = tmp_path / "updated", tmp_path / "fresh"
    run_cli("index", str(source), "--index", str(updated), "--json", check_json=True)
    (source / "tiga.txt").write_text("Mogok\n\n" + ARTICLES[2], encoding="utf-8")
    run_cli("index", str(source), "--index", str(updated), "--json", check_json=True)
    run_cli("index", str(source), "--index", str(fresh), "--rebuild", "--json", check_json=True)
    assert _stored_entities(updated) == _stored_entities(fresh)
    values = _stored_entities(updated)["dua"]
    assert "Sarwono Kehutanan" not in values[0].split(VALUE_SEPARATOR)
    assert "Badan Pengelola Pasar Cempaka" in values[1].split(VALUE_SEPARATOR)


def test_rare_name_words_after_a_word_of_bodies_names_are_the_officials_the_role_announces() -> None:
    assert is_body_word("Medan") and word_counts("pardosi")[1] <= 1
    text = "Hal itu dibenarkan Kasubag Humas Polres Medan Rosalinda Pardosi kepada wartawan."
    found = extract_entities(text)
    assert found[ORGANIZATIONS] == ["Polres Medan"] and found[PEOPLE] == ["Rosalinda Pardosi"]
    assert extract_entities("Pengunjung memadati Polres Medan Rosalinda Pardosi.")[ORGANIZATIONS] != ["Polres Medan"]


def test_a_bodys_everyday_one_word_alias_counts_only_where_its_capital_says_so() -> None:
    headline = "Rayakan 10 Tahun Berkarya, Band Lawas Rilis Album Baru\n\nBand itu merayakan ulang tahun di Bandung."
    assert extract_entities(headline)[ORGANIZATIONS] == []
    assert extract_entities("Hal itu disampaikan kader Berkarya di Solo.")[ORGANIZATIONS] == ["Partai Berkarya"]


def test_a_title_and_rare_words_around_peoples_words_are_the_officials_name_too() -> None:
    text = "Hal itu dijelaskan Ketua Badan Pengelola Pasar Cempaka Hj Hidayat Nugroho Purbasari kemarin."
    found = extract_entities(text)
    assert found[ORGANIZATIONS] == ["Badan Pengelola Pasar Cempaka"] and found[PEOPLE] == ["Hidayat Nugroho Purbasari"]
    with counts_withheld():
        assert extract_entities(text)[PEOPLE] == []
    assert extract_entities("Kata Sekretaris Dinas Hidayat Nugroho, jalan ditutup.")[ORGANIZATIONS] == []
