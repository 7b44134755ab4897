"""The shipped lists agree with themselves: every canonical name is stable under its own rules."""

from __future__ import annotations

from search.entities import extract_entities
from search.entities.countries import canonical_country, country_aliases
from search.entities.gazetteer import ORG, PERSON, gazetteer
from search.entities.lexicon import is_name_part
from search.entities.organizations import canonical_organization
from search.entities.people import canonical_person
from search.entities.titles import is_title_word


def test_every_country_canonical_resolves_to_itself() -> None:
    canonicals = set(country_aliases().values())
    assert len(canonicals) > 200
    assert {name for name in canonicals if canonical_country(name) != name} == set()
    assert {"Amerika Serikat", "Rusia", "Suriah", "Arab Saudi", "Afrika Selatan", "China", "Inggris"} <= canonicals


def test_every_known_person_resolves_to_itself_and_is_extracted_as_itself() -> None:
    people = gazetteer().people
    assert len(people) > 500
    assert {name for name in people if canonical_person(name) != name} == set()
    unstable = {name for name in people if extract_entities(f"Kemarin {name} berbicara.")["people"] != [name]}
    assert unstable == set()


def test_every_known_organization_resolves_to_itself_and_is_extracted_as_itself() -> None:
    names = set(gazetteer().org_names.values())
    assert len(names) > 400
    assert {name for name in names if canonical_organization(name) != name} == set()
    unstable = {name for name in names
                if extract_entities(f"Menurut keterangan {name}, rapat ditunda.")["organizations"] != [name]}
    assert unstable == set()


def test_every_country_is_extracted_as_itself() -> None:
    unstable = {name for name in set(country_aliases().values())
                if extract_entities(f"Delegasi {name} tiba di Jakarta.")["countries"] != [name]}
    assert unstable == set()


def test_the_trie_holds_people_and_organizations() -> None:
    trie = gazetteer().trie
    assert "Sergey Lavrov" in trie and "Negara Islam Irak dan Suriah" in trie
    assert ORG != PERSON


def test_lexicon_counts_separate_words_from_names() -> None:
    from search.entities.lexicon_build import count_cases, lexicon_from_counts

    paragraphs = ["Menurut Budi Santoso, kebijakan itu baru.", "Kata budi baik. Kebijakan lama diganti kebijakan baru.",
                  "Budi Santoso dan Budi Harjono hadir; kebijakan ditunda."] * 3
    table = lexicon_from_counts(*count_cases(paragraphs))
    assert "kebijakan" in table and "baru" in table
    assert "budi" not in table and "santoso" not in table


def test_only_words_the_corpus_writes_inside_names_continue_a_name() -> None:
    assert is_name_part("karya") and is_name_part("putra")
    assert not is_name_part("ungkap") and not is_name_part("larang") and not is_name_part("kembali")


def test_degrees_are_title_words_but_names_are_not() -> None:
    assert all(is_title_word(word) for word in ("SpOG", "Sp", "SPsi", "MKes", "BSc", "PhD", "Drh", "Inf"))
    assert not any(is_title_word(word) for word in ("Mahfud", "MD", "Spa", "McBride", "Sri"))
