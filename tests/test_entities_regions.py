"""The region facet's rules: cities and regencies folded into their province, and the same
precision rules as the other entity facets (organizations, streets, people, everyday words)."""

from __future__ import annotations

import pytest

from search.entities import extract_entities, with_dateline_region
from search.entities.region_names import PROVINCES, REGIONS, province_of, provinces, region_names
from search.entities.wordlists import rows, split_list


def regions(text: str) -> list[str]:
    return extract_entities(text)["region"]


# ---- the table -----------------------------------------------------------------------------

def test_the_facet_values_are_the_38_provinces():
    assert len(provinces()) == 38
    assert {"Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya", "DKI Jakarta"} <= provinces()
    written = {province for province, _, _ in rows(REGIONS, 3)} - {"-"}
    assert written == provinces(), "every province has its cities and regencies, and no row names another"


def test_every_name_stands_for_one_province_unless_marked():
    """A name of two provinces must be marked as needing its kind word, or it names none;
    the names that need one are few and each is an everyday word or another place's name."""
    table = region_names()
    shared = {" ".join(words) for words, named in table.items()
              if len({region.province for region in named if not region.qualified}) > 1}
    assert shared == {"tambora"}, "Tambora is a district of Jakarta and a volcano of Sumbawa"
    qualified = {" ".join(words) for words, named in table.items() if any(region.qualified for region in named)}
    assert {"banjar", "batu", "metro", "puncak", "karo", "batu bara"} <= qualified
    assert len(qualified) < 25


def test_kind_words_pick_the_city_or_the_regency():
    banjar = region_names()[("banjar",)]
    assert province_of(banjar) is None
    assert province_of(banjar, "kota") == "Jawa Barat"
    assert province_of(banjar, "kabupaten") == "Kalimantan Selatan"


def test_short_forms_are_provinces():
    for province, short_forms in rows(PROVINCES, 2):
        for name in (province, *split_list(short_forms)):
            assert province_of(region_names()[tuple(name.lower().split())]) == province, name


# ---- folding places into provinces ------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # a city, a province's short form, other names of a province, in capitals
    ("Banjir melanda Surabaya pada Senin malam.", ["Jawa Timur"]),
    ("Gubernur Jatim meninjau lokasi banjir.", ["Jawa Timur"]),
    ("Wisatawan memadati Malioboro, Jogja, dan Pantai Kuta.", ["DI Yogyakarta", "Bali"]),
    ("BANJIR RENDAM SURABAYA", ["Jawa Timur"]),
    # a place word before the name, and the 2022 provinces
    ("Warga Kota Bogor mengeluhkan kemacetan.", ["Jawa Barat"]),
    ("Ia berlibur ke Pulau Lombok lalu ke Labuan Bajo.", ["Nusa Tenggara Barat", "Nusa Tenggara Timur"]),
    ("Gempa mengguncang Kabupaten Tambrauw dan Nabire.", ["Papua Barat Daya", "Papua Tengah"]),
    # the kind word decides a shared name, or one that needs it
    ("Warga Kabupaten Banjar dan Kota Banjar berkumpul.", ["Kalimantan Selatan", "Jawa Barat"]),
    ("Proyek itu di Kab. Banjar, kata dia.", ["Kalimantan Selatan"]),
    ("Kota Batu diguyur hujan, harga batu bara naik, Batu Bara menolak.", ["Jawa Timur"]),
    ("Bupati Kabupaten Puncak meminta mahasiswa kembali.", ["Papua Tengah"]),
])
def test_places_fold_into_their_province_in_order_of_mention(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text", [
    # a name two provinces share, or one that needs its kind word
    "Banjar adalah nama suku dan kerajaan.",
    "Harga batu bara dan Batubara dunia turun.",
    "Karo Penmas Divisi Humas Polri Brigjen Dedi Prasetyo menjelaskan.",
    "Wisatawan menikmati udara sejuk Puncak pada akhir pekan.",
    # a saying, islands of several provinces
    "Kita bersatu dari Sabang sampai Merauke.",
    "Kebakaran hutan melanda Sumatera dan Kalimantan.",
    # a place inside an organization's name or an English one
    "Persebaya Surabaya menang 2-1 atas PSM Makassar.",
    "Mahasiswa Universitas Negeri Surabaya berdemo.",
    "Harian The Jakarta Post melaporkan hal itu.",
    "Semen Padang kalah di kandang.",
])
def test_ambiguous_names_sayings_and_names_of_organizations_name_no_province(text):
    assert regions(text) == []


# ---- precision rules ---------------------------------------------------------------------------

def test_a_jurisdiction_names_the_place_it_governs():
    assert regions("Polda Jatim menangkap tiga tersangka.") == ["Jawa Timur"]
    assert regions("Pemkot Surabaya dan DPRD Kabupaten Bogor sepakat.") == ["Jawa Timur", "Jawa Barat"]
    assert regions("Pemerintah Provinsi DKI Jakarta memotong pajak.") == ["DKI Jakarta"]


def test_a_street_named_after_a_place_is_no_mention_but_a_place_after_a_building_is():
    assert regions("Ia tinggal di Jalan Surabaya, Menteng.") == ["DKI Jakarta"]
    assert regions("Macet panjang di Jalan Raya Bogor pagi ini.") == []
    assert regions("Ia membeli unit di Apartemen Sun City Surabaya.") == ["Jawa Timur"]


def test_a_place_in_a_persons_name_is_no_mention():
    assert regions("Han Solo muncul lagi dalam film itu.") == []
    assert extract_entities("Han Solo muncul lagi dalam film itu.")["people"] == ["Han Solo"]


def test_a_role_or_office_before_a_city_keeps_the_city():
    assert regions("Bupati Garut Rudy Gunawan mengatakan hal itu.") == ["Jawa Barat"]
    assert regions("kata Wakapolres Karawang Kompol Ricky saat ekspos di Mapolres Karawang.") == ["Jawa Barat"]


def test_an_everyday_word_opening_a_sentence_or_headline_is_no_mention():
    assert regions("Serang Polisi, Pria Ini Ditangkap") == []
    assert regions("Polisi mengamankan pria itu di Serang, Banten.") == ["Banten"]


def test_the_dateline_province_comes_first():
    found = with_dateline_region(extract_entities("Polisi menangkap pelaku di Jakarta."), "SURABAYA")
    assert found["region"] == ["Jawa Timur", "DKI Jakarta"]
    assert with_dateline_region({"region": ["Bali"]}, "KUALA LUMPUR / MOSKOW") == {"region": ["Bali"]}
    assert with_dateline_region({"region": []}, None) == {"region": []}


def test_a_neighbourhood_named_after_a_region_is_in_its_city():
    assert regions("Ambulans itu diparkir di Kampung Bali, Tanah Abang.") == ["DKI Jakarta"]
    assert regions("Bekas Wakil Kepala Kepolisian Daerah Jawa Tengah itu terpilih.") == ["Jawa Tengah"]


def test_a_lower_case_kind_word_opens_a_place_only_before_a_region():
    assert regions("Proyek di kabupaten Banjar dan kota Batu.") == ["Kalimantan Selatan", "Jawa Timur"]
    assert extract_entities("Madrid adalah ibu kota Spanyol.")["countries"] == ["Spanyol"]
    assert extract_entities("TPS dibuka di kota Rusia Moskow.")["countries"] == ["Rusia"]
