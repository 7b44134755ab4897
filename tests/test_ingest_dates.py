"""Dates as the real corpus writes them, and everything that must not pass for one."""

from __future__ import annotations

import datetime as dt

import pytest

from search.ingest.dates import find_dateline_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-09-10 00:00:00", dt.date(2019, 9, 10)),
        ("2019-09-10", dt.date(2019, 9, 10)),
        ("16/09/2019", dt.date(2019, 9, 16)),
        ("29 Agustus 2019", dt.date(2019, 8, 29)),
        ("Oktober 07, 2019", dt.date(2019, 10, 7)),
        ("10-Sep-19", dt.date(2019, 9, 10)),
        (" Oct 2, 2019 ", dt.date(2019, 10, 2)),
        (" Sep 19, 2019  ", dt.date(2019, 9, 19)),
        ("Ahad 25 Oct 2015 07:45 WIB", dt.date(2015, 10, 25)),
        ("Selasa, 10 Sep 2019 13:30 WIB", dt.date(2019, 9, 10)),
        ("Jum'at, 4 Des 2020 08.15 WITA", dt.date(2020, 12, 4)),
        ("Jumat (3/1/20)", dt.date(2020, 1, 3)),
        ("5 PEB 2021", dt.date(2021, 2, 5)),
        ("12 Nop 2018", dt.date(2018, 11, 12)),
        ("1 Mei 2019", dt.date(2019, 5, 1)),
        ("17 Agt 2019", dt.date(2019, 8, 17)),
        ("9 Sept. 2019", dt.date(2019, 9, 9)),
        ("Minggu, 31 Maret 2019", dt.date(2019, 3, 31)),
    ],
)
def test_parses_the_formats_the_sources_use(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Selasa (14/10)",
        "14 Juli",
        "Oktober 07",
        "31 Februari 2019",
        "30/02/2019",
        "2019-13-01",
        "32 Mei 2019",
        "",
        "   ",
        "kemarin sore",
        "Selasa",
        "12 Brumaire 2019",
        "99/99/99999",
        "2019-09-10 00:00:00 tambahan",
    ],
)
def test_refuses_what_is_not_a_full_date(text: str) -> None:
    assert parse_date(text) is None


def test_dateline_in_running_text_needs_a_year() -> None:
    assert find_dateline_date("Bupati meresmikan pasar itu pada Senin (14/10) lalu.")[0] is None
    text = "Bupati meresmikan pasar pada Senin (14/10) dan dikunjungi lagi Rabu (16/10/2019)."
    assert find_dateline_date(text)[0] == dt.date(2019, 10, 16)
