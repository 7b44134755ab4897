"""Organizations: gazetteer names, names opened or closed by an organization word, acronyms.

Acronyms and their expansions are linked (``Tentara Pembebasan Suriah (FSA)`` is one
entity, and a later bare ``FSA`` is the same one); a ministry takes the country written
after it (``Departemen Luar Negeri AS``); a country inside an organization's name is part
of that name, not a mention of the country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from search.entities.cues import (
    MEDIA_BEFORE,
    MEDIA_PHRASES,
    MEMBERSHIP_ROLES,
    NAME_CONNECTORS,
    NAMED_AFTER_PEOPLE,
    NOT_NAME_WORDS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
)
from search.entities.gazetteer import COUNTRY, ORG, PERSON, PLACE, gazetteer
from search.entities.lexicon import is_common_word
from search.entities.ministries import US_STYLE_WORD, ministry_of
from search.entities.normalize import display_word
from search.entities.roles import announced_by_role, is_role_word
from search.entities.spans import Span, Spans
from search.entities.tokens import DOMAIN, NUMBER, WORD, Token
from search.entities.wordlists import common_acronyms, given_names, rows, split_list

MAX_NAME_TOKENS = 12
MAX_ANNOUNCED_NAME = 4
# ``Dr.``, ``H.``: an abbreviation's full stop inside a name.
MAX_ABBREVIATION = 3
MIN_ACRONYM, MAX_ACRONYM = 2, 7
UNITED_STATES = "Amerika Serikat"
# Abbreviated organization words, spelled out so both forms give one facet value.
_EXPANSIONS = {"Pemprov": "Pemerintah Provinsi", "Pemkot": "Pemerintah Kota", "Pemkab": "Pemerintah Kabupaten",
               "Kedubes": "Kedutaan Besar", "Kemenko": "Kementerian Koordinator", "Univ": "Universitas",
               "Departemen": "Kementerian"}
# Words that can stand on their own after an organization word and still make a name
# (``Komisi III``, ``SD Negeri 1``).
_NAME_NUMBERS = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split())
_PROVINCES = "provinces.tsv"
_GOVERNMENT, _PROVINCE = "Pemerintah", "Provinsi"
# Words that only say what legal form a known company has (``Alibaba Group``, ``Garuda Indonesia Tbk``).
_COMPANY_FORMS = frozenset("group grup holding holdings corp corporation inc ltd limited llc tbk persero co".split())
# Organization words that need a second word to open a name (``Rumah Sakit``, not ``Rumah Tangga``).
_PREFIX_PARTNERS = {"rumah": "sakit"}
MAX_GENERIC_WORDS = 3
# Words that make an expansion an organization's name (``Gerakan Perubahan Demokratik (MDC)``,
# not ``Barang Milik Negara (BMN)``).
_ORG_WORDS = ORG_PREFIXES | ORG_SUFFIXES | frozenset({"international", "watch", "network", "alliance", "nasional"})
# ``Komisi III`` alone is a commission of the DPR, the body it is a unit of.
_PARLIAMENT_COMMISSION, _PARLIAMENT = "Komisi", "DPR"
_CLUB = re.compile(r"Pers[a-z]{3,}|PS[A-Z]{1,3}")


def _is_capitalised_word(token: Token) -> bool:
    return token.kind == WORD and token.cap and token.text.lower() not in NOT_NAME_WORDS


def org_display(words: list[str]) -> str:
    """Facet form of an organization name built from its words: ``PARTAI X`` → ``Partai X``,
    ``RSUD Dr. Soetomo`` → ``RSUD Dr Soetomo`` (abbreviation stops dropped, so both spellings meet)."""
    shown = []
    for index, word in enumerate(word for word in words if word != "."):
        word = _EXPANSIONS.get(word, word) if index == 0 else word
        if word.isupper() and len(word) > 3 and is_common_word(word):
            word = display_word(word)
        shown.append(word)
    return " ".join(shown).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """Province name or short form → full name."""
    return {form: name for name, short in rows(_PROVINCES, 2) for form in (name, *split_list(short))}


def _province_at(tokens: list[Token], index: int, end: int) -> tuple[str, int] | None:
    """The province written at ``index`` (full name or short form) and where it ends."""
    for length in (3, 2, 1):
        if index + length <= end:
            written = " ".join(token.text for token in tokens[index:index + length])
            if written in _provinces():
                return _provinces()[written], index + length
    return None


def _run_words(tokens: list[Token], spans: Spans, start: int, end: int) -> list[str]:
    """Words of tokens ``start:end``: every country under its canonical name, every province
    under its full name (``Jatim`` → ``Jawa Timur``), a government of a province as the
    province's (``Pemerintah Jawa Barat`` → ``Pemerintah Provinsi Jawa Barat``)."""
    words: list[str] = []
    index = start
    while index < end:
        span = spans.owner[index]
        province = _province_at(tokens, index, end) if index > start else None
        if span is not None and span.label == COUNTRY:
            words.append(span.canonical or "")
            index = span.end
        elif province is not None:
            if words == [_GOVERNMENT]:
                words.append(_PROVINCE)
            words.extend(province[0].split())
            index = province[1]
        else:
            words.append(tokens[index].text)
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
        ministry = span.ministry
        if ministry is None or span.canonical != ministry.canonical:
            continue
        qualified = {other.canonical for other in ministries
                     if other.ministry == ministry and other.canonical != ministry.canonical}
        if len(qualified) == 1:
            span.canonical = qualified.pop()
        elif tokens[span.start].text == US_STYLE_WORD and any(
                other.label == COUNTRY and other.canonical == UNITED_STATES for other in spans.items):
            canonical = ministry_of(ministry, UNITED_STATES)
            span.canonical = gazetteer().organization(canonical) or canonical


def _extend_name(tokens: list[Token], spans: Spans, start: int, headline: bool, after_role: bool) -> int:
    """End of an organization name whose first word is at ``start``.

    Countries and places join the name (``Kementerian Luar Negeri Rusia``), so do the
    people a hospital or university is named after (``RSUD Dr. Soetomo``) unless a role
    announced a person next (``Ketua Umum Partai X Prabowo``); a known organization ends it.
    """
    after_role = after_role or tokens[start].text.lower() not in NAMED_AFTER_PEOPLE
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
            if (headline and is_common_word(token.text)) or _announces_person(tokens, spans, end):
                break
            end += 1
        elif (token.text in NAME_CONNECTORS and end + 1 < len(tokens) and tokens[end + 1].cap
              and not tokens[end + 1].sentence_start and not _opens_organization(tokens, end + 1)):
            end += 1
        elif token.text == "-" and token.glued and end + 1 < len(tokens) and tokens[end + 1].glued:
            end += 1
        elif (token.text == "." and token.glued and len(tokens[end - 1].text) <= MAX_ABBREVIATION
              and end + 1 < len(tokens) and tokens[end + 1].cap):
            end += 1
        else:
            break
    while end > start + 1 and tokens[end - 1].kind != WORD and spans.owner[end - 1] is None:
        end -= 1
    return end


def _announces_person(tokens: list[Token], spans: Spans, index: int) -> bool:
    """``Polda Sumatera Barat AKBP M Yasli``: a rank or role followed by an unknown name or an
    initial ends the organization (``Ikatan Dokter Indonesia`` goes on)."""
    if not is_role_word(tokens[index]) or index + 1 >= len(tokens) or spans.owner[index + 1] is not None:
        return False
    following = tokens[index + 1]
    return following.kind == WORD and following.cap and not following.upper and (
        len(following.text) == 1 or not is_common_word(following.text))


def _name_tail(tokens: list[Token], spans: Spans, start: int, end: int) -> int:
    """Where the announced person's name begins at the end of ``start:end`` (``end`` when none does).

    The name is the run of name words closing the span: from a given name if one opens it
    within the last four words (``Partai X Muhammad Rizal Fadli``), else its last two words
    (``PT Batamas Puri Permai Suban Hartono``); the organization keeps at least one word.
    """
    tail = end
    while tail - 1 > start + 1 and spans.owner[tail - 1] is None and _is_capitalised_word(tokens[tail - 1]) \
            and not is_common_word(tokens[tail - 1].text):
        tail -= 1
    if end - tail < 2:
        return end
    given = [position for position in range(max(tail, end - MAX_ANNOUNCED_NAME), end - 1)
             if tokens[position].text.lower() in given_names()]
    return given[0] if given else end - 2


def _opens_organization(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    word = token.text.lower()
    if token.kind != WORD or not token.cap or word not in ORG_PREFIXES:
        return False
    needed = _PREFIX_PARTNERS.get(word)
    return needed is None or (index + 1 < len(tokens) and tokens[index + 1].text.lower() == needed)


def _is_generic(tokens: list[Token], spans: Spans, start: int, end: int) -> bool:
    """``Dinas Kesehatan``, ``Badan Legislasi``: a kind of body, not one body."""
    return end - start <= MAX_GENERIC_WORDS and all(
        spans.owner[index] is None and tokens[index].kind == WORD and is_common_word(tokens[index].text)
        for index in range(start + 1, end))


def find_prefixed(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """``Partai X``, ``Universitas X``, ``PT X Tbk``: a word that opens an organization's name.

    A unit of a known organization (``Komisi III DPR``, ``Dewan Pembina Partai Demokrat``)
    is left to that organization: one facet value per body, not one per committee; a
    short name of everyday words (``Dinas Kesehatan``) names a kind of body and is left out.
    """
    index = 0
    while index < len(tokens):
        if spans.owner[index] is not None or not _opens_organization(tokens, index):
            index += 1
            continue
        after_role = announced_by_role(tokens, spans.owner, role_ends, index)
        end = _extend_name(tokens, spans, index, tokens[index].headline, after_role)
        if end == index + 1 or (end == index + 2 and spans.label_at(index + 1) == COUNTRY) \
                or spans.label_at(end) == ORG or _is_generic(tokens, spans, index, end):
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
        while start > 0 and index - start < MAX_NAME_TOKENS - 1 and not tokens[start].sentence_start:
            previous = spans.owner[start - 1]
            if previous is not None and previous.label == ORG:
                start = previous.start
            elif (previous is None and tokens[start - 1].kind == WORD and tokens[start - 1].cap
                  and not (tokens[start - 1].ambiguous_case and is_common_word(tokens[start - 1].text))):
                start -= 1
            else:
                break
        if not any(tokens[position].text.lower() not in ORG_SUFFIXES for position in range(start, index)):
            continue
        known = spans.owner[start]
        if known is not None and known.label == ORG and known.end == index and token.text.lower() in _COMPANY_FORMS:
            spans.put(Span(start, index + 1, ORG, known.canonical))
        else:
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
        if len(window) == len(words) and all(t.text.lower() == w for t, w in zip(window, words, strict=True)):
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
        if not _is_capitalised_word(tokens[start]) or tokens[start].sentence_start:
            continue
        end = _extend_name(tokens, spans, start, tokens[start].headline, after_role=True)
        if all(spans.label_at(position) in (None, PLACE, COUNTRY) for position in range(start, end)):
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
            and token.text.lower() not in common_acronyms() and token.text not in _NAME_NUMBERS
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


def _names_organization(tokens: list[Token], start: int, end: int) -> bool:
    """An expansion that opens or closes with an organization word (``Gerakan ...``, ``... Watch``)."""
    first, last = tokens[start].text.lower(), tokens[end - 1].text.lower()
    return (first in ORG_PREFIXES and first not in _PREFIX_PARTNERS) or last in _ORG_WORDS


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
            if not found or not _names_organization(tokens, *found):
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
    """Indonesian football clubs are named ``Pers...`` or ``PS...`` (``Persikabo``, ``PSIS Semarang``)."""
    for index, token in enumerate(tokens):
        if spans.owner[index] is None and _CLUB.fullmatch(token.text) and not is_common_word(token.text):
            end = index + 2 if index + 1 < len(tokens) and spans.label_at(index + 1) == PLACE else index + 1
            spans.put(Span(index, end, ORG, _canonical_org(_run_words(tokens, spans, index, end))))


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
