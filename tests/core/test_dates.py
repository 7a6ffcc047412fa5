"""Key dates: display (never an inferred year shown as stated), time order and fuzzy lookup."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answering.dates import find_date, format_date, search_dates
from bot.core.knowledge.faq import KeyDate, Source

SOURCE = Source(1, "x")


def key_date(date: str, precision: str, inferred: bool = False) -> KeyDate:
    return KeyDate("d", date, precision, "something happened", SOURCE, inferred)


@pytest.mark.parametrize(
    "date, precision, inferred, shown",
    [
        ("2022", "year", False, "2022"),
        ("2023-08", "month", False, "August 2023"),
        ("2024-01-05", "day", False, "January 5, 2024"),
        ("2023-10-22", "day", True, "October 22 (year not stated; 2023 inferred from context)"),
        ("2023-12", "month", True, "December (year not stated; 2023 inferred from context)"),
    ],
)
def test_format_date(date, precision, inferred, shown):
    assert format_date(key_date(date, precision, inferred)) == shown


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       precision=st.sampled_from(["year", "month", "day"]), inferred=st.booleans())
def test_an_inferred_year_is_always_said_to_be_inferred(day, precision, inferred):
    iso = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}[precision]
    shown = format_date(key_date(iso, precision, inferred))
    year = str(day.year)
    if inferred:
        assert "not stated" in shown and "inferred" in shown
        # the year never stands next to the month or day as if the article gave it
        assert not shown.startswith(year) and f", {year}" not in shown and f"{calendar.month_name[day.month]} {year}" not in shown
    else:
        assert year in shown and "inferred" not in shown
    if precision != "year":
        assert calendar.month_name[day.month] in shown
    if precision == "day":
        assert f"{calendar.month_name[day.month]} {day.day}" in shown


def test_bundled_dates_shown(bundled_knowledge):
    for d in bundled_knowledge.dates:
        shown = format_date(d)
        if d.year_inferred:
            assert "inferred" in shown and "not stated" in shown, d.id
        else:
            assert d.date[:4] in shown and "inferred" not in shown, d.id
    shown = {d.id: format_date(d) for d in bundled_knowledge.dates}
    assert shown["camp-david-summit"] == "August 2023"
    assert shown["indo-pacific-dialogue"] == "January 5, 2024"
    assert shown["aerial-exercise"].startswith("October 22 (year not stated")
    assert shown["cyber-initiatives"].startswith("December 9 (year not stated")


def test_all_dates_in_time_order(bundled_knowledge):
    dates = search_dates(bundled_knowledge)
    assert len(dates) == len(bundled_knowledge.dates)
    assert [d.date for d in dates] == sorted(d.date for d in bundled_knowledge.dates)
    assert search_dates(bundled_knowledge, "") == dates == search_dates(bundled_knowledge, "   ")


@pytest.mark.parametrize(
    "query, ids",
    [
        ("cyber", ["cyber-initiatives"]),
        ("camp david", ["camp-david-summit"]),
        ("Camp  David!", ["camp-david-summit"]),
        ("캠프 데이비드", ["camp-david-summit"]),
        ("사이버", ["cyber-initiatives"]),
        ("ukraine", ["ukraine-invasion"]),
        ("indo pacific", ["indo-pacific-dialogue"]),
        ("missile warning", ["missile-warning-sharing"]),
        ("camp dvid", ["camp-david-summit"]),  # typo
        ("zebra crossings", []),
        ("2019", []),  # a year must be the date's own
    ],
)
def test_search_dates(bundled_knowledge, query, ids):
    assert [d.id for d in search_dates(bundled_knowledge, query)] == ids


def test_search_by_year_and_month(bundled_knowledge):
    assert {d.date[:4] for d in search_dates(bundled_knowledge, "2024")} == {"2024"}
    assert {d.id for d in search_dates(bundled_knowledge, "2024")} == {
        d.id for d in bundled_knowledge.dates if d.date.startswith("2024")}
    december = search_dates(bundled_knowledge, "december")
    assert {d.date[:7] for d in december} == {"2023-12"} and len(december) == 2
    assert [d.id for d in search_dates(bundled_knowledge, "october 22")] == ["aerial-exercise"]


def test_search_for_aerial_finds_only_the_aerial_exercise(bundled_knowledge):
    assert [d.id for d in search_dates(bundled_knowledge, "aerial")] == ["aerial-exercise"]


def test_search_limit(bundled_knowledge):
    assert len(search_dates(bundled_knowledge, None, limit=3)) == 3
    assert len(search_dates(bundled_knowledge, "2023", limit=1)) == 1


def test_find_date(bundled_knowledge):
    assert find_date(bundled_knowledge, "camp-david-summit").date == "2023-08"
    assert find_date(bundled_knowledge, "nope") is None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_search_never_raises(bundled_knowledge, query):
    found = search_dates(bundled_knowledge, query)
    assert all(d in bundled_knowledge.dates for d in found)
