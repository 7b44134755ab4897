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
