"""Countries inside longer names, and organizations found without a cue, on sentences written for the purpose."""

from __future__ import annotations

import pytest

from test_entities_rules import countries, organizations, people


@pytest.mark.parametrize("text", [
    "Pebulu tangkis muda itu melaju ke final Indonesia Open tahun ini.",
    "Warga yang belum memegang Kartu Indonesia Sehat diminta mendaftar di puskesmas.",
    "Kartu Indonesia Pintar dibagikan kepada murid kelas satu.",
    "Program Makmur Indonesia Sejahtera dimulai bulan depan di tiga kabupaten.",
    "Dia menonton turnamen Malaysia Masters bersama keluarganya.",
    "Harga saham Georgia-Pacific turun setelah laporan kuartalan.",
])
def test_a_country_word_inside_a_programme_event_or_company_is_not_a_country(text: str) -> None:
    assert countries(text) == []


@pytest.mark.parametrize(("text", "organization"), [
    ("Dosen itu mengajar di Universitas Malaysia sejak dua tahun lalu.", "Universitas Malaysia"),
    ("Penjualan Samsung Korea naik tipis pada kuartal kedua.", "Samsung"),
    ("Penerbangan Garuda Indonesia ke Medan ditunda dua jam.", "Garuda Indonesia"),
])
def test_a_country_word_inside_an_organization_is_part_of_it(text: str, organization: str) -> None:
    assert countries(text) == []
    assert organizations(text) == [organization]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pemerintah Indonesia menolak permintaan itu.", ["Indonesia"]),
    ("Presiden Korea Selatan tiba di Jakarta pada Selasa.", ["Korea Selatan"]),
    ("Ratusan warga negara Indonesia dipulangkan dari sana.", ["Indonesia"]),
    ("Menteri Perdagangan Malaysia bertemu mitranya dari Thailand.", ["Malaysia", "Thailand"]),
    ("Duta Besar Indonesia untuk Jepang memberi sambutan.", ["Indonesia", "Jepang"]),
    ("Bangsa Indonesia menghadapi ujian berat, kata Rahmat Sudarsono.", ["Indonesia"]),
    ("Ekspor Indonesia ke Vietnam naik, sedangkan impor dari Rusia-Ukraina turun.",
     ["Indonesia", "Vietnam", "Rusia", "Ukraina"]),
])
def test_a_country_qualified_by_a_role_or_government_is_still_a_country(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


def test_a_country_inside_a_name_is_not_read_as_a_person() -> None:
    text = "Para menteri Kabinet Indonesia Bersatu dilantik di istana."
    assert countries(text) == []
    assert people(text) == []


@pytest.mark.parametrize("text", [
    "Saham Bank Central Asia Tbk (BBCA) ditutup menguat.",
    "Saham PT Bank Central Asia Tbk (BBCA) ditutup menguat.",
    "Nasabah BCA mengeluhkan antrean panjang.",
])
def test_a_listed_company_is_one_value_whatever_its_legal_form_and_ticker(text: str) -> None:
    assert organizations(text) == ["BCA"]


def test_an_unknown_company_loses_its_legal_form() -> None:
    assert organizations("Karyawan PT Sinar Kencana Abadi Tbk menggelar aksi.") == ["Sinar Kencana Abadi"]
    assert organizations("Pabrik CV Sinar Kencana Abadi terbakar.") == ["Sinar Kencana Abadi"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Menurut laporan itu, KSPN akan menggelar kongres bulan depan.", ["KSPN"]),
    ("Survei tersebut dilakukan oleh LKPM pada bulan lalu.", ["LKPM"]),
    ("RKUHP akan disahkan tahun depan.", []),
    ("Honda memperkenalkan CBR250RR akan dijual bulan depan.", ["Honda"]),
])
def test_an_acronym_that_acts_is_an_organization(text: str, expected: list[str]) -> None:
    assert organizations(text) == expected


def test_generic_bodies_written_as_acronyms_are_organizations() -> None:
    text = "Pemda setempat bersama Ormas, LSM dan BUMD menanam pohon."
    assert organizations(text) == ["Pemda", "Ormas", "LSM", "BUMD"]


def test_a_board_of_a_party_is_the_party() -> None:
    assert organizations("Rapat DPD Partai Golkar Jawa Barat digelar Senin.") == ["Partai Golkar"]
    assert organizations("Ketua DPP PKS menolak usulan itu.") == ["PKS"]


@pytest.mark.parametrize(("text", "organization"), [
    ("Deklarasi Partai Pelopor Rakyat digelar di Bandung.", "Partai Pelopor Rakyat"),
    ("Ia pernah menjadi wartawan Harian Pagi Nusantara.", "Harian Pagi Nusantara"),
])
def test_a_party_or_periodical_is_one_body_whatever_words_name_it(text: str, organization: str) -> None:
    assert organizations(text) == [organization]


@pytest.mark.parametrize(("why", "text", "expected"), [
    ("coordinated", "Rapat itu dihadiri Bambang Sutrisno dan Waluyo.", ["Bambang Sutrisno", "Waluyo"]),
    ("paired", "Pasangan Prabowo Subianto - Sandiaga Uno mendaftar ke KPU.", ["Prabowo Subianto", "Sandiaga Uno"]),
    ("next clause", "Menurut Hendrawan Saputro, Suyatmo belum pernah datang.", ["Hendrawan Saputro", "Suyatmo"]),
    ("apposition", "Direktur Utama, Sutiyoso Hadi, membantah.", ["Sutiyoso Hadi"]),
    ("spoken", "Perusahaan itu mengekspor sepatu ke Eropa, kata Akbar.", ["Akbar"]),
    ("court verb", "Waryono ditahan di rutan selama 20 hari.", ["Waryono"]),
    ("a place in a country", "Rombongan itu terbang dari Castelmonte Alto, Italia, menuju Wina.", []),
    ("a price", "Harga paket Diamond Rp2.500.000 sudah termasuk makan siang.", []),
    ("English title words", "Acara itu disponsori Sunrise Global Media.", []),
    ("a team after The", "Para pemain The Rangers datang dengan percaya diri.", []),
])
def test_who_is_vouched_for_and_what_is_no_person(why: str, text: str, expected: list[str]) -> None:
    assert people(text) == expected, why


@pytest.mark.parametrize(("text", "organization"), [
    ("Rektor Universitas Cendana Raya Prof. Sutanto Wiryo membuka acara.", "Universitas Cendana Raya"),
    ("Kasat Lantas Polres Tanjung Sari AKP Lalu Wirawan memimpin razia.", "Polres Tanjung Sari"),
    ("Kepala Kejaksaan Negeri Sukamaju M Fauzan Sumadiputra menahan tersangka.", "Kejaksaan Negeri Sukamaju"),
    ("CEO Nusantara Digital Group Hendra Wijaya meluncurkan aplikasi.", "Nusantara Digital Group"),
])
def test_an_organization_name_ends_before_its_official(text: str, organization: str) -> None:
    assert organization in organizations(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Polda Sulawesi Barat Senin lalu memanggil saksi.", ["Polda Sulawesi Barat"]),
    ("Sidang digelar di Pengadilan Negeri Bandung dan Surabaya.", ["Pengadilan Negeri Bandung"]),
    ("Ketua Badan Kehormatan Mervin Sadipun Komber membuka sidang.", ["Badan Kehormatan"]),
    ("Ganda putra itu kalah dari Man Wei Chong kemarin.", []),
    ("Skor akhir: Polda Jambi 1, Polda Riau 2.", ["Polda Jambi", "Polda Riau"]),
])
def test_an_organization_name_stops_where_the_name_stops(text: str, expected: list[str]) -> None:
    assert organizations(text) == expected


def test_a_regulation_or_a_longer_title_is_no_organization() -> None:
    assert organizations("Aturan itu tercantum dalam Peraturan Pemerintah Nomor 12 Tahun 2019.") == []
    assert organizations("Kampus itu naik dalam World University Rankings tahun ini.") == []
