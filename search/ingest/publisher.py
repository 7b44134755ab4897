"""Who published a scraped article and where it was filed, as the text itself says.

Scraped pages rarely carry metadata, but Indonesian news opens a story with a
dateline naming the place and often the outlet (``REPUBLIKA.CO.ID, MOSKOW -- ...``,
``JAKARTA, KOMPAS.com - ...``, ``tirto.id - ...``), and some pages end with a copyright
line (``Hak cipta milik Rossiyskaya Gazeta.``). A dateline is not part of the story:
it is taken off the lead whole and kept as the article's place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A web address as outlets write their name: ``tirto.id``, ``KOMPAS.com``, ``REPUBLIKA.CO.ID``.
DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_DASH = r"(?:--|[-–—])"
# The outlet's dateline: ``[PLACE, ]domain[, Place] -``.
_PUBLISHER_DATELINE = re.compile(
    rf"^(?:(?P<before>[A-Z][A-Z .'/]{{1,40}}),\s*)?(?P<domain>{DOMAIN})\s*"
    rf"(?:,\s*(?P<after>[^\W\d_][^,.–—-]{{0,40}}?))?\s*{_DASH}\s*"
)
# ``KUALA LUMPUR / MOSKOW – ``: a place in capitals, then a dash and the story.
_PLACE_DATELINE = re.compile(rf"^(?P<place>[A-Z][A-Z'.]+(?:[ /,]+[A-Z][A-Z'.]+)*)\s*{_DASH}(?:\s+|$)")
# A dateline opens the lead; a page may put its headline and a photo caption before it (seed
# 003: third paragraph). On CLICK-ID all 383 datelines found open the first paragraph.
DATELINE_PARAGRAPHS = 3
# ``Hak cipta`` alone opens ordinary sentences too, so it must say whose (``milik``/``oleh``) or when.
_COPYRIGHT = re.compile(
    r"^(?:hak\s+cipta\s+(?:milik\b|oleh\b|©|\(c\)|(?=(?:19|20)\d{2}\b))|copyright\b|\(c\)|©)"
    r"(?P<holder>.*)$",
    re.IGNORECASE,
)
_COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d{2}\b(?:\s*-\s*(?:19|20)\d{2}\b)?"
    r"|\ball rights reserved\b|\bhak cipta\b|\bdilindungi undang-undang\b",
    re.IGNORECASE,
)
_MAX_COPYRIGHT_LINE = 120
_MAX_HOLDER_WORDS = 8


@dataclass(frozen=True)
class Dateline:
    """Where a story was filed (``Moskow``; None when the dateline names only the outlet),
    and the outlet's domain when the dateline names it, lowercased."""

    place: str | None
    publisher: str | None


def read_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline a paragraph opens with (None without one), and the paragraph without it."""
    outlet = _PUBLISHER_DATELINE.match(paragraph)
    rest = paragraph[outlet.end():] if outlet else paragraph
    place = _PLACE_DATELINE.match(rest)
    if place:
        rest = rest[place.end():]
    if place:
        written = place["place"]
    elif outlet:
        written = outlet["before"] or outlet["after"]
    else:
        return None, paragraph
    return Dateline(_place_name(written), outlet["domain"].lower() if outlet else None), rest


def take_dateline(paragraphs: Sequence[str]) -> tuple[Dateline | None, list[str]]:
    """The dateline of the first leading paragraph that opens with one, and the paragraphs
    with it taken off (a paragraph that was nothing but the dateline goes)."""
    kept = list(paragraphs)
    for index, paragraph in enumerate(kept[:DATELINE_PARAGRAPHS]):
        dateline, rest = read_dateline(paragraph)
        if dateline is not None:
            kept[index:index + 1] = [rest] if rest.strip() else []
            return dateline, kept
    return None, kept


def _place_name(written: str | None) -> str | None:
    """``KUALA LUMPUR / MOSKOW`` → ``Kuala Lumpur / Moskow``; a place in running case stays."""
    if not written:
        return None
    place = " ".join(written.replace("/", " / ").split()).strip(" ,/")
    return place.title() if place.isupper() else place


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a leading outlet or place dateline."""
    return read_dateline(paragraph)[1]


def dateline_publisher(paragraph: str) -> str | None:
    """The outlet domain a paragraph opens with, lowercased, e.g. ``republika.co.id``."""
    dateline, _ = read_dateline(paragraph)
    return dateline.publisher if dateline else None


def copyright_holder(line: str) -> str | None:
    """The holder a short copyright line names (``© 2019 X``, ``Hak cipta milik X.``)."""
    if len(line) > _MAX_COPYRIGHT_LINE:
        return None
    match = _COPYRIGHT.match(line.strip())
    if not match:
        return None
    holder = _COPYRIGHT_NOISE.sub("", match["holder"]).strip(" .,:;-–—")
    if not holder or len(holder.split()) > _MAX_HOLDER_WORDS:
        return None
    return holder


def find_publisher(paragraphs: Iterable[str]) -> str | None:
    """The outlet a dateline names, else the holder of a copyright line, else None."""
    holder = None
    for paragraph in paragraphs:
        domain = dateline_publisher(paragraph)
        if domain:
            return domain
        holder = holder or copyright_holder(paragraph)
    return holder
