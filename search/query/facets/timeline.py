"""Linimasa: how many matching articles fall on each day, week, month or year.

Counted from the facet index's date column (``yyyymmdd`` per document) over the
search's mask: a few numpy passes over the matching dates, no per-hit work. The unit
follows the span of the matching dates so a chart has a readable number of bars.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from search.index.schema import UNDATED

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"

# Longest span, in days, drawn with each unit: at most about 60 bars for days, 105 for
# weeks and 120 for months, which still leaves a bar a few pixels wide in a 360 px
# column. Longer spans (an archive reaching back decades) are drawn per year.
_MOST_DAYS = {DAY: 62, WEEK: 2 * 366, MONTH: 10 * 366}

# Periods whose first and last days are remembered (per process: the calendar is the same for
# every index): a timeline of ``bench/search_latency``'s mix at 22k has 22 bars on average, each
# two dates worked out (0.175 -> 0.148 ms a timeline).
_REMEMBERED_PERIODS = 4096

_EPOCH = dt.date(1970, 1, 1)
# 1970-01-01 was a Thursday; weeks start on Monday, as Indonesian calendars print them.
_FIRST_MONDAY = 4


@dataclass(frozen=True, slots=True)
class TimelineBin:
    """One bar: the articles dated ``first`` to ``last`` (both included)."""

    first: dt.date
    last: dt.date
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """Bars from the first matching date to the last, empty periods included, so the
    chart's axis is even; ``undated`` matching articles cannot be placed on it."""

    unit: str
    bins: tuple[TimelineBin, ...]
    undated: int


def count_timeline(dates: np.ndarray, mask: np.ndarray, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> Timeline:
    """The timeline of the documents in ``mask``; a bin's ends are clipped to the range
    asked for, so a link to a bin never widens the search."""
    chosen = np.asarray(dates)[mask]
    dated = chosen[chosen != UNDATED].astype(np.int64)
    undated = len(chosen) - len(dated)
    if not len(dated):
        return Timeline(DAY, (), undated)
    days = _day_numbers(dated)
    first, last = int(days.min()), int(days.max())
    unit = next((unit for unit, most in _MOST_DAYS.items() if last - first < most), YEAR)
    keys = _period_keys(days, dated, unit)
    first_key = int(keys.min())
    counts = np.bincount(keys - first_key)
    low, high = date_from or dt.date.min, date_to or dt.date.max
    bins = []
    for key, count in enumerate(counts.tolist(), start=first_key):
        start, end = _period(key, unit)
        bins.append(TimelineBin(max(start, low), min(end, high), count))
    return Timeline(unit, tuple(bins), undated)


def _day_numbers(dated: np.ndarray) -> np.ndarray:
    """``yyyymmdd`` to days since 1970-01-01, vectorised through numpy's calendar."""
    months = (dated // 10000 - 1970) * 12 + dated // 100 % 100 - 1
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + dated % 100 - 1


def _period_keys(days: np.ndarray, dated: np.ndarray, unit: str) -> np.ndarray:
    """Per document, its period as a number that counts up one per period of ``unit``."""
    if unit == DAY:
        return days
    if unit == WEEK:
        return (days - _FIRST_MONDAY) // 7
    if unit == MONTH:
        return (dated // 10000) * 12 + dated // 100 % 100 - 1
    return dated // 10000


@lru_cache(maxsize=_REMEMBERED_PERIODS)
def _period(key: int, unit: str) -> tuple[dt.date, dt.date]:
    """The first and last day of period number ``key`` of ``unit``."""
    start = _key_start(key, unit)
    return start, _period_end(start, unit)


def _key_start(key: int, unit: str) -> dt.date:
    """The first day of period number ``key`` of ``unit`` (see :func:`_period_keys`)."""
    if unit == DAY:
        return _date(key)
    if unit == WEEK:
        return _date(key * 7 + _FIRST_MONDAY)
    if unit == MONTH:
        return dt.date(key // 12, key % 12 + 1, 1)
    return dt.date(key, 1, 1)


def _period_end(start: dt.date, unit: str) -> dt.date:
    if unit == DAY:
        return start
    if unit == WEEK:
        return start + dt.timedelta(days=6)
    if unit == MONTH:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(start.year, 12, 31)


def _date(day_number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=day_number)
