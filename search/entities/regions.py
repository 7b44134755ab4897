"""Where in Indonesia an article is: provinces, with their cities, regencies and places folded in.

The region facet's values are the 38 provinces (``provinces.tsv``); a city, regency or
place (``regions.tsv``) counts as its province (``Surabaya`` → ``Jawa Timur``). The
precision rules are the other facets': a place inside an organization's name is no
mention (``Persebaya Surabaya``, ``Universitas Negeri Jakarta``, ``Jakarta Post``)
except in a body whose jurisdiction it names (``Polda Jatim``, ``Pemkot Surabaya``,
``DPRD Kabupaten Bogor``), a city that is part of a person's name is none (``Han Solo``),
a street or building named after a place is none (``Jalan Surabaya`` in Jakarta), and a
name two provinces share counts only with its kind word (``Kota Banjar`` is in Jawa Barat,
``Kabupaten Banjar`` in Kalimantan Selatan, ``Banjar`` alone nowhere).
"""

from __future__ import annotations

from search.entities.countries import is_sentence_word
from search.entities.cues import PLACE_BEFORE
from search.entities.gazetteer import ORG, PLACE
from search.entities.people import is_name_word
from search.entities.region_names import (
    JURISDICTIONS,
    KABUPATEN,
    KOTA,
    PROVINSI,
    RegionName,
    province_of,
    provinces,
    region_names,
)
from search.entities.spans import Span, Spans
from search.entities.tokens import WORD, Token, tokenize
from search.entities.wordlists import english_words, given_names

# Words written before a name that say which kind of place it is (``Kab. Banjar``).
KIND_WORDS = {"provinsi": PROVINSI, "prov": PROVINSI, "kota": KOTA, "kotamadya": KOTA,
              "kabupaten": KABUPATEN, "kab": KABUPATEN}
# Streets, roads, buildings and neighbourhoods are named after places elsewhere (``Jalan
# Surabaya`` and ``Kampung Bali`` are in Jakarta, ``Tol Jakarta-Cikampek`` runs through two
# provinces): a place right after the word is no mention; one after the building's own name
# locates it (``Apartemen Sun City Surabaya``).
ADDRESS_WORDS = frozenset("jalan jl jln gang gg gedung gd hotel wisma menara apartemen mal mall plaza graha "
                          "komplek kompleks perumahan ruko tol kampung".split())
# Words of a road's name before the place it leads to (``Jalan Raya Bogor``, ``Jalan Lintas Sumatera``).
_ROAD_WORDS = frozenset({"raya", "lintas", "tol", "jalan", "jl", "jln", "."})
MAX_NAME_WORDS = 6
# ``Wakapolres``, ``Mapolda``: the deputy of an official, the headquarters of a body.
_DEPUTY_AND_SEAT = frozenset({"wa", "ma"})
# Officials named by the place they head, whose name follows it (``Bupati Garut Rudy Gunawan``).
REGIONAL_ROLES = frozenset("gubernur wagub bupati wabup walkot wali walikota wawali kapolda kapolres kapolresta "
                           "kapolrestabes kapolsek kajati kajari dandim danrem pangdam sekda camat lurah".split())


def _key(token: Token) -> str:
    return token.text.lower()


def name_at(tokens: list[Token], start: int, end: int) -> tuple[tuple[RegionName, ...], int] | None:
    """The longest known name written capitalised at ``tokens[start:end]``, and where it ends."""
    if start >= end or not (tokens[start].cap or tokens[start].upper):
        return None
    for length in range(min(MAX_NAME_WORDS, end - start), 0, -1):
        regions = region_names().get(tuple(_key(token) for token in tokens[start:start + length]))
        if regions is not None:
            return regions, start + length
    return None


def _after_kind_word(tokens: list[Token], index: int, end: int) -> tuple[str, int] | None:
    """(kind, where the name starts) when ``tokens[index]`` is a kind word (``Kab.`` with its stop)."""
    kind = KIND_WORDS.get(_key(tokens[index])) if tokens[index].kind == WORD else None
    if kind is None:
        return None
    start = index + 1
    if start < end and tokens[start].text == ".":
        start += 1
    return kind, start


def region_in(tokens: list[Token], start: int, end: int, kind: str | None = None) -> str | None:
    """The first province named in ``tokens[start:end]``; a kind word met on the way (``DPRD
    Kota Batu``) says how to read the name after it, ``kind`` how to read the first name."""
    index = start
    while index < end:
        qualifier = _after_kind_word(tokens, index, end)
        if qualifier is not None:
            kind, index = qualifier
            continue
        found = name_at(tokens, index, end)
        if found is not None:
            regions, stop = found
            province = province_of(regions, kind)
            if province is not None:
                return province
            index = stop
        else:
            index += 1
        kind = None
    return None


def place_region(tokens: list[Token], spans: Spans, start: int, end: int) -> str | None:
    """The province of a place-word name ``tokens[start:end]`` (``Kota Bogor``, ``Pulau Lombok``,
    ``Stasiun Gambir``); a street or building named after a place elsewhere gives none."""
    word = _key(tokens[start])
    if word in KIND_WORDS:
        return region_in(tokens, start, end)
    first = start + 1
    if word in ADDRESS_WORDS:
        # ``Jalan Surabaya``, ``Jalan Raya Bogor``: a street named after a place; ``Apartemen
        # Sun City Surabaya``: a place written after the building's own name locates it.
        while first < end and _key(tokens[first]) in _ROAD_WORDS:
            first += 1
        first += 1
    inner = (spans.owner[index] for index in range(first, end))
    return next((span.canonical for span in inner if span is not None and span.label == PLACE and span.canonical
                 and span.canonical in provinces()), None)


def _province_word(span: Span, tokens: list[Token]) -> bool:
    """A province's name or short form (``Jatim``), never part of a person's name."""
    found = name_at(tokens, span.start, span.end)
    return found is not None and any(region.kind == PROVINSI for region in found[0])


def _jurisdiction(tokens: list[Token], span: Span) -> tuple[bool, str | None]:
    """Whether an organization governs, polices or judges the place its name holds, and the
    kind of place that is (``Polda`` a province, ``Pemkot`` a city)."""
    word = _key(tokens[span.start])
    return word in JURISDICTIONS, JURISDICTIONS.get(word)


def _glued_to_org(tokens: list[Token], spans: Spans, span: Span) -> Span | None:
    """The organization written right before a place with nothing between (``PSM Makassar``)."""
    before = spans.owner[span.start - 1] if span.start > 0 else None
    return before if before is not None and before.label == ORG else None


def _is_region_mention(tokens: list[Token], spans: Spans, span: Span) -> bool:
    """A place span naming a province counts unless it is part of a longer name: an
    organization's (``Persija Jakarta``, except a jurisdiction: ``Polres Bogor``), an English
    one (``Jakarta Post``, ``Bali United``), or an everyday word capitalised only because it
    opens a sentence or a headline (``Serang``, ``Palu``)."""
    after = tokens[span.end] if span.end < len(tokens) else None
    if after is not None and after.kind == WORD and after.cap and after.text.lower() in english_words() \
            and spans.owner[span.end] is None:
        return False
    organization = _glued_to_org(tokens, spans, span)
    if organization is not None and not _jurisdiction(tokens, organization)[0]:
        return False
    written = " ".join(token.text for token in tokens[span.start:span.end])
    return not (is_sentence_word(written) and tokens[span.start].ambiguous_case)


def _names_the_place(word: str) -> bool:
    """An official or office named by the place that follows (``Bupati``, ``Wakapolres``,
    ``Mapolres``: its deputy, its headquarters)."""
    heads = REGIONAL_ROLES | JURISDICTIONS.keys()
    return word in heads or (word[:2] in _DEPUTY_AND_SEAT and word[2:] in heads)


def release_place_names(tokens: list[Token], spans: Spans) -> None:
    """``Han Solo``, ``Bima Sakti``: a one-word city or place after a given name, or itself a
    given name before a name word, is part of a person's name; the span is dropped so the
    people rules see the whole name. Provinces and their short forms are never names, and a
    role, an office or a place word before (``Wakapolres Karawang Kompol …``, ``warga Garut
    Asep``) keeps the place. Only given names say so: most capitalised words before a city
    are the names of what is there (``Unesa Surabaya``, ``Mapolres Karawang``)."""
    for span in [span for span in spans.items if span.label == PLACE and span.canonical in provinces()]:
        if span.end - span.start != 1 or _province_word(span, tokens):
            continue
        before = tokens[span.start - 1] if span.start > 0 else None
        after = tokens[span.end] if span.end < len(tokens) else None
        if before is not None and (_names_the_place(before.text.lower()) or before.text.lower() in PLACE_BEFORE):
            continue
        given_before = before is not None and spans.owner[span.start - 1] is None and is_name_word(before) \
            and before.text.lower() in given_names()
        given_place = tokens[span.start].text.lower() in given_names() and after is not None \
            and spans.owner[span.end] is None and is_name_word(after)
        if given_before or given_place:
            spans.remove(span)


def find_regions(tokens: list[Token], spans: Spans) -> list[str]:
    """The provinces an article mentions, in order of first mention, each once."""
    found: list[str | None] = []
    for span in spans.ordered():
        if span.label == PLACE and span.canonical in provinces() and _is_region_mention(tokens, spans, span):
            found.append(span.canonical)
        elif span.label == ORG:
            governs, kind = _jurisdiction(tokens, span)
            if governs:
                found.append(region_in(tokens, span.start + 1, span.end, kind))
    return list(dict.fromkeys(value for value in found if value))


def dateline_region(place: str | None) -> str | None:
    """The province of the place a dateline says the story was filed from (``SURABAYA``)."""
    if not place:
        return None
    tokens = tokenize(place)
    return region_in(tokens, 0, len(tokens))
