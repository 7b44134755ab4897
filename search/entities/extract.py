"""The pipeline: tokens → gazetteer spans → organizations → people and countries."""

from __future__ import annotations

from search.entities.countries import NAME_LIKE_COUNTRIES, is_sentence_word
from search.entities.gazetteer import COUNTRY, ORG, scan
from search.entities.organizations import find_organizations
from search.entities.people import find_people, is_name_word
from search.entities.places import find_places
from search.entities.roles import role_ends
from search.entities.spans import Span, Spans
from search.entities.tokens import Token, tokenize

# ``bahasa Inggris`` is a language, not a mention of England.
_LANGUAGE_WORDS = frozenset({"bahasa", "berbahasa", "Bahasa", "Berbahasa", "BAHASA"})
_CURRENCY_MARKS = frozenset("$")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _is_country_mention(tokens: list[Token], spans: Spans, span: Span) -> bool:
    before = tokens[span.start - 1] if span.start > 0 else None
    after = tokens[span.end] if span.end < len(tokens) else None
    if before is not None and before.text in _LANGUAGE_WORDS:
        return False
    if after is not None and after.text in _CURRENCY_MARKS and after.glued:
        return False
    if after is not None and after.text == "-" and after.glued and span.end + 1 < len(tokens) \
            and any(char.isdigit() for char in tokens[span.end + 1].text):
        return False
    written = " ".join(token.text for token in tokens[span.start:span.end])
    if is_sentence_word(written) and tokens[span.start].ambiguous_case:
        return False
    if span.canonical in NAME_LIKE_COUNTRIES or written in NAME_LIKE_COUNTRIES:
        name_before = before is not None and spans.owner[span.start - 1] is None and is_name_word(before)
        name_after = after is not None and spans.owner[span.end] is None and is_name_word(after)
        if name_before or (name_after and (before is None or not before.cap or before.sentence_start)):
            return False
    return True


def extract_entities(text: str) -> dict[str, list[str]]:
    """People, countries and organizations an article mentions, as canonical facet values.

    Each list is de-duplicated and in order of first mention; the same entity gets the
    same value in every article, whichever alias or spelling the article used.
    """
    tokens = tokenize(text)
    spans = Spans(tokens, scan(tokens))
    ends = role_ends(tokens)
    find_places(tokens, spans)
    find_organizations(tokens, spans, ends)
    people = find_people(tokens, spans.owner, ends)
    ordered = spans.ordered()
    countries = [span.canonical for span in ordered
                 if span.label == COUNTRY and _is_country_mention(tokens, spans, span)]
    organizations = [span.canonical for span in ordered if span.label == ORG]
    return {"people": people, "countries": _unique(countries), "organizations": _unique(organizations)}
