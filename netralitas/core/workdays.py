"""Working-day and calendar-day arithmetic for statutory deadlines (pure: no ORM, no I/O).

Counting convention (see ``docs/deadlines.md``):

* The day of the event (receipt, forwarding) is **day 0** and never counts.
* Calendar days: the due date is ``start + days``.
* Working days: count ``days`` working days forward, beginning the day *after* ``start``. A working day is
  Monday to Friday and not in the holiday calendar (national holidays, cuti bersama, voting days). When the
  event happens on a non-working day nothing special is needed: the first day that counts is simply the
  next working day. Equivalently, the half-open interval ``(start, due]`` holds exactly ``days`` working
  days, and the due date is a working day (for ``days >= 1``).
* ``days == 0`` means "due the same day": the due date is ``start``.
* The deadline is the end of the due date in the local time zone of the case's region, represented as the
  last representable instant of that day, ``23:59:59.999999`` local time (inclusive). So "overdue" is
  ``now > deadline`` and the due date is ``deadline.astimezone(tz).date()``.

Countdowns (the "2 hari kerja lagi" badge) count *whole days left after today*:

* ``working_days_left``: working days in ``(today, due]``. On the day of the event it equals the period's
  length; on the due date it is 0 ("batas akhir hari ini"); when overdue it is negative: minus the working
  days elapsed since the due date, and at least -1.
* ``calendar_days_left``: ``due - today`` in days; negative when overdue.

Worked example (journey 3): forwarded to Bawaslu on Monday 25 Nov 2024, 3 working days; Wednesday 27 Nov is
the Pilkada voting holiday. Counting: Tue 26 (1), Wed 27 skipped, Thu 28 (2), Fri 29 (3): due Friday 29 Nov,
23:59:59.999999 local time. On Tuesday 26 Nov the working days left after today are Thu 28 and Fri 29, so the
countdown reads "2 hari kerja lagi".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from enum import StrEnum
from zoneinfo import ZoneInfo

__all__ = [
    "END_OF_DAY",
    "DayUnit",
    "calendar_days_left",
    "deadline_at",
    "due_date",
    "is_working_day",
    "working_days_between",
    "working_days_left",
]

#: Local wall-clock time of a deadline on its due date (the day's last microsecond, inclusive).
END_OF_DAY = dt.time(23, 59, 59, 999999)

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


class DayUnit(StrEnum):
    """Unit in which a statutory period is expressed."""

    WORKING = "hari_kerja"
    CALENDAR = "hari_kalender"


def is_working_day(d: dt.date, holidays: Container[dt.date]) -> bool:
    """Monday to Friday and not a holiday, cuti bersama or voting day."""
    return d.weekday() < _SATURDAY and d not in holidays


def due_date(start: dt.date, days: int, unit: DayUnit, holidays: Container[dt.date]) -> dt.date:
    """Last day of a period of ``days`` ``unit`` that begins with the event on ``start`` (day 0)."""
    if days < 0:
        raise ValueError(f"a period cannot be negative ({days} days)")
    unit = DayUnit(unit)
    if unit is DayUnit.CALENDAR:
        return start + dt.timedelta(days=days)
    current = start
    remaining = days
    while remaining:
        current += _ONE_DAY
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def end_of_day(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The aware instant at which ``day`` ends in ``tz`` (23:59:59.999999 local time)."""
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=tz)


def deadline_at(
    start: dt.datetime, days: int, unit: DayUnit, holidays: Container[dt.date], tz: ZoneInfo
) -> dt.datetime:
    """Aware end of the due date (23:59:59.999999 local time in ``tz``) for an event at ``start``.

    ``start`` must be aware. Day 0 is its date *in the region's time zone*, not in UTC: an event at
    02:00 WIT on 26 Nov (17:00 UTC on 25 Nov) is day 0 = 26 Nov for a case in Papua.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime")
    local_start = start.astimezone(tz).date()
    return end_of_day(due_date(local_start, days, unit, holidays), tz)


def working_days_between(after: dt.date, until: dt.date, holidays: Container[dt.date]) -> int:
    """Number of working days in the half-open interval ``(after, until]`` (0 when ``until <= after``)."""
    count = 0
    current = after
    while current < until:
        current += _ONE_DAY
        if is_working_day(current, holidays):
            count += 1
    return count


def _local_dates(now: dt.datetime, deadline: dt.datetime, tz: ZoneInfo) -> tuple[dt.date, dt.date]:
    if now.tzinfo is None or deadline.tzinfo is None:
        raise ValueError("now and deadline must be aware datetimes")
    return now.astimezone(tz).date(), deadline.astimezone(tz).date()


def working_days_left(
    now: dt.datetime, deadline: dt.datetime, holidays: Container[dt.date], tz: ZoneInfo
) -> int:
    """Whole working days left after today, up to and including the due date.

    Positive: that many working days remain after today. 0: today is the due date (or only non-working
    days are left, which happens for calendar-day periods: show those with ``calendar_days_left``).
    Negative: overdue, by the number of working days elapsed since the due date (at least -1, so an
    overdue case never reads 0).
    """
    today, due = _local_dates(now, deadline, tz)
    if now <= deadline:
        return working_days_between(today, due, holidays)
    return -max(1, working_days_between(due, today, holidays))


def calendar_days_left(now: dt.datetime, deadline: dt.datetime, tz: ZoneInfo) -> int:
    """Calendar days from today (local) to the due date: 0 on the due date, negative when overdue."""
    today, due = _local_dates(now, deadline, tz)
    if now > deadline and today <= due:
        # Only possible when the deadline is not an end of day; still report it as overdue.
        return -1
    return (due - today).days
