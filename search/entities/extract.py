"""The pipeline: tokens → gazetteer spans → places → organizations → people, countries and regions."""

from __future__ import annotations

from search.entities.countries import NAME_LIKE_COUNTRIES, is_sentence_word
from search.entities.country_names import absorb_countries_in_names
from search.entities.cues import COUNTRY_ROLES
from search.entities.gazetteer import COUNTRY, ORG, scan
from search.entities.organizations import find_organizations
from search.entities.people import find_people, is_name_word
from search.entities.places import find_places
from search.entities.regions import dateline_region, find_regions, release_place_names
from search.entities.roles import role_ends
from search.entities.spans import Span, Spans
from search.entities.tokens import Token, tokenize
from search.facet_table import COUNTRIES, ORGANIZATIONS, PEOPLE, REGION

# ``bahasa Inggris`` is a language, not a mention of England.
_LANGUAGE_WORDS = frozenset({"bahasa", "berbahasa"})
_CURRENCY_MARKS = frozenset("$")


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _is_country_mention(tokens: list[Token], span: Span) -> bool:
    before = tokens[span.start - 1] if span.start > 0 else None
    after = tokens[span.end] if span.end < len(tokens) else None
    if before is not None and before.text.lower() in _LANGUAGE_WORDS:
        return False
    if after is not None and after.text in _CURRENCY_MARKS and after.glued:
        return False
    if after is not None and after.text == "-" and after.glued and span.end + 1 < len(tokens) \
            and any(char.isdigit() for char in tokens[span.end + 1].text):
        return False
    written = " ".join(token.text for token in tokens[span.start:span.end])
    return not (is_sentence_word(written) and tokens[span.start].ambiguous_case)


def release_first_names(tokens: list[Token], spans: Spans) -> None:
    """``Chad Le Clos``, ``Israel Folau``: a country that is also a first name, followed (or
    preceded) by a name word, is part of a person's name; the span is dropped so the people
    rules see the whole name."""
    for span in [span for span in spans.items if span.label == COUNTRY]:
        written = " ".join(token.text for token in tokens[span.start:span.end])
        if span.canonical not in NAME_LIKE_COUNTRIES and written not in NAME_LIKE_COUNTRIES:
            continue
        before = tokens[span.start - 1] if span.start > 0 else None
        after = tokens[span.end] if span.end < len(tokens) else None
        name_before = before is not None and spans.owner[span.start - 1] is None and is_name_word(before)
        name_after = after is not None and spans.owner[span.end] is None and is_name_word(after)
        role_before = before is not None and before.text.lower() in COUNTRY_ROLES
        if name_before or (name_after and not role_before
                           and (before is None or not before.cap or before.sentence_start)):
            spans.remove(span)


def entity_spans(tokens: list[Token]) -> tuple[Spans, dict[int, str]]:
    """The article's spans after every span step (places, organizations, countries in names,
    released first and place names) and its role ends: what the people rules read, and what
    ``name_words_build`` counts over the corpus."""
    spans = Spans(tokens, scan(tokens))
    ends = role_ends(tokens)
    find_places(tokens, spans)
    find_organizations(tokens, spans, ends)
    absorb_countries_in_names(tokens, spans, ends)
    release_first_names(tokens, spans)
    release_place_names(tokens, spans)
    return spans, ends


def extract_entities(text: str) -> dict[str, list[str]]:
    """People, countries, organizations and Indonesian provinces an article mentions, as
    canonical facet values.

    Each list is de-duplicated and in order of first mention; the same entity gets the
    same value in every article, whichever alias or spelling the article used.
    """
    tokens = tokenize(text)
    spans, ends = entity_spans(tokens)
    people = find_people(tokens, spans.owner, ends)
    ordered = spans.ordered()
    countries = [span.canonical for span in ordered
                 if span.label == COUNTRY and _is_country_mention(tokens, span)]
    organizations = [span.canonical for span in ordered if span.label == ORG]
    return {PEOPLE: people, COUNTRIES: _unique(countries), ORGANIZATIONS: _unique(organizations),
            REGION: find_regions(tokens, spans)}


def with_dateline_region(entities: dict[str, list[str]], dateline: str | None) -> dict[str, list[str]]:
    """The entities with the province a dateline names first among the regions: where the
    story was filed (``SURABAYA, KOMPAS.com -``) is where it is, and ingest takes the
    dateline out of the text the extractor reads."""
    filed = dateline_region(dateline)
    if filed is None:
        return entities
    return {**entities, REGION: _unique([filed, *entities.get(REGION, [])])}
