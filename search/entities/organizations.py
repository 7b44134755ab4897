"""Organizations: gazetteer names, names opened or closed by an organization word, acronyms.

Acronyms and their expansions are linked (``Tentara Pembebasan Suriah (FSA)`` is one
entity, and a later bare ``FSA`` is the same one); a ministry takes the country written
after it (``Departemen Luar Negeri AS``); a country inside an organization's name is part
of that name, not a mention of the country.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from search.entities.cues import (
    MEDIA_BEFORE, MEDIA_PHRASES, MEMBERSHIP_ROLES, NAME_CONNECTORS, NOT_NAME_WORDS, ORG_PREFIXES,
    ORG_SUFFIXES,
)
from search.entities.gazetteer import COUNTRY, ORG, PERSON, PLACE, gazetteer
from search.entities.lexicon import is_common_word
from search.entities.ministries import US_STYLE_WORD, ministry_of
from search.entities.normalize import display_word
from search.entities.roles import announced_by_role, is_role_word
from search.entities.spans import Span, Spans
from search.entities.tokens import DOMAIN, NEWLINE, NUMBER, PUNCT, WORD, Token

_COMMON_ACRONYMS_PATH = Path(__file__).with_name("data") / "common_acronyms.txt"
MAX_NAME_TOKENS = 12
MIN_ACRONYM, MAX_ACRONYM = 2, 7
UNITED_STATES = "Amerika Serikat"
# Abbreviated organization words, spelled out so both forms give one facet value.
_EXPANSIONS = {"Pemprov": "Pemerintah Provinsi", "Pemkot": "Pemerintah Kota", "Pemkab": "Pemerintah Kabupaten",
               "Kedubes": "Kedutaan Besar", "Kemenko": "Kementerian Koordinator", "Univ": "Universitas",
               "Departemen": "Kementerian"}
# Words that can stand on their own after an organization word and still make a name
# (``Komisi III``, ``SD Negeri 1``).
_NAME_NUMBERS = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split())
_CAPITAL_REGION, _CAPITAL = "DKI", "Jakarta"
# ``Komisi III`` alone is a commission of the DPR, the body it is a unit of.
_PARLIAMENT_COMMISSION, _PARLIAMENT = "Komisi", "DPR"
_CLUB = re.compile(r"Pers[a-z]{3,}|PS[A-Z]{1,3}")


@lru_cache(maxsize=1)
def common_acronyms() -> frozenset[str]:
    """Capitals that name no organization (``WIB``, ``KTP``, ``APBN``)."""
    words: set[str] = set()
    with _COMMON_ACRONYMS_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                words.update(line.split())
    return frozenset(words)


def _is_name_word(token: Token) -> bool:
    return token.kind == WORD and token.cap and token.text.lower() not in NOT_NAME_WORDS


def org_display(words: list[str]) -> str:
    """Facet form of an organization name built from its words: ``PARTAI X`` → ``Partai X``."""
    shown = []
    for index, word in enumerate(words):
        word = _EXPANSIONS.get(word, word) if index == 0 else word
        if word.isupper() and len(word) > 3 and is_common_word(word):
            word = display_word(word)
        shown.append(word)
    return " ".join(shown).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def _run_words(tokens: list[Token], spans: Spans, start: int, end: int) -> list[str]:
    """Words of tokens ``start:end``, every country as its canonical name, ``DKI`` as ``DKI Jakarta``."""
    words: list[str] = []
    index = start
    while index < end:
        span = spans.owner[index]
        if span is not None and span.label == COUNTRY:
            words.append(span.canonical or "")
            index = span.end
            continue
        words.append(tokens[index].text)
        if tokens[index].text == _CAPITAL_REGION and (index + 1 >= end or tokens[index + 1].text != _CAPITAL):
            words.append(_CAPITAL)
        index += 1
    return words


def _canonical_org(words: list[str]) -> str:
    name = org_display(words)
    return gazetteer().organization(name) or name


def qualify_ministries(tokens: list[Token], spans: Spans) -> None:
    """``Kementerian Luar Negeri`` + ``Rusia`` → one span for Russia's ministry."""
    for span in spans.ordered():
        if span.ministry is None or span.end >= len(tokens):
            continue
        after = spans.owner[span.end]
        if after is not None and after.label == COUNTRY and after.start == span.end:
            canonical = ministry_of(span.ministry, after.canonical)
            spans.put(Span(span.start, after.end, ORG, gazetteer().organization(canonical) or canonical,
                           span.ministry))


def resolve_bare_ministries(tokens: list[Token], spans: Spans) -> None:
    """A ministry named without a country is the article's own country's one.

    That is the one qualified elsewhere in the article when there is exactly one such;
    otherwise ``Departemen`` (the word for US ministries) means the US one when the
    article mentions the US, and anything else means Indonesia's.
    """
    ministries = [span for span in spans.items if span.ministry is not None]
    for span in ministries:
        if span.canonical != span.ministry.canonical:
            continue
        qualified = {other.canonical for other in ministries
                     if other.ministry == span.ministry and other.canonical != span.ministry.canonical}
        if len(qualified) == 1:
            span.canonical = qualified.pop()
        elif tokens[span.start].text == US_STYLE_WORD and any(
                other.label == COUNTRY and other.canonical == UNITED_STATES for other in spans.items):
            canonical = ministry_of(span.ministry, UNITED_STATES)
            span.canonical = gazetteer().organization(canonical) or canonical


def _extend_name(tokens: list[Token], spans: Spans, start: int, headline: bool, after_role: bool) -> int:
    """End of an organization name whose first word is at ``start``.

    Countries and places join the name (``Kementerian Luar Negeri Rusia``), so do people
    it is named after (``RSUD Dr. Soetomo``) unless a role announced a person next
    (``Ketua Umum Partai X Prabowo``); a known organization ends it.
    """
    end = start + 1
    while end < len(tokens) and end - start < MAX_NAME_TOKENS:
        token = tokens[end]
        span = spans.owner[end]
        if span is not None:
            if span.label == ORG or (span.label == PERSON and after_role):
                break
            end = span.end
            continue
        if token.kind == NUMBER and tokens[end - 1].kind == WORD:
            end += 1
        elif token.kind == WORD and token.cap and not token.sentence_start:
            if headline and is_common_word(token.text):
                break
            end += 1
        elif (token.text in NAME_CONNECTORS and end + 1 < len(tokens) and tokens[end + 1].cap
              and not tokens[end + 1].sentence_start):
            end += 1
        elif token.text == "-" and token.glued and end + 1 < len(tokens) and tokens[end + 1].glued:
            end += 1
        else:
            break
    while end > start + 1 and tokens[end - 1].kind != WORD and spans.owner[end - 1] is None:
        end -= 1
    return end


def _name_tail(tokens: list[Token], spans: Spans, start: int, end: int) -> int:
    """Where a person's name begins at the end of ``start:end`` (``end`` when none does)."""
    tail = end
    while tail - 1 > start and spans.owner[tail - 1] is None and _is_name_word(tokens[tail - 1]) \
            and not is_common_word(tokens[tail - 1].text):
        tail -= 1
    if end - tail >= 2:
        return tail if tail > start + 1 else min(start + 2, end)
    return end


def find_prefixed(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """``Partai X``, ``Universitas X``, ``PT X Tbk``: a word that opens an organization's name.

    A unit of a known organization (``Komisi III DPR``, ``Dewan Pembina Partai Demokrat``)
    is left to that organization: one facet value per body, not one per committee.
    """
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (token.kind != WORD or not token.cap or spans.owner[index] is not None
                or token.text.lower() not in ORG_PREFIXES):
            index += 1
            continue
        after_role = announced_by_role(tokens, spans.owner, role_ends, index)
        end = _extend_name(tokens, spans, index, token.headline, after_role)
        if end == index + 1 or (end == index + 2 and spans.label_at(index + 1) == COUNTRY) \
                or spans.label_at(end) == ORG:
            index = end
            continue
        if after_role:
            end = _name_tail(tokens, spans, index, end)
        words = _run_words(tokens, spans, index, end)
        if len(words) == 2 and words[0] == _PARLIAMENT_COMMISSION and words[1] in _NAME_NUMBERS:
            words = [_PARLIAMENT]
        spans.put(Span(index, end, ORG, _canonical_org(words)))
        index = end


def find_suffixed(tokens: list[Token], spans: Spans) -> None:
    """``Astra International Tbk``, ``SM Entertainment``: a word that closes an organization's name."""
    for index, token in enumerate(tokens):
        if (token.kind != WORD or not token.cap or token.text.lower() not in ORG_SUFFIXES
                or spans.owner[index] is not None or index == 0):
            continue
        start = index
        while (start > 0 and index - start < MAX_NAME_TOKENS - 1 and spans.owner[start - 1] is None
               and tokens[start - 1].kind == WORD and tokens[start - 1].cap and not tokens[start].sentence_start
               and not (tokens[start - 1].ambiguous_case and is_common_word(tokens[start - 1].text))):
            start -= 1
        if start < index:
            spans.put(Span(start, index + 1, ORG, _canonical_org(_run_words(tokens, spans, start, index + 1))))


@lru_cache(maxsize=1)
def _media_phrases() -> dict[str, list[list[str]]]:
    phrases: dict[str, list[list[str]]] = {}
    for phrase in sorted(MEDIA_PHRASES, key=len, reverse=True):
        words = phrase.split()
        phrases.setdefault(words[0], []).append(words)
    return phrases


def _media_phrase_end(tokens: list[Token], index: int) -> int | None:
    for words in _media_phrases().get(tokens[index].text.lower(), ()):
        window = tokens[index:index + len(words)]
        if len(window) == len(words) and all(t.text.lower() == w for t, w in zip(window, words)):
            return index + len(words)
    if tokens[index].text in MEDIA_BEFORE:
        return index + 1
    return None


def find_media(tokens: list[Token], spans: Spans) -> None:
    """``dilansir Reuters``, ``koran Washington Post``, ``Hak cipta milik X``: the medium is an organization."""
    for index, token in enumerate(tokens):
        if token.kind != WORD or spans.owner[index] is not None:
            continue
        start = _media_phrase_end(tokens, index)
        if start is None or start >= len(tokens) or spans.owner[start] is not None:
            continue
        if not _is_name_word(tokens[start]) or tokens[start].sentence_start:
            continue
        end = _extend_name(tokens, spans, start, tokens[start].headline, after_role=True)
        if all(spans.owner[position] is None for position in range(start, end)):
            spans.put(Span(start, end, ORG, _canonical_org(_run_words(tokens, spans, start, end))))


def find_domains(tokens: list[Token], spans: Spans) -> None:
    """``tirto.id``, ``Kompas.com``: a news site named by its address."""
    for index, token in enumerate(tokens):
        if token.kind == DOMAIN and spans.owner[index] is None:
            canonical = gazetteer().organization(token.text) or gazetteer().organization(token.text.split(".")[0])
            if canonical:
                spans.put(Span(index, index + 1, ORG, canonical))


def _is_acronym(token: Token) -> bool:
    letters = token.text.replace("-", "")
    return (token.kind == WORD and token.upper and MIN_ACRONYM <= len(letters) <= MAX_ACRONYM
            and token.text not in common_acronyms() and token.text not in _NAME_NUMBERS
            and not is_role_word(token))


def _initials_match(acronym: str, words: list[str]) -> bool:
    """``KPK`` ~ ``Komisi Pemberantasan Korupsi``; syllable acronyms (``Bawaslu``) also pass."""
    letters = "".join(word for word in words if word.lower() not in NAME_CONNECTORS).lower()
    initials = "".join(word[0] for word in words if word.lower() not in NAME_CONNECTORS).lower()
    acronym = acronym.lower()
    if initials == acronym:
        return True
    position = 0
    for char in acronym:
        position = letters.find(char, position)
        if position < 0:
            return False
        position += 1
    return acronym[0] == initials[0] and set(initials) <= set(acronym)


def _long_form_before(tokens: list[Token], spans: Spans, paren: int, acronym: str) -> tuple[int, int] | None:
    """The capitalised run ending right before ``(`` whose initials fit the acronym."""
    end = paren
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS:
        previous = tokens[start - 1]
        if previous.kind == WORD and (previous.cap or previous.text in NAME_CONNECTORS) and spans.owner[start - 1] is None:
            start -= 1
        else:
            break
    while start < end and not tokens[start].cap:
        start += 1
    for first in range(start, end):
        words = [token.text for token in tokens[first:end] if token.kind == WORD]
        if tokens[first].cap and words and _initials_match(acronym, words):
            return first, end
    return None


def link_acronyms(tokens: list[Token], spans: Spans) -> dict[str, tuple[str, str]]:
    """Link ``Long Name (ACR)`` pairs; returns acronym → (label, canonical) for the article."""
    links: dict[str, tuple[str, str]] = {}
    for paren in range(1, len(tokens) - 2):
        if tokens[paren].text != "(" or tokens[paren + 2].text != ")" or not _is_acronym(tokens[paren + 1]):
            continue
        acronym = tokens[paren + 1].text
        before = spans.owner[paren - 1]
        known = spans.owner[paren + 1]
        if before is not None and before.label in (ORG, COUNTRY, PERSON) and before.end == paren:
            label, canonical = before.label, before.canonical
            if known is not None and known.label == ORG and before.label == ORG and known.canonical != canonical:
                label, canonical = ORG, known.canonical
                spans.put(Span(before.start, before.end, ORG, canonical))
        elif known is not None and known.label == ORG:
            label, canonical = ORG, known.canonical
            found = _long_form_before(tokens, spans, paren, acronym)
            if found:
                spans.put(Span(found[0], found[1], ORG, canonical))
        else:
            found = _long_form_before(tokens, spans, paren, acronym)
            if not found:
                continue
            label, canonical = ORG, _canonical_org(_run_words(tokens, spans, *found))
            spans.put(Span(found[0], found[1], ORG, canonical))
        if canonical:
            links[acronym] = (label, canonical)
            spans.put(Span(paren + 1, paren + 2, label, canonical))
    return links


def _member_of(tokens: list[Token], role_ends: dict[int, str], index: int) -> bool:
    """``Ketua KPU``, ``partai PKS``: the word before says the capitals are an organization."""
    if index == 0:
        return False
    words = role_ends.get(index - 1, tokens[index - 1].text.lower()).split()
    return bool(words) and words[0] in MEMBERSHIP_ROLES


def find_acronyms(tokens: list[Token], spans: Spans, links: dict[str, tuple[str, str]],
                  role_ends: dict[int, str]) -> None:
    """A bare acronym: the article's own expansion if it gave one, else an organization
    when a membership word stands before it in running text (``Ketua ULMWP``).

    Capitals alone prove nothing: most unexplained ones are laws, products and units
    (``RKUHP``, ``MPV``, ``USD1``).
    """
    members = {token.text for index, token in enumerate(tokens)
               if spans.owner[index] is None and _is_acronym(token) and not token.headline
               and _member_of(tokens, role_ends, index)}
    for index, token in enumerate(tokens):
        if spans.owner[index] is not None or not _is_acronym(token):
            continue
        if token.text in links:
            label, canonical = links[token.text]
            spans.put(Span(index, index + 1, label, canonical))
        elif token.text in members and not is_common_word(token.text) and spans.label_at(index + 1) != ORG:
            spans.put(Span(index, index + 1, ORG, token.text))


def find_clubs(tokens: list[Token], spans: Spans) -> None:
    """Indonesian football clubs are named ``Pers...`` or ``PS...`` (``Tira Persikabo``, ``PSIS``)."""
    for index, token in enumerate(tokens):
        if spans.owner[index] is None and _CLUB.fullmatch(token.text) and not is_common_word(token.text):
            start = index - 1 if index > 0 and spans.owner[index - 1] is None and _is_name_word(tokens[index - 1]) \
                and not tokens[index - 1].ambiguous_case else index
            end = index + 2 if index + 1 < len(tokens) and spans.label_at(index + 1) == PLACE else index + 1
            spans.put(Span(start, end, ORG, _canonical_org(_run_words(tokens, spans, start, end))))


def _in_capitals_line(tokens: list[Token], index: int) -> bool:
    """``KUALA LUMPUR / MOSKOW –``: in a line of capitals no word is an acronym."""
    for step in (-1, 1):
        neighbour = index + step
        while 0 <= neighbour < len(tokens) and tokens[neighbour].kind == PUNCT:
            neighbour += step
        if 0 <= neighbour < len(tokens) and tokens[neighbour].kind == WORD and tokens[neighbour].upper \
                and len(tokens[neighbour].text) > 3 and tokens[neighbour].kind != NEWLINE:
            return True
    return False


def find_organizations(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """Add every organization span of the article to ``spans`` (countries inside them are absorbed)."""
    qualify_ministries(tokens, spans)
    find_domains(tokens, spans)
    find_prefixed(tokens, spans, role_ends)
    find_suffixed(tokens, spans)
    find_media(tokens, spans)
    find_clubs(tokens, spans)
    links = link_acronyms(tokens, spans)
    find_acronyms(tokens, spans, links, role_ends)
    resolve_bare_ministries(tokens, spans)


def canonical_organization(name: str) -> str:
    """The facet value for an organization's name written on its own."""
    return _canonical_org(name.split())
