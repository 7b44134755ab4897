"""The linimasa against brute force: counts per period recomputed with Python's calendar
from the stored dates, over random date sets and over searches of a real index."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index.documents import date_number
from search.index.schema import UNDATED
from search.query import LiveIndex, SearchRequest, search
from search.query.facets.timeline import Timeline, count_timeline

UNITS = ("day", "week", "month", "year")


def period_start(day: dt.date, unit: str) -> dt.date:
    """The reference calendar: weeks from Monday, months and years from their first day."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def check_against_brute_force(timeline: Timeline, days: list[dt.date | None],
                              date_from: dt.date | None = None, date_to: dt.date | None = None) -> None:
    dated = [day for day in days if day is not None]
    assert timeline.undated == len(days) - len(dated)
    if not dated:
        assert timeline.bins == ()
        return
    span = (max(dated) - min(dated)).days
    expected_unit = "day" if span < 62 else "week" if span < 732 else "month" if span < 3660 else "year"
    assert timeline.unit == expected_unit
    expected = Counter(period_start(day, timeline.unit) for day in dated)
    starts = [period_start(period.first, timeline.unit) for period in timeline.bins]
    assert {start: period.count for start, period in zip(starts, timeline.bins, strict=True) if period.count} == expected
    assert starts[0] == min(expected) and starts[-1] == max(expected)
    for before, after in zip(timeline.bins, timeline.bins[1:], strict=False):
        assert after.first == before.last + dt.timedelta(days=1), "periods follow each other without gaps"
    for period in timeline.bins:
        assert period_start(period.last, timeline.unit) == period_start(period.first, timeline.unit)
        assert (date_from is None or period.first >= date_from) and (date_to is None or period.last <= date_to)
        assert sum(period.first <= day <= period.last for day in dated) == period.count


days_strategy = st.lists(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2027, 12, 31))), max_size=60)


@settings(max_examples=200, deadline=None)
@given(days=days_strategy, width=st.sampled_from([10, 100, 700, 3000, 50000]), seed=st.integers(0, 2**16))
def test_random_dates_are_counted_per_period_like_the_calendar(days, width, seed):
    rng = np.random.default_rng(seed)
    anchor = dt.date(2019, 10, 7)
    near = [anchor + dt.timedelta(days=int(offset)) for offset in rng.integers(-width // 2, width // 2, 20)]
    near = [day for day in near if dt.date(1900, 1, 1) <= day <= dt.date(2027, 12, 31)]
    every = days + near
    mask = rng.random(len(every)) < 0.7
    dates = np.asarray([date_number(day) or UNDATED for day in every], dtype=np.uint32)
    chosen = [day for day, kept in zip(every, mask, strict=True) if kept]
    check_against_brute_force(count_timeline(dates, mask), chosen)


def test_a_range_clips_the_first_and_last_period():
    dates = np.asarray([20191003, 20191020, 20191228], dtype=np.uint32)
    first, last = dt.date(2019, 10, 2), dt.date(2019, 12, 29)
    timeline = count_timeline(dates, np.ones(3, dtype=bool), first, last)
    assert timeline.unit == "week"
    assert timeline.bins[0].first == first and timeline.bins[-1].last == last
    check_against_brute_force(timeline, [dt.date(2019, 10, 3), dt.date(2019, 10, 20), dt.date(2019, 12, 28)],
                              first, last)


def test_search_timelines_follow_the_query_and_every_filter(demo_index):
    """Every hit of a search (all on one page) read back from the stored fields: its date lands
    in the bar that counts it, whatever the query, facet filters or date range."""
    view = LiveIndex(demo_index).view()
    asked = [
        SearchRequest(per_page=100),
        SearchRequest(query="banjir", per_page=100),
        SearchRequest(query="jakarta", filters={"source": ("Kompas.com",)}, per_page=100),
        SearchRequest(filters={"people": ("Joko Widodo",), "year": ("2019", "2018")}, per_page=100),
        SearchRequest(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31), per_page=100),
        SearchRequest(query="tidakadakatasepertiini", per_page=100),
    ]
    seen_units = set()
    for request in asked:
        result = search(view, request)
        assert len(result.hits) == result.total
        check_against_brute_force(result.timeline, [hit.date for hit in result.hits], request.date_from,
                                  request.date_to)
        seen_units.add(result.timeline.unit)
    assert len(seen_units) >= 2, "the demo searches span short and long periods"
