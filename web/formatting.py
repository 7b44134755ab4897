"""How values read in Bahasa Indonesia on the page."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
          "Agustus", "September", "Oktober", "November", "Desember")

# Links to an article's original page are only followed for these schemes: an
# ingested ``javascript:`` URL must never become a clickable link.
_LINKABLE_SCHEMES = ("http", "https")


# First strong isolate ... pop directional isolate: text between them cannot reorder what
# surrounds it, whatever bidi controls it holds (a title with U+202E would otherwise
# reverse the rest of the line it is on).
_ISOLATE_START, _ISOLATE_END = "\u2068", "\u2069"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def isolated(text: str) -> str:
    """``text`` as an isolated run when it holds bidi controls, for places with no markup
    (``<title>``; pages use ``<bdi>``); other text is left as it is."""
    return f"{_ISOLATE_START}{text}{_ISOLATE_END}" if _BIDI_CONTROLS.intersection(text) else text


def indonesian_date(day: dt.date | str | None) -> str:
    """``2015-10-25`` (or the date itself) → ``25 Oktober 2015``; anything unparsable → empty."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_name(first: dt.date, last: dt.date, unit: str) -> str:
    """A timeline bar's period: ``5 Oktober 2019`` (a day), ``7 Oktober 2019 – 13 Oktober 2019``
    (a week, or a period cut short by the range), ``Oktober 2019`` (a month), ``2019`` (a year)."""
    if first == last:
        return indonesian_date(first)
    if unit == "month" and first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        return f"{MONTHS[first.month - 1]} {first.year}"
    if unit == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    return f"{indonesian_date(first)} – {indonesian_date(last)}"


def thousands(number: int) -> str:
    """Indonesian digit grouping: ``22136`` → ``22.136``."""
    return f"{number:,}".replace(",", ".")


def articles_count(total: int, stories: int | None = None) -> str:
    """``4 artikel``, and when copies of one story are among them the stories they tell:
    ``5 artikel · 4 berita`` (as many stories as articles goes without saying); Indonesian
    nouns do not change in the plural."""
    counted = f"{thousands(total)} artikel"
    return f"{counted} · {thousands(stories)} berita" if stories is not None and stories != total else counted


def external_url(url: str | None) -> str | None:
    """``url`` when it is a web address a reader may safely follow, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in _LINKABLE_SCHEMES and parts.netloc else None


def host_name(url: str | None) -> str:
    """``https://www.tirto.id/x`` → ``tirto.id``: a link's destination in a few letters."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
