"""Scripted histories for the demo season's rungs that depend on the exact moment ``as_of``: a report
received this morning, a verification running late, a Bawaslu review whose deadline skipped the
27 Nov 2024 voting holiday, a PPK reminded two working days before its deadline, and an open duplicate
waiting to be merged.

Pure Python like ``national_history`` (whose builder it drives with chosen dates instead of drawn ones):
the rows are what the services would have written at those moments, with the same deadline rules,
overdue marks and ladder (ADR 0004). Rungs that only need *how far* the ladder went (warning due, block
due, block proposed, blocked, decree under check, unblocked) use ``CasePlan.ladder_stop`` and the
ordinary ``build_history`` instead.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence

from netralitas.cases.workflow import Stage, Status
from netralitas.core.workdays import is_working_day, working_days_left

from .national_history import _Builder, _Retry
from .national_types import Calendar, CasePlan, History

# Rungs scripted here; every other rung is a status (plus ``ladder_stop``) for ``build_history``.
NEW_TODAY, LATE_VERIFICATION, REVIEW_OVER_HOLIDAY, REMINDED, DUPLICATE = (
    "new_today",
    "late_verification",
    "review_over_holiday",
    "reminded",
    "duplicate_original",
)
SCRIPTED = frozenset({NEW_TODAY, LATE_VERIFICATION, REVIEW_OVER_HOLIDAY, REMINDED, DUPLICATE})
STATUS_OF_RUNG = {
    NEW_TODAY: Status.RECEIVED,
    LATE_VERIFICATION: Status.VERIFICATION,
    REVIEW_OVER_HOLIDAY: Status.REVIEW,
    REMINDED: Status.AWAITING_FOLLOW_UP,
    DUPLICATE: Status.VERIFICATION,
}
# Forwarded to Bawaslu on these days, the 3-working-day review skips the 27 Nov 2024 voting holiday.
HOLIDAY_FORWARD_DAYS = (dt.date(2024, 11, 22), dt.date(2024, 11, 25), dt.date(2024, 11, 26))
_ACTOR = {"start_verification": "verifier", "forward": "verifier", "conclude_proven": "review",
          "send_recommendation": "recommend"}  # fmt: skip


class _Script:
    def __init__(self, plan: CasePlan, cal: Calendar, rng: random.Random) -> None:
        self.p, self.cal, self.rng, self.tz = plan, cal, rng, plan.tz
        self.today = cal.as_of.astimezone(plan.tz).date()

    def moment(self, day: dt.date, first: int = 8, last: int = 16) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(), tzinfo=self.tz)
        seconds = self.rng.randint(first * 3600, last * 3600)
        moment = (local + dt.timedelta(seconds=seconds)).astimezone(dt.UTC)
        if moment >= self.cal.as_of:
            raise _Retry
        return moment

    def workday_before(self, day: dt.date, low: int, high: int) -> dt.date:
        day -= dt.timedelta(days=self.rng.randint(low, high))
        while not is_working_day(day, self.cal.holidays):
            day -= dt.timedelta(days=1)
        return day

    def run(self, received: dt.datetime, steps: Sequence[tuple[str, dt.datetime]]) -> _Builder:
        """Submits at ``received`` and takes ``steps`` at their moments, as the services would."""
        p = self.p
        incident = received.astimezone(self.tz).date() - dt.timedelta(days=self.rng.randint(0, 3))
        b = _Builder(p, self.cal, self.rng, incident, hurry=False, received_at=received)
        if b.h.stage_id is None:
            raise _Retry
        b.submit()
        for action, at in steps:
            b.overdue(at)
            data = None
            if action == "forward" and not p.resolved_at_submit:
                resolved = at - dt.timedelta(minutes=self.rng.randint(10, 600))
                event = {"employee_id": p.employee_id, "previous_employee_id": None}
                b.emit(max(resolved, b.h.events[-1].at), "employee_resolved", "verifier", data=event)
                b.h.version += 1
            if action == "conclude_proven":
                b.h.reviewed_at = at
                data = {"track": p.track, "level": p.level, "sanction": p.sanction_code,
                        "violations": sorted(p.violation_ids)}  # fmt: skip
            if action == "send_recommendation":
                b.h.sent_at = at
            b.transition(at, action, _ACTOR[action], data=data)
        return b

    def to_review(self, forward_day: dt.date) -> list[tuple[str, dt.datetime]]:
        """Receipt, verification and forwarding, ending on ``forward_day``."""
        received_day = self.workday_before(forward_day, 1, 5)
        received = self.moment(received_day, 7, 20)
        started = received + dt.timedelta(hours=self.rng.randint(1, 20))
        forwarded = max(self.moment(forward_day, 9, 15), started + dt.timedelta(hours=1))
        return [("@", received), ("start_verification", started), ("forward", forwarded)]


def _new_today(s: _Script) -> History:
    received = s.moment(s.today, 6, 9)
    return s.run(received, []).stay()


def _late_verification(s: _Script) -> History:
    received = s.moment(s.today - dt.timedelta(days=s.rng.randint(8, 16)), 7, 20)
    started = received + dt.timedelta(hours=s.rng.randint(2, 60))
    return s.run(received, [("start_verification", started)]).stay()


def _duplicate_original(s: _Script) -> History:
    received = s.moment(s.today - dt.timedelta(days=s.rng.randint(2, 5)), 7, 20)
    started = received + dt.timedelta(hours=s.rng.randint(2, 20))
    return s.run(received, [("start_verification", started)]).stay()


def _review_over_holiday(s: _Script) -> History:
    steps = s.to_review(s.rng.choice(HOLIDAY_FORWARD_DAYS))
    return s.run(steps[0][1], steps[1:]).stay()


def _reminded(s: _Script) -> History:
    """Recommendation sent so that ``as_of`` falls within the reminder window (1-2 working days left)."""
    for back in s.rng.sample(range(8, 17), 9):
        sent_day = s.today - dt.timedelta(days=back)
        if not is_working_day(sent_day, s.cal.holidays):
            continue
        sent = s.moment(sent_day, 9, 15)
        _, deadline = s.cal.stage_rule(Stage.FOLLOW_UP, sent, s.tz)
        if deadline is None or not 1 <= working_days_left(s.cal.as_of, deadline, s.cal.holidays, s.tz) <= 2:
            continue
        proven = s.moment(s.workday_before(sent_day, 1, 2), 8, 15)
        steps = s.to_review(s.workday_before(proven.astimezone(s.tz).date(), 1, 3))
        b = s.run(steps[0][1], [*steps[1:], ("conclude_proven", proven), ("send_recommendation", sent)])
        b.ladder(s.cal.as_of)  # the reminder is the only rung before the deadline
        return b.stay()
    raise _Retry


_SCRIPTS: dict[str, Callable[[_Script], History]] = {
    NEW_TODAY: _new_today,
    LATE_VERIFICATION: _late_verification,
    REVIEW_OVER_HOLIDAY: _review_over_holiday,
    REMINDED: _reminded,
    DUPLICATE: _duplicate_original,
}


def build_rung(plan: CasePlan, rung: str, cal: Calendar, rng: random.Random) -> History:
    """The history of a scripted rung; drawn moments that do not fit are drawn again."""
    for _ in range(40):
        try:
            return _SCRIPTS[rung](_Script(plan, cal, rng))
        except _Retry:
            continue
    raise RuntimeError(f"rung {rung} does not fit before {cal.as_of} (case {plan.index})")


def build_open_duplicate(plan: CasePlan, original: History, cal: Calendar, rng: random.Random) -> History:
    """A second report of ``original``'s incident (same person, same text), not merged yet."""
    for _ in range(40):
        received = original.received_at + dt.timedelta(minutes=rng.randint(120, 36 * 60))
        if received >= cal.as_of - dt.timedelta(minutes=30):
            continue
        b = _Builder(plan, cal, rng, original.incident_date, hurry=False, received_at=received)
        b.submit()
        return b.stay()
    raise RuntimeError(f"no open duplicate of case {original.plan.index} fits before {cal.as_of}")
