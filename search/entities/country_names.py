"""A country word inside a longer name is part of that name, not a mention of the country.

``Kartu Indonesia Sehat`` (a programme), ``Indonesia Open`` (an event), ``Toyota Astra
Indonesia`` and ``Samsung Korea`` (companies) name something else; ``Pemerintah
Indonesia``, ``Presiden Korea Selatan`` and ``warga negara Indonesia`` name the country.
What tells them apart is the word beside the country: a capital in running text that no
role, country word or date explains makes the country part of a name.
"""

from __future__ import annotations

from search.entities.cues import (
    COUNTRY_ROLES,
    NOT_NAME_WORDS,
    ORG_PREFIXES,
    WORK_BEFORE,
)
from search.entities.gazetteer import COUNTRY, ORG, PLACE
from search.entities.lexicon import is_common_word
from search.entities.roles import announced_by_role
from search.entities.spans import Span, Spans
from search.entities.tokens import WORD, Token
from search.entities.wordlists import english_words

# Capitalised words before a country that make it the country's own (``Bangsa Indonesia``,
# ``Republik Korea``), besides the roles of ``COUNTRY_ROLES``.
_OWNERS = frozenset({"bangsa", "republik", "negeri", "kerajaan", "masyarakat", "orang", "penduduk"})
# Capitalised words of events and titles named after a country (``Grand Prix Jepang``,
# ``MotoGP San Marino``, ``Miss Filipina``): the country after them is the title's word (the
# CLICK-ID country readings of issue 14 found these among the few junk values).
_EVENT_TITLES = frozenset({"prix", "gp", "motogp", "moto2", "moto3", "miss"})


def _name_word(tokens: list[Token], spans: Spans, index: int) -> bool:
    """An everyday or English word capitalised in running text, which no list or role explains:
    a word of a name (``Sehat``, ``Open``). A word that is a name itself stands beside the
    country as its own name (``perusahaan farmasi Inggris GlaxoSmithKline``)."""
    if not 0 <= index < len(tokens):
        return False
    token = tokens[index]
    return (token.kind == WORD and token.cap and not token.upper and not token.headline
            and spans.owner[index] is None and token.text.lower() not in NOT_NAME_WORDS
            and (is_common_word(token.text) or token.text.lower() in english_words()))


def _owned(tokens: list[Token], spans: Spans, ends: dict[int, str], span: Span) -> bool:
    """``Presiden Korea Selatan``, ``Menteri Kebudayaan Yunani``, ``Pemerintah Indonesia``,
    ``Universitas Indonesia``: a role (with its portfolio), a country word or an organization
    word before makes the country the country (the organization rules decided the pair)."""
    index = span.start - 1
    if index < 0:
        return False
    word = tokens[index].text.lower()
    return (word in COUNTRY_ROLES or word in _OWNERS or word in ORG_PREFIXES
            or announced_by_role(tokens, spans.owner, ends, span.start))


def _hyphenated(tokens: list[Token], spans: Spans, span: Span) -> bool:
    """``Georgia-Pacific``: a country glued by a hyphen to a capitalised word that is no
    country (``Rusia-Ukraina`` is two countries)."""
    after = span.end
    if after + 1 >= len(tokens) or tokens[after].text != "-" or not tokens[after].glued \
            or not tokens[after + 1].glued:
        return False
    following = tokens[after + 1]
    return following.kind == WORD and following.cap and spans.label_at(after + 1) != COUNTRY


def _inside_name(tokens: list[Token], spans: Spans, ends: dict[int, str], span: Span) -> bool:
    before, after = span.start - 1, span.end
    if _hyphenated(tokens, spans, span) or (_name_word(tokens, spans, after) and not tokens[after].sentence_start):
        return True
    if _titled(tokens, span):
        return True
    if _owned(tokens, spans, ends, span):
        return False
    return _name_word(tokens, spans, before) and (not tokens[before].sentence_start or _name_word(tokens, spans, after))


def _titled(tokens: list[Token], span: Span) -> bool:
    """``turnamen Malaysia Masters``, ``film Korea Express``: after a word that announces a
    title, a country opening a capitalised run is a word of that title; after an event's or
    a title's own word (``Grand Prix Jepang``) the country is that title's."""
    before, after = span.start - 1, span.end
    if before >= 0 and tokens[before].cap and tokens[before].text.lower() in _EVENT_TITLES:
        return True
    return before >= 0 and tokens[before].text in WORK_BEFORE and after < len(tokens) \
        and tokens[after].kind == WORD and tokens[after].cap and not tokens[after].sentence_start


def absorb_countries_in_names(tokens: list[Token], spans: Spans, ends: dict[int, str]) -> None:
    """A country that is a word of a longer name gives no value (its words stay claimed, so
    no rule reads them as a person's); one right after an organization's name becomes part
    of it (``Samsung Korea`` is Samsung), unless the name opens with an organization word,
    which the country qualifies (``Angkatan Udara Inggris``, as ``Kementerian Luar Negeri Rusia``)."""
    for span in [span for span in spans.items if span.label == COUNTRY]:
        previous = spans.owner[span.start - 1] if span.start > 0 else None
        if previous is not None and previous.label == ORG and previous.end == span.start \
                and tokens[previous.start].text.lower() not in ORG_PREFIXES \
                and not _owned(tokens, spans, ends, span) and not tokens[span.start].headline:
            spans.put(Span(previous.start, span.end, ORG, previous.canonical))
        elif _inside_name(tokens, spans, ends, span):
            spans.put(Span(span.start, span.end, PLACE, None))
