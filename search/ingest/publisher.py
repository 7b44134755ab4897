"""Who published a scraped article, as the text itself says.

Scraped pages rarely carry metadata, but Indonesian news opens a story with a
dateline naming the outlet (``REPUBLIKA.CO.ID, MOSKOW -- ...``, ``tirto.id - ...``)
and some pages end with a copyright line (``Hak cipta milik Rossiyskaya Gazeta.``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DOMAIN = r"(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
_DASH = r"(?:--|[-–—])"
# The outlet's dateline: ``[PLACE, ]domain[, PLACE] -``.
_PUBLISHER_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z .'/]{{1,40}},\s*)?{_DOMAIN}\s*(?:,\s*[^\W\d_][^,.–—-]{{0,40}}?)?\s*{_DASH}\s*"
)
# ``KUALA LUMPUR / MOSKOW – ``: a place in capitals, then a dash.
_PLACE_DATELINE = re.compile(rf"^[A-Z][A-Z'.]+(?:[ /,]+[A-Z][A-Z'.]+)*\s*{_DASH}\s+")
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


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a leading outlet or place dateline."""
    without_outlet = _PUBLISHER_DATELINE.sub("", paragraph, count=1)
    return _PLACE_DATELINE.sub("", without_outlet, count=1)


def dateline_publisher(paragraph: str) -> str | None:
    """The outlet domain a paragraph opens with, lowercased, e.g. ``republika.co.id``."""
    match = _PUBLISHER_DATELINE.match(paragraph)
    return match["domain"].lower() if match else None


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
