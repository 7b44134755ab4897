"""Raw scraped pages into articles: date, publisher, title, and the furniture left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from search.ingest.errors import EmptyTextError
from search.ingest.furniture import is_furniture, remove_furniture
from search.ingest.text_file import parse_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _parse(raw: str):
    return parse_text(raw, article_id="uji", origin="uji.txt")


def _seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_text(path.read_text(encoding="utf-8"), article_id=path.stem, origin=str(path))


PAGE = """Lompat ke konten utama

Kamis 12 Mar 2020 09:15 WIB

Banjir Rendam Ratusan Rumah di Pesisir Demak

Rep: Siti Aminah/ Red: Budi Santoso
Warga mengungsi dengan perahu karet.
Foto: Antara
Warga mengungsi dengan perahu karet.

KABARKITA.CO.ID, DEMAK -- Banjir setinggi satu meter merendam ratusan rumah di tiga desa pesisir Demak sejak Rabu malam.

Kepala desa mengatakan air datang dari laut pasang bersamaan dengan hujan deras. Iklan layanan masyarakat soal banjir juga diputar di radio setempat.

Baca juga: Tanggul Jebol, Sawah Terendam

Petugas membuka dapur umum di balai desa. Foto-foto pengungsi beredar luas di media sosial.

Iklan
Berita Terkait
Situs ini menggunakan kuki untuk meningkatkan pengalaman Anda.
Terima kuki
Togel Hari Ini
Keluaran HK
"""


def test_page_metadata_comes_from_the_text() -> None:
    article = _parse(PAGE)
    assert article.date == dt.date(2020, 3, 12)
    assert article.source == "kabarkita.co.id"
    assert article.title == "Banjir Rendam Ratusan Rumah di Pesisir Demak"
    assert article.line is None


def test_page_furniture_is_left_out_and_prose_kept() -> None:
    body = _parse(PAGE).body
    for furniture in ("Lompat ke konten", "Rep:", "Foto: Antara", "Baca juga", "Berita Terkait",
                      "kuki", "Togel", "Keluaran", "\nIklan"):
        assert furniture not in body
    assert body.count("Warga mengungsi dengan perahu karet.") == 1
    assert "Iklan layanan masyarakat soal banjir" in body
    assert "Foto-foto pengungsi beredar luas" in body
    assert body.endswith("media sosial.")
    assert "Banjir Rendam Ratusan Rumah" not in body
    assert "\n\nKepala desa" in body


def test_wire_copy_gets_its_lead_sentence_as_title_without_dateline() -> None:
    raw = (
        "SURABAYA / MALANG – Pemerintah provinsi menyiapkan anggaran tambahan untuk memperbaiki jalan "
        "yang rusak akibat banjir di sepanjang jalur selatan, kata seorang pejabat dinas pekerjaan "
        "umum pada Senin. Perbaikan dimulai bulan depan.\n"
        "Anggaran itu diambil dari dana cadangan daerah."
    )
    article = _parse(raw)
    assert article.title.startswith("Pemerintah provinsi menyiapkan anggaran tambahan")
    assert article.title.endswith("…")
    assert len(article.title) <= 140
    assert article.body.startswith("Pemerintah provinsi menyiapkan")
    assert article.dateline == "Surabaya / Malang"


def test_short_lead_sentence_is_the_whole_title() -> None:
    article = _parse("Harga cabai naik dua kali lipat. Pedagang mengeluh sepi pembeli sejak pekan lalu.")
    assert article.title == "Harga cabai naik dua kali lipat"


def test_dateline_with_a_year_dates_the_article_and_one_without_does_not() -> None:
    with_year = _parse("Pasar Baru Dibuka\nWali kota membuka pasar itu pada Sabtu (7/3/2020) pagi.")
    without_year = _parse("Pasar Baru Dibuka\nWali kota membuka pasar itu pada Sabtu (7/3) pagi.")
    assert with_year.date == dt.date(2020, 3, 7)
    assert without_year.date is None


def test_copyright_line_names_the_publisher_and_is_dropped() -> None:
    article = _parse("Festival Kopi Digelar\nPara petani memamerkan hasil panen mereka.\n© 2020 Warta Lereng Gunung")
    assert article.source == "Warta Lereng Gunung"
    assert "2020" not in article.body


def test_outlet_dateline_repeat_of_a_lead_is_dropped() -> None:
    raw = (
        "Jembatan Baru Diresmikan\n"
        "Gubernur meresmikan jembatan penghubung dua kecamatan.\n"
        "beritaku.id - Gubernur meresmikan jembatan penghubung dua kecamatan.\n"
        "Jembatan itu dibangun selama dua tahun.\n"
        "beritaku.id - Daerah"
    )
    article = _parse(raw)
    assert article.source == "beritaku.id"
    assert article.body == "Gubernur meresmikan jembatan penghubung dua kecamatan.\n\nJembatan itu dibangun selama dua tahun."


@pytest.mark.parametrize("raw", ["", "   \n\t\n", "Iklan\nAdvertisement\nBaca juga: Berita lain"])
def test_nothing_to_index_is_an_empty_text_error(raw: str) -> None:
    with pytest.raises(EmptyTextError, match="empty text"):
        _parse(raw)


@pytest.mark.parametrize(
    "line",
    [
        "Menuju konten utama",
        "Skip to content",
        "Advertisement",
        "Berita Lainnya",
        "Baca Juga: Harga Beras Turun",
        "Baca juga artikel terkait EKONOMI",
        "This site uses cookies to improve your experience",
        "Accept cookies",
        "Penulis: Dewi Lestari",
        "Editor: Agus Salim",
        "Sumber: Antara",
        "Reporter: Rudi",
        "Foto: Reuters",
        "kabarku.id - Olahraga",
        "#TetapSemangat bersama KabarKu",
        "loading...",
        "Artikel ini telah tayang di KabarKu.com dengan judul Hujan Deras",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line) or remove_furniture(["Paragraf berita yang sebenarnya.", line]) == [
        "Paragraf berita yang sebenarnya."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Iklan rokok dilarang tayang di televisi pada jam anak-anak.",
        "Foto dan video kejadian itu beredar di media sosial.",
        "Sebuah foto/video memperlihatkan antrean panjang di SPBU.",
        "Sumber air bersih di desa itu mengering sejak Juli.",
        "Polisi membongkar praktik judi online di sebuah ruko, Selasa.",
        "Hak cipta lagu itu kini dipegang oleh ahli warisnya.",
    ],
)
def test_prose_that_mentions_furniture_words_is_kept(line: str) -> None:
    paragraphs = ["Paragraf pembuka berita.", line]
    assert remove_furniture(paragraphs) == paragraphs


def test_trailing_block_of_labels_goes_but_only_after_real_text() -> None:
    assert remove_furniture(["Paragraf berita yang sebenarnya.", "Topik Populer", "Slot Gacor Malam Ini"]) == [
        "Paragraf berita yang sebenarnya."
    ]
    assert remove_furniture(["Daftar Juara", "Tim Merah"]) == ["Daftar Juara", "Tim Merah"]


def test_mojibake_is_repaired() -> None:
    quote = "“Kami siap,” kata Ketua RT."
    article = _parse("Warga Siap Siaga\n" + quote.encode("utf-8").decode("mac_roman"))
    assert article.body == quote


def test_seed_003_republika() -> None:
    article = _seed("003")
    assert article.date == dt.date(2015, 10, 25)
    assert article.source == "Republika"
    assert article.title == "Rusia Tawarkan Kerja Sama dengan AS di Suriah"
    assert "Advertisement" not in article.body
    assert "Berita Lainnya" not in article.body
    assert "Rep:" not in article.body
    assert "Foto: Reuters" not in article.body


def test_seed_002_tirto() -> None:
    article = _seed("002")
    assert article.source == "Tirto.id"
    assert article.title == "AS-Rusia Rencanakan Kerja Sama Lawan ISIS"
    for furniture in ("Menuju konten utama", "Baca juga", "Penulis:", "Editor:", "Sumber:", "tirto.id - Politik"):
        assert furniture not in article.body
    assert article.body.count("Presiden Rusia Vladimir Putin menemui") == 1


def test_seed_001_rbth() -> None:
    article = _seed("001")
    assert article.source == "Rossiyskaya Gazeta"
    assert article.date is None
    assert article.title == "Moskow dan Washington Sepakat Tingkatkan Kerja Sama Lawan ISIS"
    assert "kuki" not in article.body
    assert "Hak cipta" not in article.body
    assert article.body.count("Sergey Lavrov berdiskusi dalam pertemuan") == 1


def test_seed_004_has_no_spam_tail() -> None:
    article = _seed("004")
    assert "Keluaran SGP" not in article.body
    assert article.title.startswith("Kerry mengatakan AS sedang mempertimbangkan")


def test_seed_000_title_is_its_lead_without_dateline() -> None:
    article = _seed("000")
    assert article.title.startswith("Rusia dan Amerika Serikat tidak dapat menyepakati")
    assert "KUALA LUMPUR" not in article.title


def test_seed_003_dateline_is_taken_off_whole_and_kept_as_its_place() -> None:
    article = _seed("003")
    assert article.dateline == "Moskow"
    assert "REPUBLIKA" not in article.body and "MOSKOW" not in article.body
    assert "\n\nMenteri luar negeri Rusia Sergey Lavrov, Sabtu (24/10)" in article.body


def test_publisher_named_only_in_its_dateline_is_no_organization_of_the_article() -> None:
    from search.entities import extract_entities

    article = _seed("003")
    assert "Republika" not in extract_entities(f"{article.title}\n\n{article.body}")["organizations"]


@pytest.mark.parametrize(("lead", "place"), [
    ("JAKARTA, KABARKITA.com - Harga cabai naik.", "Jakarta"),
    ("KABARKITA.CO.ID, PALANGKA RAYA -- Harga cabai naik.", "Palangka Raya"),
    ("Kabarkita.com, Tangerang Selatan - Harga cabai naik.", "Tangerang Selatan"),
    ("KOTA BOGOR – Harga cabai naik.", "Kota Bogor"),
    ("KABARKITA.COM - Harga cabai naik.", None),
])
def test_datelines_of_every_shape_leave_the_lead(lead: str, place: str | None) -> None:
    article = _parse(f"Harga Cabai Naik Lagi\n{lead}\nPedagang mengeluh.")
    assert article.body.startswith("Harga cabai naik.")
    assert article.dateline == place


def test_a_dash_inside_running_text_is_no_dateline() -> None:
    article = _parse("Harga Cabai\nAS-Rusia sepakat. Harga naik - turun setiap pekan.")
    assert article.dateline is None and article.body.startswith("AS-Rusia sepakat.")


def test_outlet_credits_in_brackets_are_furniture() -> None:
    assert remove_furniture(["Hujan turun sejak pagi, kata petugas. (kabarkita.com/Budi Santoso)",
                             "(WartaKota.com/Sari Dewi)", "Data dari situs (cuacakita.id) diperbarui."]) == [
        "Hujan turun sejak pagi, kata petugas.", "Data dari situs (cuacakita.id) diperbarui."]
