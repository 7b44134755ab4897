"""Story groups and the folding of a search's matches, against brute force.

Signatures are drawn with planted copies (a row with some slots changed), so pairs fall
on both sides of the threshold and across the banding; the reference compares every pair
slot by slot and joins groups with sets, and folds by sorting each group's matches.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.fingerprint import SLOTS
from search.index.schema import UNDATED
from search.index.stories import SAME_STORY_DAYS, SAME_STORY_SLOTS, day_numbers, story_groups
from search.query.facets.stories import StoryGroups


@st.composite
def index_states(draw):
    """Signature rows (some copies of others with a few slots changed, some empty), days, live documents."""
    count = draw(st.integers(1, 40))
    rows = np.zeros((count, SLOTS), dtype=np.uint32)
    for docnum in range(count):
        kind = draw(st.sampled_from(["new", "copy", "copy", "none"]))
        if kind == "copy" and docnum:
            rows[docnum] = rows[draw(st.integers(0, docnum - 1))]
            changed = draw(st.lists(st.integers(0, SLOTS - 1), max_size=SLOTS - SAME_STORY_SLOTS + 6))
            rows[docnum, changed] = draw(st.integers(1, 2**32 - 1))
        elif kind != "none":
            rows[docnum] = np.asarray(draw(st.lists(st.integers(1, 2**32 - 1), min_size=SLOTS, max_size=SLOTS)),
                                      dtype=np.uint32)
    days = np.asarray(draw(st.lists(st.sampled_from([-1, 100, 100, 101, 102, 110]), min_size=count,
                                    max_size=count)), dtype=np.int64)
    live = np.asarray(draw(st.lists(st.booleans(), min_size=count, max_size=count)), dtype=bool)
    return rows, days, live


def brute_force_groups(rows: np.ndarray, days: np.ndarray, live: np.ndarray) -> dict[int, int]:
    groups = {docnum: {docnum} for docnum in range(len(rows))}
    for first in range(len(rows)):
        for second in range(first + 1, len(rows)):
            if not (live[first] and live[second] and rows[first].any() and rows[second].any()):
                continue
            equal = sum(int(a) == int(b) for a, b in zip(rows[first], rows[second], strict=True))
            close = days[first] < 0 or days[second] < 0 or abs(int(days[first]) - int(days[second])) <= SAME_STORY_DAYS
            if equal >= SAME_STORY_SLOTS and close:
                joined = groups[first] | groups[second]
                for docnum in joined:
                    groups[docnum] = joined
    return {docnum: min(members) for docnum, members in groups.items() if len(members) > 1}


@settings(max_examples=150, deadline=None)
@given(index_states())
def test_groups_are_the_brute_force_groups(state):
    rows, days, live = state
    story = story_groups(rows, days, live)
    expected = brute_force_groups(rows, days, live)
    assert {docnum: int(group) for docnum, group in enumerate(story) if group >= 0} == expected


@settings(max_examples=100, deadline=None)
@given(index_states(), st.data())
def test_folding_keeps_each_storys_best_match_and_lists_the_others(state, data):
    rows, days, live = state
    groups = StoryGroups(story_groups(rows, days, live))
    matched = live & np.asarray(data.draw(st.lists(st.booleans(), min_size=len(live), max_size=len(live))))
    rank = np.asarray(data.draw(st.lists(st.sampled_from([0.0, 1.5, 2.0, 7.25]), min_size=len(live),
                                         max_size=len(live))))
    folded = groups.fold(matched, rank)
    by_group: dict[int, list[int]] = {}
    for docnum in np.flatnonzero(matched):
        by_group.setdefault(int(groups.story[docnum]) if groups.story[docnum] >= 0 else -1 - int(docnum),
                            []).append(int(docnum))
    ordered = {group: sorted(members, key=lambda docnum: (-rank[docnum], docnum)) for group, members in by_group.items()}
    assert sorted(np.flatnonzero(folded.kept).tolist()) == sorted(members[0] for members in ordered.values())
    assert folded.stories == len(ordered)
    for members in ordered.values():
        assert folded.copies(members[0]) == members[1:]


def test_day_numbers_count_days_across_months_and_years():
    dates = np.asarray([20191231, 20200101, 20200301, UNDATED], dtype=np.uint32)
    days = day_numbers(dates)
    epoch = dt.date(1970, 1, 1)
    assert days.tolist() == [(dt.date(2019, 12, 31) - epoch).days, (dt.date(2020, 1, 1) - epoch).days,
                             (dt.date(2020, 3, 1) - epoch).days, -1]
