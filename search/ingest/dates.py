"""Publication dates as Indonesian news sites write them.

The sources disagree on format (ISO timestamps, day/month/year, ``29 Agustus 2019``,
``Oct 2, 2019``, ``10-Sep-19``, ``Ahad 25 Oct 2015 07:45 WIB``), so one tolerant
parser serves them all. A date without a year is refused: guessing the year would
put old news on the wrong page of a date facet.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}

_DAY_NAMES = (
    r"senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)

_LEADING_DAY_NAME = re.compile(rf"^(?:{_DAY_NAMES})\b\.?[\s,]*", re.IGNORECASE)
_TRAILING_TIME = re.compile(
    r"[\s,T]+(?:pukul\s+|jam\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:wib|wita|wit|utc|gmt))?$"
    r"|\s+(?:wib|wita|wit)$",
    re.IGNORECASE,
)
_NUMERIC_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_NUMERIC_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}|\d{2})")
_DAY_MONTH_NAME = re.compile(
    r"(?P<day>\d{1,2})(?:\s+|\s*-\s*)(?P<month>[a-z]+)\.?(?:\s+|\s*-\s*|,\s*)(?P<year>\d{4}|\d{2})"
)
_MONTH_NAME_DAY = re.compile(r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:,\s*|\s+)(?P<year>\d{4}|\d{2})")
_DATE_SHAPES = (_NUMERIC_ISO, _NUMERIC_DAY_FIRST, _DAY_MONTH_NAME, _MONTH_NAME_DAY)

# ``Selasa (10/9/2019)``: the way Indonesian reports date the event they report.
_DATELINE = re.compile(
    rf"\b(?:{_DAY_NAMES})\b,?\s*\(\s*(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}\s+[A-Za-z]+\s+\d{{4}})\s*\)",
    re.IGNORECASE,
)


EARLIEST_YEAR = 1900


def _to_date(year: str, month: str, day: str) -> dt.date | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month)
    if month_number is None:
        return None
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return dt.date(full_year, month_number, int(day))
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """The date ``value`` names, or None when it names none (or one without a year)."""
    text = _LEADING_DAY_NAME.sub("", value.strip().lower())
    text = _TRAILING_TIME.sub("", text).strip(" ,()")
    for shape in _DATE_SHAPES:
        match = shape.fullmatch(text)
        if match:
            return _to_date(match["year"], match["month"], match["day"])
    return None


def plausible_date(day: dt.date | None, stated: str) -> tuple[dt.date | None, tuple[str, ...]]:
    """``day`` when news can bear it, else None with a note for the operator: a date
    before 1900 or after next year is a placeholder (``0001-01-01``) or a typo, and as a
    facet value it would be a year nobody can select."""
    if day is None or EARLIEST_YEAR <= day.year <= dt.date.today().year + 1:
        return day, ()
    return None, (f"date {stated!r} is implausible (before {EARLIEST_YEAR} or after next year); stored as undated",)


def find_dateline_date(text: str) -> tuple[dt.date | None, str]:
    """The first ``Selasa (10/9/2019)``-style date in running text that has a year, and how it was written."""
    for match in _DATELINE.finditer(text):
        found = parse_date(match["date"])
        if found is not None:
            return found, match["date"]
    return None, ""
