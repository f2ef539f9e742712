"""Deadline arithmetic, with dates checked by hand against the 2024 calendar (SKB cuti bersama 2024)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.core.workdays import (
    DayUnit,
    calendar_days_left,
    deadline_at,
    due_date,
    is_working_day,
    working_days_between,
    working_days_left,
)

D = dt.date
WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
UTC = dt.UTC

LABOUR_DAY_2024 = frozenset({D(2024, 5, 1)})  # Wednesday
IDUL_FITRI_2024 = frozenset(
    {
        D(2024, 4, 8),  # Mon, cuti bersama
        D(2024, 4, 9),  # Tue, cuti bersama
        D(2024, 4, 10),  # Wed, Idul Fitri
        D(2024, 4, 11),  # Thu, Idul Fitri day 2
        D(2024, 4, 12),  # Fri, cuti bersama
        D(2024, 4, 15),  # Mon, cuti bersama
    }
)
PILKADA_2024 = frozenset({D(2024, 11, 27)})  # Wednesday, voting day


def local(
    year: int, month: int, day: int, hour: int = 10, minute: int = 0, tz: ZoneInfo = WIB
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


# --- is_working_day --------------------------------------------------------------------------------


def test_weekdays_are_working_days_unless_holidays() -> None:
    assert is_working_day(D(2024, 4, 5), IDUL_FITRI_2024)  # Friday
    assert not is_working_day(D(2024, 4, 6), IDUL_FITRI_2024)  # Saturday
    assert not is_working_day(D(2024, 4, 7), IDUL_FITRI_2024)  # Sunday
    assert not is_working_day(D(2024, 4, 8), IDUL_FITRI_2024)  # cuti bersama
    assert is_working_day(D(2024, 4, 8), frozenset())


# --- due_date: working days ------------------------------------------------------------------------


def test_week_with_a_national_holiday_skips_it() -> None:
    # Day 0 Mon 29 Apr; Tue 30 Apr (1), Wed 1 May holiday, Thu 2 May (2), Fri 3 May (3).
    assert due_date(D(2024, 4, 29), 3, DayUnit.WORKING, LABOUR_DAY_2024) == D(2024, 5, 3)
    assert due_date(D(2024, 4, 29), 3, DayUnit.WORKING, frozenset()) == D(2024, 5, 2)


def test_idul_fitri_2024_block_with_cuti_bersama() -> None:
    # Day 0 Fri 5 Apr. Sat 6, Sun 7 weekend; Mon 8 and Tue 9 cuti bersama; Wed 10 and Thu 11 Idul Fitri;
    # Fri 12 cuti bersama; Sat 13, Sun 14 weekend; Mon 15 cuti bersama. Counting: Tue 16 Apr (1),
    # Wed 17 Apr (2), Thu 18 Apr (3). Wed 17 Apr would only be right if day 0 counted as day 1.
    assert due_date(D(2024, 4, 5), 1, DayUnit.WORKING, IDUL_FITRI_2024) == D(2024, 4, 16)
    assert due_date(D(2024, 4, 5), 2, DayUnit.WORKING, IDUL_FITRI_2024) == D(2024, 4, 17)
    assert due_date(D(2024, 4, 5), 3, DayUnit.WORKING, IDUL_FITRI_2024) == D(2024, 4, 18)


def test_pilkada_voting_day_is_not_a_working_day() -> None:
    # Journey 3: forwarded Mon 25 Nov; Tue 26 (1), Wed 27 voting day, Thu 28 (2), Fri 29 (3).
    assert due_date(D(2024, 11, 25), 3, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 29)


def test_period_starting_on_a_saturday_counts_from_monday() -> None:
    # Day 0 Sat 23 Nov; Mon 25 (1), Tue 26 (2), Wed 27 voting day, Thu 28 (3).
    assert due_date(D(2024, 11, 23), 1, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 25)
    assert due_date(D(2024, 11, 23), 3, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 28)
    # A Sunday or a holiday as day 0 behaves the same way.
    assert due_date(D(2024, 11, 24), 3, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 28)
    assert due_date(D(2024, 4, 10), 1, DayUnit.WORKING, IDUL_FITRI_2024) == D(2024, 4, 16)


def test_zero_days_is_due_on_the_day_of_the_event() -> None:
    assert due_date(D(2024, 11, 25), 0, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 25)
    assert due_date(D(2024, 11, 23), 0, DayUnit.WORKING, PILKADA_2024) == D(2024, 11, 23)
    assert due_date(D(2024, 11, 23), 0, DayUnit.CALENDAR, PILKADA_2024) == D(2024, 11, 23)


def test_negative_periods_are_rejected() -> None:
    with pytest.raises(ValueError):
        due_date(D(2024, 11, 25), -1, DayUnit.WORKING, frozenset())


def test_unit_may_be_given_as_its_stored_string() -> None:
    assert due_date(D(2024, 11, 25), 3, "hari_kerja", PILKADA_2024) == D(2024, 11, 29)  # type: ignore[arg-type]


# --- due_date: calendar days -----------------------------------------------------------------------


def test_calendar_days_cross_month_end_and_ignore_holidays() -> None:
    assert due_date(D(2024, 1, 31), 7, DayUnit.CALENDAR, frozenset()) == D(2024, 2, 7)
    assert due_date(D(2024, 2, 25), 7, DayUnit.CALENDAR, frozenset()) == D(2024, 3, 3)  # leap year
    assert due_date(D(2024, 4, 5), 7, DayUnit.CALENDAR, IDUL_FITRI_2024) == D(2024, 4, 12)
    assert due_date(D(2024, 12, 20), 14, DayUnit.CALENDAR, frozenset()) == D(2025, 1, 3)


# --- deadline_at -----------------------------------------------------------------------------------


def test_deadline_is_the_last_instant_of_the_due_date_in_the_region() -> None:
    deadline = deadline_at(local(2024, 11, 25, 9, 15), 3, DayUnit.WORKING, PILKADA_2024, WIB)
    assert deadline == dt.datetime(2024, 11, 29, 23, 59, 59, 999999, tzinfo=WIB)
    assert deadline.astimezone(UTC) == dt.datetime(2024, 11, 29, 16, 59, 59, 999999, tzinfo=UTC)


def test_day_zero_is_the_local_date_of_the_region_not_utc() -> None:
    # 16:30 UTC Sun 24 Nov is 23:30 WIB Sunday but 01:30 WIT Monday.
    start = dt.datetime(2024, 11, 24, 16, 30, tzinfo=UTC)
    in_jakarta = deadline_at(start, 3, DayUnit.WORKING, PILKADA_2024, WIB)
    in_jayapura = deadline_at(start, 3, DayUnit.WORKING, PILKADA_2024, WIT)
    assert in_jakarta.date() == D(2024, 11, 28)
    assert in_jayapura.date() == D(2024, 11, 29)
    assert in_jayapura.tzinfo == WIT


def test_calendar_deadline() -> None:
    deadline = deadline_at(local(2024, 1, 31, tz=WITA), 14, DayUnit.CALENDAR, frozenset(), WITA)
    assert deadline == dt.datetime(2024, 2, 14, 23, 59, 59, 999999, tzinfo=WITA)


def test_naive_start_is_rejected() -> None:
    with pytest.raises(ValueError):
        deadline_at(dt.datetime(2024, 11, 25, 9), 3, DayUnit.WORKING, PILKADA_2024, WIB)


# --- countdowns ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2024, 11, 25, 9), 3),  # day 0: the whole period is ahead
        (local(2024, 11, 26, 10), 2),  # Tuesday: Thu 28 and Fri 29 left -> "2 hari kerja lagi"
        (local(2024, 11, 27, 10), 2),  # voting day: still Thu and Fri
        (local(2024, 11, 28, 10), 1),
        (local(2024, 11, 29, 8), 0),  # due today
        (local(2024, 11, 29, 23, 59), 0),
        (local(2024, 11, 30, 0, 0), -1),  # Saturday after the deadline: overdue, never 0
        (local(2024, 12, 2, 10), -1),  # Monday: one working day late
        (local(2024, 12, 3, 10), -2),
    ],
)
def test_working_days_left_for_journey_3(now: dt.datetime, expected: int) -> None:
    deadline = deadline_at(local(2024, 11, 25, 8), 3, DayUnit.WORKING, PILKADA_2024, WIB)
    assert working_days_left(now, deadline, PILKADA_2024, WIB) == expected


def test_countdown_uses_the_regions_date() -> None:
    deadline = deadline_at(local(2024, 11, 25, 8), 3, DayUnit.WORKING, PILKADA_2024, WIB)
    # 23:30 WIB Thursday, but the instant is given in UTC: still Thursday in Jakarta.
    now = dt.datetime(2024, 11, 28, 16, 30, tzinfo=UTC)
    assert working_days_left(now, deadline, PILKADA_2024, WIB) == 1


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2024, 1, 31), 14),
        (local(2024, 2, 13, 23, 0), 1),
        (local(2024, 2, 14, 23, 59), 0),
        (local(2024, 2, 15, 0, 0), -1),
        (local(2024, 2, 20), -6),
    ],
)
def test_calendar_days_left(now: dt.datetime, expected: int) -> None:
    deadline = deadline_at(local(2024, 1, 31), 14, DayUnit.CALENDAR, frozenset(), WIB)
    assert calendar_days_left(now, deadline, WIB) == expected


def test_naive_now_is_rejected() -> None:
    deadline = deadline_at(local(2024, 11, 25), 3, DayUnit.WORKING, PILKADA_2024, WIB)
    with pytest.raises(ValueError):
        working_days_left(dt.datetime(2024, 11, 26, 10), deadline, PILKADA_2024, WIB)


# --- properties ------------------------------------------------------------------------------------

starts = st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31))
holiday_sets = st.frozensets(st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 6, 30)), max_size=60)


@given(start=starts, days=st.integers(min_value=1, max_value=40), holidays=holiday_sets)
def test_working_due_date_is_a_working_day_with_exactly_days_working_days(
    start: dt.date, days: int, holidays: frozenset[dt.date]
) -> None:
    due = due_date(start, days, DayUnit.WORKING, holidays)
    assert is_working_day(due, holidays)
    assert working_days_between(start, due, holidays) == days
    # And it is the first such day: one day earlier there were fewer working days.
    assert working_days_between(start, due - dt.timedelta(days=1), holidays) == days - 1


@given(start=starts, days=st.integers(min_value=0, max_value=40), holidays=holiday_sets)
def test_due_date_is_monotonic_in_days(start: dt.date, days: int, holidays: frozenset[dt.date]) -> None:
    for unit in DayUnit:
        assert due_date(start, days, unit, holidays) < due_date(start, days + 1, unit, holidays)
        assert due_date(start, days, unit, holidays) >= start


@given(start=starts, days=st.integers(min_value=0, max_value=400), holidays=holiday_sets)
def test_calendar_due_date_is_start_plus_days(
    start: dt.date, days: int, holidays: frozenset[dt.date]
) -> None:
    assert (due_date(start, days, DayUnit.CALENDAR, holidays) - start).days == days


@given(start=starts, days=st.integers(min_value=0, max_value=20), holidays=holiday_sets)
def test_countdown_on_day_zero_equals_the_period(
    start: dt.date, days: int, holidays: frozenset[dt.date]
) -> None:
    event = dt.datetime.combine(start, dt.time(9), tzinfo=WIB)
    deadline = deadline_at(event, days, DayUnit.WORKING, holidays, WIB)
    assert working_days_left(event, deadline, holidays, WIB) == days
    assert working_days_left(deadline, deadline, holidays, WIB) == 0
    assert working_days_left(deadline + dt.timedelta(microseconds=1), deadline, holidays, WIB) < 0
