"""JSON records into articles: comma-joined paragraphs, link holes, metadata fields."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from search.ingest.errors import EmptyTextError
from search.ingest.records import category_name, parse_record, split_paragraphs


def _parse(**fields):
    return parse_record(fields, origin="berita.jsonl", line=7)


def test_commas_after_a_sentence_end_separate_paragraphs() -> None:
    content = (
        " , Warga desa menanam seribu pohon di lereng bukit.,Kegiatan itu diikuti pelajar dan guru. "
        "Mereka datang sejak pagi.,\"Kami ingin bukit ini hijau lagi,\" kata kepala desa.,Acara ditutup "
        "dengan makan bersama., ,"
    )
    assert split_paragraphs(content) == [
        "Warga desa menanam seribu pohon di lereng bukit.",
        "Kegiatan itu diikuti pelajar dan guru. Mereka datang sejak pagi.",
        "\"Kami ingin bukit ini hijau lagi,\" kata kepala desa.",
        "Acara ditutup dengan makan bersama.",
    ]


def test_a_comma_inside_a_closing_quote_is_not_a_paragraph_break() -> None:
    assert split_paragraphs('"Kapan jalan ini diperbaiki?," tulis seorang warga.') == [
        '"Kapan jalan ini diperbaiki?," tulis seorang warga.'
    ]


def test_link_holes_are_tidied_without_inventing_words() -> None:
    paragraphs = split_paragraphs(
        "Menurut , pasar itu ramai oleh ,. Banyak pedagang dari ,, datang.,Harga naik (,) tajam."
    )
    assert paragraphs == ["Menurut pasar itu ramai oleh. Banyak pedagang dari datang.", "Harga naik tajam."]


def test_inline_read_also_links_and_sign_offs_are_furniture() -> None:
    article = _parse(
        title="Festival Layang-Layang Meriah",
        content=(
            "Ratusan layang-layang menghiasi langit pantai.,Baca Juga: Angin Kencang, Nelayan Libur,,"
            "Panitia menyiapkan hadiah bagi peserta terbaik. (Baca juga: Lomba Perahu Hias),"
            "Acara berlangsung hingga sore.,#SelaluCeria with KabarKita"
        ),
    )
    assert article.body == (
        "Ratusan layang-layang menghiasi langit pantai.\n\n"
        "Panitia menyiapkan hadiah bagi peserta terbaik.\n\n"
        "Acara berlangsung hingga sore."
    )


def test_orphaned_attributions_of_removed_posts_are_dropped() -> None:
    article = _parse(
        title="Warganet Ramai Berkomentar",
        content='Unggahan itu langsung ramai.,"," tulis akun,. ",," sahut netter lain.,Komentar terus bertambah.',
    )
    assert article.body == "Unggahan itu langsung ramai.\n\nKomentar terus bertambah."


def test_metadata_fields_are_cleaned() -> None:
    article = _parse(
        id=42,
        title="  Harga   Beras  Turun ",
        content="Harga beras di pasar induk turun seribu rupiah.",
        date="Oktober 07, 2019",
        time="13:30 WIB",
        source=" kabarkita.com ",
        url=" https://kabarkita.com/a/1 ",
        category="-",
    )
    assert article.id == "42"
    assert article.title == "Harga Beras Turun"
    assert article.date == dt.date(2019, 10, 7)
    assert article.time == "13:30 WIB"
    assert article.source == "kabarkita.com"
    assert article.url == "https://kabarkita.com/a/1"
    assert article.category is None
    assert (article.origin, article.line) == ("berita.jsonl", 7)


def test_unknown_time_and_unparsable_date_are_none() -> None:
    article = _parse(content="Isi berita singkat.", time="-", date="kemarin")
    assert article.time is None
    assert article.date is None


def test_id_falls_back_to_url_hash_then_text_hash() -> None:
    url = "https://kabarkita.com/a/2"
    text = "Isi berita tanpa tautan."
    assert _parse(content=text, url=url).id == hashlib.sha1(url.encode()).hexdigest()[:16]
    assert _parse(content=text).id == hashlib.sha1(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize("field", ["content", "body", "text"])
def test_any_of_the_text_fields_is_accepted(field: str) -> None:
    assert _parse(**{field: "Isi berita dari medan lain."}).body == "Isi berita dari medan lain."


def test_title_is_derived_when_the_record_has_none() -> None:
    article = _parse(content="Gempa Guncang Pulau Seram\nGempa bermagnitudo 5,1 terasa hingga Ambon.")
    assert article.title == "Gempa Guncang Pulau Seram"
    assert article.body == "Gempa bermagnitudo 5,1 terasa hingga Ambon."


def test_title_repeated_in_the_content_is_dropped() -> None:
    article = _parse(title="Sekolah Diliburkan", content="Sekolah Diliburkan\nAsap tebal menyelimuti kota sejak pagi.")
    assert article.body == "Asap tebal menyelimuti kota sejak pagi."


@pytest.mark.parametrize("content", [None, "", "  ", ", , - ,", ",,,,loading..."])
def test_records_without_text_are_refused(content: str | None) -> None:
    with pytest.raises(EmptyTextError, match="empty text"):
        _parse(title="Judul Saja", content=content)


def test_record_dateline_goes_to_its_own_field_and_its_outlet_is_no_organization() -> None:
    from search.entities import extract_entities

    article = _parse(title="Harga Cabai Naik",
                     content="BANDUNG, KOMPAS.com - Harga cabai rawit naik menjadi Rp72.906 per kg.,"
                             "Rep: Budi Santoso/ Red: Sari Dewi,Pedagang mengeluh sepi pembeli.")
    assert (article.dateline, article.source) == ("Bandung", "Kompas.com")
    assert article.body == "Harga cabai rawit naik menjadi Rp72.906 per kg.\n\nPedagang mengeluh sepi pembeli."
    assert extract_entities(article.body)["organizations"] == []


def test_a_list_after_a_colon_gets_its_paragraphs() -> None:
    assert split_paragraphs("Berikut tiga syaratnya:,Kartu identitas.,Surat lamaran.") == [
        "Berikut tiga syaratnya:", "Kartu identitas.", "Surat lamaran."]


@pytest.mark.parametrize(("written", "shown"), [
    ("nasional", "Nasional"), ("NASIONAL", "Nasional"), ("Nasional", "Nasional"), ("SELEBRITI", "Selebriti"),
    ("berita sumut", "Berita Sumut"), ("TV", "TV"), ("SerbaSerbi", "SerbaSerbi"),
    ("News & Entertainment", "News & Entertainment"),
])
def test_a_rubric_is_shown_in_one_casing(written, shown):
    assert category_name(written) == shown
    record = {"title": "Judul", "content": "Isi berita yang cukup panjang.", "category": written}
    assert parse_record(record, origin="x.jsonl", line=1).category == shown
