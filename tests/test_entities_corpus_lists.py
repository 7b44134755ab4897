"""The corpus-derived lists: what evidence makes a name an organization, or no person, on invented articles."""

from __future__ import annotations

from search.entities import not_people_build, org_names_build
from search.entities.gazetteer import CORPUS_ORGANIZATIONS, NOT_PEOPLE
from search.entities.wordlists import rows

COMPANY_ARTICLES = [
    "Karyawan PT Sinar Kencana Abadi menggelar aksi. Hingga kini Sinar Kencana Abadi belum menjawab.",
    "Saham PT Sinar Kencana Abadi Tbk naik. Analis menilai Sinar Kencana Abadi akan tumbuh.",
    "Direksi baru PT Sinar Kencana Abadi dilantik pekan lalu.",
    "Ratusan anggota Komite Nelayan Pesisir Utara (KNPU) berunjuk rasa. KNPU menuntut ganti rugi.",
    "Ketua Komite Nelayan Pesisir Utara (KNPU) mengatakan KNPU akan datang lagi.",
    "Sekretaris Komite Nelayan Pesisir Utara (KNPU) menjelaskan tuntutan itu, dan KNPU menunggu.",
]


def test_names_shown_with_company_cues_or_linked_acronyms_become_organizations() -> None:
    found = {surface: canonical for surface, canonical, *_ in
             org_names_build.select(org_names_build.collect(COMPANY_ARTICLES))}
    assert found["Sinar Kencana Abadi"] == "Sinar Kencana Abadi"
    assert found["KNPU"] == "Komite Nelayan Pesisir Utara"


def test_one_article_or_a_person_cue_is_not_enough() -> None:
    once = [" ".join(["Pekerja PT Sinar Kencana Abadi mogok, dan Sinar Kencana Abadi diam."] * 3)]
    assert org_names_build.select(org_names_build.collect(once)) == []
    spoken = [*COMPANY_ARTICLES[:3], *["Hal itu, kata Sinar Kencana Abadi, sudah selesai."] * 6]
    assert "Sinar Kencana Abadi" not in {row[0] for row in org_names_build.select(org_names_build.collect(spoken))}


def test_names_shown_as_places_and_never_as_people_are_listed() -> None:
    articles = ["Banjir merendam Kelurahan Lawang Sekar sejak pagi.",
                "Warga mengungsi dari Lawang Sekar ke masjid.",
                "Posko dibuka di Lawang Sekar, kata camat."]
    assert ("Lawang Sekar", 2, 0) in not_people_build.select(*not_people_build.collect(articles))
    spoken = [*articles, *["Hal itu, kata Lawang Sekar, benar."] * 3]
    assert not_people_build.select(*not_people_build.collect(spoken)) == []


def test_the_shipped_lists_are_generated_tables() -> None:
    organizations = list(rows(CORPUS_ORGANIZATIONS, 5))
    assert len(organizations) > 100 and all(uses.isdigit() and articles.isdigit() for _, _, uses, articles, _ in organizations)
    names = list(rows(NOT_PEOPLE, 3))
    assert len(names) > 1000 and all(len(name.split()) >= not_people_build.MIN_WORDS for name, _, _ in names)


def test_one_word_places_products_and_bodies_need_three_cues_none_from_a_street_or_a_territory_role() -> None:
    def listed(articles: list[str]) -> set[str]:
        return {name for name, _, _ in not_people_build.select(*not_people_build.collect(articles))}

    place = ["Banjir melanda Cibeureum Hilir.", "Warga mengungsi di Cibarengkok sejak pagi.",
             "Posko dibuka di Cibarengkok, kata camat.", "Kapolsek Cibarengkok mengatakan jalan ditutup."]
    assert "Cibarengkok" not in listed(place[1:3])
    assert "Cibarengkok" in listed([*place, "Bantuan dikirim ke Cibarengkok."])
    streets = ["Ia tinggal di Jalan Sumarwoto.", "Macet di Jalan Sumarwoto.", "Toko di Jalan Sumarwoto tutup."]
    assert "Sumarwoto" not in listed(streets)
    spoken = ["Hal itu, kata Cibarengkok, benar."] * 2
    assert "Cibarengkok" not in listed([*place, "Bantuan dikirim ke Cibarengkok.", *spoken])


def test_what_follows_a_known_company_with_no_role_before_it_is_its_product() -> None:
    articles = ["Penjualan mobil Toyota Calya Ranger naik.", "Konsumen memilih Toyota Calya Ranger.",
                "Direktur Toyota Budi Santoso mengatakan itu."]
    found = {name for name, _, _ in not_people_build.select(*not_people_build.collect(articles))}
    assert "Calya Ranger" in found and "Budi Santoso" not in found


def test_a_body_s_short_form_expanded_twice_is_listed_whatever_role_precedes_it() -> None:
    articles = ["Rapat digelar Badan Perencanaan Pembangunan Kota (Bapekot) pekan lalu.",
                "Anggaran disusun Badan Perencanaan Pembangunan Kota (Bapekot) bersama dewan.",
                "Kepala Bapekot Budi Santoso mengatakan anggaran cukup.",
                "Kata Kepala Bapekot, dana itu cair."]
    found = {name for name, _, _ in not_people_build.select(*not_people_build.collect(articles))}
    assert "Bapekot" in found
    once = {name for name, _, _ in not_people_build.select(*not_people_build.collect(articles[1:]))}
    assert "Bapekot" not in once
    nickname = ["Presiden Joko Widodo (Jokowi) hadir.", "Presiden Joko Widodo (Jokowi) pulang."]
    assert not_people_build.select(*not_people_build.collect(nickname)) == []
