"""The *when* of a synthetic national case: incident date, receipt, and every dated step up to its status.

Pure Python (no ORM, no I/O): ``national_cases`` decides *who and what* (a ``CasePlan``), this module
walks the transition table from ``diterima`` to the planned status and returns the rows the services
would have written (``History``): case events with the same actions, statuses and data as
``cases.services`` / ``sanctions.services`` / ``sanctions.control``, the deadline fields ``_start_stage``
would set, the overdue marks ``mark_overdue`` would record and the rungs ``escalate`` would queue.
Nothing happens after ``Calendar.as_of``. See ADR 0004.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from netralitas.cases.workflow import STAGE_OF_STATUS, Stage, Status, is_final, transition_for
from netralitas.core.workdays import is_working_day, working_days_between
from netralitas.sanctions.models import ControlAction

from .national_types import Calendar, CasePlan, ControlSpec, EventSpec, History

Kind = ControlAction.Kind
State = ControlAction.State
SUBMITTED_MESSAGE = "Laporan diterima dan menunggu verifikasi Satgas Netralitas."
# Share of stages finished by their deadline, and how late the others run (calendar days past it).
ON_TIME = {Stage.VERIFICATION: 0.78, Stage.REVIEW: 0.85, Stage.RECOMMENDATION: 0.85, Stage.FOLLOW_UP: 0.55}
LATE_DAYS = {Stage.VERIFICATION: 45, Stage.REVIEW: 20, Stage.RECOMMENDATION: 15, Stage.FOLLOW_UP: 60}
OPEN = frozenset({Status.RECEIVED, Status.VERIFICATION, Status.REVIEW, Status.PROVEN})


class _Retry(Exception):
    """The planned history does not fit before ``as_of`` from this incident date."""


def _incident_date(plan: CasePlan, cal: Calendar, rng: random.Random, early: bool) -> dt.date:
    last = cal.received_until.astimezone(plan.tz).date() - dt.timedelta(days=1)
    stages = [s for s in plan.election.stages if s.start <= last]
    if not stages:
        raise RuntimeError(f"election {plan.election.code} has no stage before {last}")
    # Half of the cases still waiting were reported in the last three weeks, so not all are overdue.
    recent_from = last - dt.timedelta(days=21)
    recent = [s for s in stages if min(s.end, last) >= recent_from]
    use_recent = plan.status in OPEN and bool(recent) and not early and rng.random() < 0.5
    if early:
        stage = rng.choice(stages[: max(1, len(stages) // 2)])
    elif use_recent:
        stage = rng.choice(recent)
    else:
        stage = rng.choices(stages, weights=[s.weight for s in stages])[0]
    start, end = stage.start, min(stage.end, last)
    if use_recent:
        start = max(start, recent_from)
    if stage.code == "kampanye" and rng.random() < 0.35:  # the last campaign week peaks
        start = max(start, end - dt.timedelta(days=6))
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def build_history(plan: CasePlan, cal: Calendar, rng: random.Random) -> History:
    """A history that reaches ``plan.status`` by ``cal.as_of``; later incident dates are retried."""
    for attempt in range(40):
        incident = _incident_date(plan, cal, rng, early=attempt >= 20)
        try:
            return _Builder(plan, cal, rng, incident, hurry=attempt >= 30).run()
        except _Retry:
            continue
    raise RuntimeError(f"no history of {plan.status} fits before {cal.as_of} (case {plan.index})")


def build_merged(plan: CasePlan, target: History, cal: Calendar, rng: random.Random) -> History | None:
    """A duplicate report of ``target``'s incident, merged into it while ``target`` was still open."""
    received = target.received_at + dt.timedelta(minutes=rng.randint(30, 5 * 24 * 60))
    merged_at = received + dt.timedelta(minutes=rng.randint(60, 4 * 24 * 60))
    if merged_at >= min(cal.as_of, target.closed_at or cal.as_of) or target.merged_into is not None:
        return None
    if received > cal.received_until - dt.timedelta(hours=1):
        return None
    builder = _Builder(plan, cal, rng, target.incident_date, hurry=False, received_at=received)
    builder.submit()
    if rng.random() < 0.5:
        builder.transition(received + (merged_at - received) * rng.uniform(0.1, 0.7), "start_verification")
    builder.overdue(merged_at)
    builder.transition(merged_at, "merge", "verifier", reason="-", ref=target.plan.index)
    builder.h.merged_into = target.plan.index
    target.events.append(EventSpec(merged_at, "merged_from", "verifier", ref=plan.index))
    return builder.h


class _Builder:
    def __init__(
        self,
        plan: CasePlan,
        cal: Calendar,
        rng: random.Random,
        incident: dt.date,
        hurry: bool,
        received_at: dt.datetime | None = None,
    ) -> None:
        self.p, self.cal, self.rng, self.tz, self.hurry = plan, cal, rng, plan.tz, hurry
        if received_at is None:
            delay = 0 if rng.random() < 0.3 else min(1 + int(rng.expovariate(0.25)), 30)
            public = plan.source == "publik"
            received_at = self.at(
                incident + dt.timedelta(days=delay), 6 if public else 8, 22 if public else 16
            )
            if received_at > cal.received_until - dt.timedelta(hours=1):
                raise _Retry
        self.h = History(plan, incident, plan.election.stage_on(incident), received_at)
        self.stage: Stage | None = None
        self.sweep: dt.datetime | None = None
        self.reminder_days = 2

    # --- time helpers -----------------------------------------------------------------------------

    def at(
        self, day: dt.date, first_hour: int = 8, last_hour: int = 16, after: dt.datetime | None = None
    ) -> dt.datetime:
        seconds = self.rng.randint(first_hour * 3600, last_hour * 3600)
        local = dt.datetime.combine(day, dt.time(), tzinfo=self.tz) + dt.timedelta(seconds=seconds)
        moment = local.astimezone(dt.UTC)
        if after is not None and moment <= after:
            moment = after + dt.timedelta(minutes=self.rng.randint(5, 180))
        return moment

    def local(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.tz).date()

    def workday(self, day: dt.date, not_before: dt.date | None = None) -> dt.date:
        """The nearest working day on or before ``day`` (not before ``not_before``), else the next one."""
        back = day
        while not_before is not None and back > not_before and not is_working_day(back, self.cal.holidays):
            back -= dt.timedelta(days=1)
        if is_working_day(back, self.cal.holidays) and (not_before is None or back >= not_before):
            return back
        while not is_working_day(day, self.cal.holidays):
            day += dt.timedelta(days=1)
        return day

    def work_after(self, moment: dt.datetime, low: int, high: int) -> dt.datetime:
        day = self.workday(self.local(moment) + dt.timedelta(days=self.rng.randint(low, high)))
        return self.at(day, after=moment)

    # --- rows -------------------------------------------------------------------------------------

    def emit(self, at: dt.datetime, action: str, actor: str | None, **fields: Any) -> EventSpec:
        event = EventSpec(at, action, actor, **fields)
        self.h.events.append(event)
        return event

    def enter(self, stage: Stage | None, at: dt.datetime) -> None:
        """What ``services._start_stage`` sets when the case enters a stage (None: no deadline)."""
        h = self.h
        self.stage, h.stage_started_at, h.overdue_since = stage, at, None
        rule, h.deadline_at = self.cal.stage_rule(stage, at, self.tz) if stage else (None, None)
        h.rule_id = rule.id if rule else None
        self.reminder_days = rule.reminder_days_before if rule else 2
        minutes = self.rng.randint(1, 20)
        self.sweep = h.deadline_at + dt.timedelta(minutes=minutes) if h.deadline_at else None

    def submit(self) -> None:
        h, p = self.h, self.p
        data = {"source": p.source, "anonymous": not p.has_identity, "resolved": p.resolved_at_submit}
        actor = "reporter" if p.source != "publik" else None
        self.emit(
            h.received_at,
            "submitted",
            actor,
            from_status="-",
            to_status=Status.RECEIVED,
            data=data,
            public_message=SUBMITTED_MESSAGE,
        )
        self.enter(Stage.VERIFICATION, h.received_at)

    def transition(
        self,
        at: dt.datetime,
        action: str,
        actor: str = "verifier",
        reason: str = "",
        data: dict[str, Any] | None = None,
        ref: int | None = None,
    ) -> None:
        t = transition_for(action)
        assert t is not None and self.h.status in t.sources, (action, self.h.status)
        if at > self.cal.as_of:
            raise _Retry
        h, source = self.h, self.h.status
        payload = {"reason": reason, **(data or {})} if reason else dict(data or {})
        left = STAGE_OF_STATUS.get(source)
        leaves = left != STAGE_OF_STATUS.get(t.target)
        self.emit(
            at,
            action,
            actor,
            from_status=source,
            to_status=t.target,
            data=payload,
            public_message=t.public_message,
            ref=ref,
            ended_stage=left.value if leaves and left else "",
            stage_started_at=h.stage_started_at if leaves and left else None,
            stage_deadline_at=h.deadline_at if leaves and left else None,
        )
        h.status, h.version = t.target, h.version + 1
        if leaves:
            self.enter(STAGE_OF_STATUS.get(t.target), at)
        if is_final(t.target):
            h.closed_at = at

    def overdue(self, until: dt.datetime) -> None:
        """``mark_overdue``: the first sweep after the deadline marks the stage, if it is still running."""
        h = self.h
        if (
            self.sweep is None
            or h.overdue_since is not None
            or self.sweep >= until
            or self.sweep > self.cal.as_of
        ):
            return
        assert self.stage is not None and h.deadline_at is not None
        data = {"stage": self.stage.value, "deadline_at": h.deadline_at.astimezone(dt.UTC).isoformat()}
        self.emit(self.sweep, "overdue", None, data=data)
        h.overdue_since = self.sweep

    def finish(self) -> dt.datetime:
        """When the current stage ends: mostly by its deadline, sometimes late."""
        assert self.stage is not None
        h, rng = self.h, self.rng
        start = h.stage_started_at
        assert start is not None
        low = self.local(start)
        high = self.local(h.deadline_at) if h.deadline_at else low + dt.timedelta(days=3)
        if self.hurry or rng.random() < ON_TIME[self.stage]:
            day = low + dt.timedelta(days=int((high - low).days * rng.random() ** 1.5))
            day = self.workday(day, not_before=low)
        else:
            day = self.workday(high + dt.timedelta(days=rng.randint(1, LATE_DAYS[self.stage])))
        end = self.at(day, after=start)
        if end > self.cal.as_of:
            raise _Retry
        self.overdue(end)
        return end

    def stay(self) -> History:
        """An open case: the current stage runs until ``as_of``."""
        self.overdue(self.cal.as_of + dt.timedelta(seconds=1))
        return self.h

    # --- the flow ---------------------------------------------------------------------------------

    def run(self) -> History:
        p, h, rng, status = self.p, self.h, self.rng, self.p.status
        self.submit()
        if status == Status.RECEIVED:
            return self.stay()
        if status == Status.CANCELLED and rng.random() < 0.35:
            self.transition(self.finish(), "cancel", reason=p.reason)
            return h
        if status == Status.VERIFICATION:
            lag = dt.timedelta(hours=min(rng.expovariate(1 / 30), 24 * 20))
            self.transition(
                min(h.received_at + lag, self.cal.as_of - dt.timedelta(minutes=1)), "start_verification"
            )
            return self.stay()
        end = self.finish()
        started = h.received_at + (end - h.received_at) * rng.uniform(0.05, 0.6)
        self.transition(started, "start_verification")
        if status in (Status.REJECTED, Status.CANCELLED):
            self.transition(end, "reject" if status == Status.REJECTED else "cancel", reason=p.reason)
            return h
        if not p.resolved_at_submit:
            resolved_at = started + (end - started) * rng.uniform(0.2, 0.9)
            self.emit(
                resolved_at,
                "employee_resolved",
                "verifier",
                data={"employee_id": p.employee_id, "previous_employee_id": None},
            )
            h.version += 1
        self.transition(end, "forward")
        if status == Status.REVIEW:
            return self.stay()
        end = self.finish()
        if status == Status.NOT_PROVEN:
            self.transition(end, "conclude_not_proven", "review", reason=p.reason)
            return h
        h.reviewed_at = end
        verdict = {
            "track": p.track,
            "level": p.level,
            "sanction": p.sanction_code,
            "violations": sorted(p.violation_ids),
        }
        self.transition(end, "conclude_proven", "review", data=verdict)
        if status == Status.PROVEN:
            return self.stay()
        h.sent_at = self.finish()
        self.transition(h.sent_at, "send_recommendation", "recommend")
        if status == Status.AWAITING_FOLLOW_UP:
            self.ladder(self.cal.as_of, p.ladder_stop)
            return self.stay()
        if status == Status.DECISION_CHECK:  # the decree waits for the auditor's check at ``as_of``
            end = self.finish()
            self.ladder(end)
            self.decide(end)
            return self.stay()
        if status == Status.MOOT:
            end = h.sent_at + dt.timedelta(days=rng.randint(3, 40), minutes=rng.randint(0, 600))
            if end > self.cal.as_of:
                raise _Retry
            self.ladder(end)
            self.transition(end, "mark_moot", "recommend", reason=p.reason)
            return h
        if p.ladder_stop:  # the PPK decides only once the ladder reached its rung (e.g. after a block)
            self.ladder(self.cal.as_of, p.ladder_stop)
            end = self.work_after(h.events[-1].at, 1, 8)
            if end > self.cal.as_of - dt.timedelta(minutes=30):
                raise _Retry
            self.overdue(end)
        else:
            end = self.finish()
            self.ladder(end)
        self.decide(end)
        self.accept(end + dt.timedelta(minutes=30))  # the auditor checks the decree and accepts it
        return h

    def decide(self, at: dt.datetime) -> None:
        """``decision_record``: the PPK submits the decree, which waits for the auditor's check."""
        h, p, rng = self.h, self.p, self.rng
        assert h.sent_at is not None
        decree_day = self.local(at) - dt.timedelta(days=rng.randint(0, 4))
        h.decree_date = max(decree_day, self.local(h.sent_at), h.incident_date)
        h.decree_number = f"800.1.6.4/{rng.randint(100, 9999)}/BKPSDM/{h.decree_date.year}"
        h.decided_at = at
        sanction = {"decree_number": h.decree_number, "sanction": p.imposed_code, "lighter": p.lighter}
        self.transition(at, "submit_decision", "ppk", data=sanction)

    def accept(self, at: dt.datetime) -> None:
        """``decision_accept``: the sanction is recorded, waiting rungs are withdrawn, a block is lifted."""
        h, p = self.h, self.p
        sanction = {"decree_number": h.decree_number, "sanction": p.imposed_code, "lighter": p.lighter}
        self.transition(at, "record_sanction", "auditor", data=sanction)
        h.checked_at = at
        for control in h.controls:  # rungs still waiting are no longer needed
            if control.state == State.DUE and control.kind in (Kind.WARNING, Kind.BLOCK, Kind.PPK_REPORT):
                control.state = State.WITHDRAWN
        if h.blocked:  # ``control.lift_block`` in the same act, on the accepted decree
            note = f"Keputusan PPK {h.decree_number} diterima auditor."
            self.emit(at, "unblocked", "auditor", note=note)
            h.controls.append(
                ControlSpec(Kind.UNBLOCK, State.DONE, at, note=note, proposed_by="auditor", done_at=at)
            )
            h.blocked = False

    def queue(self, at: dt.datetime, kind: str, state: str, **fields: Any) -> ControlSpec:
        """``control._queue``: the sweep creates the rung and records ``control_<kind>_<state>``."""
        self.emit(at, f"control_{kind}_{state}", None, data={"kind": kind, "state": state})
        control = ControlSpec(kind, state, at, **fields)
        self.h.controls.append(control)
        return control

    @staticmethod
    def _halt(stop: str, here: str, chance: bool, late: bool) -> bool:
        """Whether the ladder stops at rung ``here``: by chance or time, or exactly at ``stop`` when given
        (a rung that would fall after the limit then makes the whole history retry)."""
        if not stop:
            return chance or late
        if stop == here:
            return True
        if late:
            raise _Retry
        return False

    def ladder(self, until: dt.datetime, stop: str = "") -> None:
        """The escalation ladder while the PPK's stage runs (until the decision, the moot or ``as_of``).

        ``stop`` forces the ladder up to one rung and no further: ``warning_due``, ``block_due``,
        ``block_proposed`` or ``blocked`` (the demo season's rungs)."""
        h, rng = self.h, self.rng
        limit = min(until, self.cal.as_of)
        assert h.deadline_at is not None and h.sent_at is not None
        due, day = self.local(h.deadline_at), self.local(h.sent_at)
        while day < due and working_days_between(day, due, self.cal.holidays) > self.reminder_days:
            day += dt.timedelta(days=1)
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=self.tz).astimezone(dt.UTC)
        remind = max(h.sent_at + dt.timedelta(minutes=2), midnight + dt.timedelta(minutes=rng.randint(1, 10)))
        if remind < limit and remind <= h.deadline_at:
            self.queue(remind, Kind.REMINDER, State.DONE, done_at=remind)
        assert self.sweep is not None
        if self.sweep >= limit or self.sweep > self.cal.as_of:
            if stop:
                raise _Retry
            return
        self.overdue(until)
        warning = self.queue(self.sweep, Kind.WARNING, State.DUE)
        issued = self.work_after(self.sweep, 1, 6)
        if self._halt(stop, "warning_due", rng.random() > 0.85, issued >= limit):
            return
        warning.state, warning.number, warning.proposed_by, warning.done_at = (
            State.DONE,
            f"{rng.randint(100, 999)}/SP.PPK/BKN/{issued.year}",
            "auditor",
            issued,
        )
        self.emit(issued, "warning_issued", "auditor", data={"number": warning.number})
        block_due = issued + self.cal.block_after + dt.timedelta(minutes=rng.randint(1, 20))
        if block_due >= limit:
            if stop:
                raise _Retry
            return
        block = self.queue(block_due, Kind.BLOCK, State.DUE)
        proposed = self.work_after(block_due, 1, 5)
        if self._halt(stop, "block_due", rng.random() > 0.7, proposed >= limit):
            return
        block.state, block.proposed_by = State.PROPOSED, "auditor"
        block.note = "PPK belum menindaklanjuti rekomendasi setelah surat peringatan."
        self.emit(proposed, "block_proposed", "auditor", note=block.note)
        approved = self.work_after(proposed, 1, 3)
        if self._halt(stop, "block_proposed", rng.random() > 0.9, approved >= limit):
            return
        block.state, block.approved_by, block.done_at, h.blocked = State.DONE, "bkn", approved, True
        self.emit(approved, "blocked", "bkn", data={"employee_id": self.p.employee_id})
        if stop == "blocked":
            return
        reported = self.work_after(approved, 5, 15)
        if rng.random() < 0.4 and reported < limit:
            number = f"{rng.randint(100, 999)}/LAP.PPK/BKN/{reported.year}"
            self.emit(reported, "ppk_reported", "auditor", data={"number": number})
            h.controls.append(
                ControlSpec(
                    Kind.PPK_REPORT,
                    State.DONE,
                    reported,
                    number=number,
                    proposed_by="auditor",
                    done_at=reported,
                )
            )


# --- texts and weights of the synthetic content (used by national_cases' planner) -----------------
