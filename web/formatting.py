"""How values read in Bahasa Indonesia on the page."""

from __future__ import annotations

import datetime as dt

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
          "Agustus", "September", "Oktober", "November", "Desember")


def indonesian_date(iso: str | None) -> str:
    """``2015-10-25`` → ``25 Oktober 2015``; anything unparsable → empty."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def thousands(number: int) -> str:
    """Indonesian digit grouping: ``22136`` → ``22.136``."""
    return f"{number:,}".replace(",", ".")
