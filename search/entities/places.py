"""Names of places built on a place word (``Jalan Gatot Subroto``, ``Bandara Soekarno-Hatta``).

They yield no facet value; claiming them keeps the people a street, airport or hospital
is named after out of the people facet.
"""

from __future__ import annotations

from search.entities.cues import DATE_WORDS, PLACE_PREFIXES, RANK_WORDS
from search.entities.gazetteer import COUNTRY, ORG, PLACE
from search.entities.regions import name_at, place_region
from search.entities.spans import Span, Spans
from search.entities.tokens import NUMBER, WORD, Token

# Place words that open a name in lower case too (``di jalan Sudirman``).
_LOWERCASE_PREFIXES = frozenset({"jalan", "jl", "jln", "bandara", "stadion", "gedung", "hotel", "masjid", "tol"})
# Kind words that open a name in lower case only before a region's name (``kota Batu``), not
# before a country (``ibu kota Spanyol``, ``di kota Rusia Moskow``).
_LOWERCASE_KIND_WORDS = frozenset({"kota", "kabupaten", "provinsi"})
MAX_PLACE_TOKENS = 8


def _opens_place(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    word = token.text.lower()
    if token.kind != WORD or word not in PLACE_PREFIXES:
        return False
    if token.cap or word in _LOWERCASE_PREFIXES:
        return True
    return word in _LOWERCASE_KIND_WORDS and name_at(tokens, index + 1, len(tokens)) is not None


def _place_end(tokens: list[Token], spans: Spans, start: int) -> int:
    """End of the place name opened at ``start``; a known place right after the place word
    is the whole name (``Kota Bogor``, not ``Kota Bogor Hendrawan Saputro``), a rank or a date
    ends it (``Tanjung Sari AKP …``, ``Desa X Selasa``)."""
    end = start + 1
    known = spans.owner[end] if end < len(tokens) else None
    if known is not None and known.label in (PLACE, COUNTRY):
        return known.end
    while end < len(tokens) and end - start < MAX_PLACE_TOKENS:
        span = spans.owner[end]
        token = tokens[end]
        if span is not None:
            if span.label == ORG:
                break
            end = span.end
        elif (token.kind == WORD and token.cap and not token.sentence_start and token.text.lower() not in RANK_WORDS
              and token.text.lower() not in DATE_WORDS) \
                or token.kind == NUMBER or (token.text in "-." and token.glued):
            end += 1
        else:
            break
    while end > start + 1 and tokens[end - 1].kind not in (WORD, NUMBER) and spans.owner[end - 1] is None:
        end -= 1
    return end


def find_places(tokens: list[Token], spans: Spans) -> None:
    """Claim every place-word name, with the province it is in (``Kota Bogor``: Jawa Barat);
    an organization inside it (``gedung KPK``) stays an organization."""
    index = 0
    while index < len(tokens):
        if spans.owner[index] is not None or tokens[index].text.lower() not in PLACE_PREFIXES \
                or not _opens_place(tokens, index):
            index += 1
            continue
        end = _place_end(tokens, spans, index)
        if any(tokens[position].kind == WORD or spans.owner[position] for position in range(index + 1, end)):
            spans.put(Span(index, end, PLACE, place_region(tokens, spans, index, end)))
        index = max(end, index + 1)
