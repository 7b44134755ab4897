"""The linimasa as bars to draw: each bar's place in the chart, its label and its link.

The chart is SVG drawn on the server (``templates/_timeline.html``), so it needs no
script; its ``viewBox`` is in these units and stretches to the column's width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from search.query import SearchRequest, Timeline
from web.formatting import articles_count, period_name
from web.links import SearchLinks

WIDTH = 1000
HEIGHT = 120
# Space left between bars, as a share of a bar's slot.
_GAP = 0.2
# The shortest bar a non-zero count gets, so one article among thousands still shows.
_MIN_HEIGHT = 3
# The widest a bar is drawn, centred in its slot: a single day or a few periods would
# otherwise fill the chart with one slab that reads as a box rather than a bar (a tenth
# of the chart is about the width of the bars of a week drawn per day).
MAX_BAR_WIDTH = WIDTH / 10

UNIT_NAMES = {"day": "hari", "week": "pekan", "month": "bulan", "year": "tahun"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str
    url: str


@dataclass(frozen=True)
class TimelineChart:
    bars: list[Bar]
    unit_name: str
    first: str
    last: str
    undated: int
    width: int = WIDTH
    height: int = HEIGHT


def timeline_chart(timeline: Timeline, search: SearchRequest, links: SearchLinks) -> TimelineChart | None:
    """Bars for the periods with articles, scaled to the busiest; None when nothing is dated."""
    if not timeline.bins:
        return None
    slot = WIDTH / len(timeline.bins)
    most = max(period.count for period in timeline.bins)
    width = min(slot * (1 - _GAP), MAX_BAR_WIDTH)
    bars = []
    for place, period in enumerate(timeline.bins):
        if not period.count:
            continue
        height = max(_MIN_HEIGHT, HEIGHT * period.count / most)
        bars.append(Bar(
            x=round(place * slot + (slot - width) / 2, 2), y=round(HEIGHT - height, 2),
            width=round(width, 2), height=round(height, 2), count=period.count,
            label=f"{articles_count(period.count)}, {period_name(period.first, period.last, timeline.unit)}",
            url=links.url(replace(search, date_from=period.first, date_to=period.last, page=1)),
        ))
    first, last = timeline.bins[0], timeline.bins[-1]
    return TimelineChart(bars, UNIT_NAMES[timeline.unit], period_name(first.first, first.last, timeline.unit),
                         period_name(last.first, last.last, timeline.unit), timeline.undated)
