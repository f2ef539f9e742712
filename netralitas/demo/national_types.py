"""The data shapes of the synthetic national case set: election windows, the working calendar, a case's
plan and the history rows derived from it (pure: no ORM, no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from netralitas.cases.workflow import Stage, Status
from netralitas.core.workdays import DayUnit, deadline_at
from netralitas.sanctions.models import ControlAction

Kind = ControlAction.Kind
State = ControlAction.State


@dataclass(frozen=True)
class Rule:
    id: int
    days: int
    unit: str
    reminder_days_before: int


@dataclass(frozen=True)
class ElectionStageWindow:
    id: int
    code: str
    start: dt.date
    end: dt.date
    weight: float


@dataclass(frozen=True)
class ElectionWindow:
    id: int
    code: str
    stages: tuple[ElectionStageWindow, ...]

    def stage_on(self, day: dt.date) -> int | None:
        """``Election.stage_on`` without a query: the earliest-starting stage that contains ``day``."""
        found = [s for s in self.stages if s.start <= day <= s.end]
        return min(found, key=lambda s: s.start).id if found else None


class Calendar:
    """Holidays, deadline rules and the moment the synthetic history stops (``as_of``)."""

    def __init__(
        self,
        *,
        as_of: dt.datetime,
        holidays: frozenset[dt.date],
        rule_for: Callable[[Stage, dt.date], Rule | None],
        block_after: dt.timedelta,
        received_until: dt.datetime | None = None,
    ) -> None:
        self.as_of, self.holidays, self.block_after = as_of, holidays, block_after
        # The last moment a report may be received (a season counted on an earlier date, handled later).
        self.received_until = min(received_until or as_of, as_of)
        self._rule_for = rule_for
        self._rules: dict[tuple[Stage, dt.date], Rule | None] = {}
        self._deadlines: dict[tuple[int, dt.date, str], dt.datetime] = {}

    def stage_rule(
        self, stage: Stage, start: dt.datetime, tz: ZoneInfo
    ) -> tuple[Rule | None, dt.datetime | None]:
        """The rule and deadline ``services._start_stage`` would set for a stage entered at ``start``."""
        day = start.astimezone(tz).date()
        if (stage, day) not in self._rules:
            self._rules[stage, day] = self._rule_for(stage, day)
        rule = self._rules[stage, day]
        if rule is None:
            return None, None
        key = (rule.id, day, tz.key)
        if key not in self._deadlines:
            self._deadlines[key] = deadline_at(start, rule.days, DayUnit(rule.unit), self.holidays, tz)
        return rule, self._deadlines[key]


@dataclass(slots=True)
class CasePlan:
    """Who and what: chosen by ``national_cases`` before the history is built."""

    index: int
    status: str
    election: ElectionWindow
    tz: ZoneInfo
    source: str
    has_identity: bool
    employee_id: int | None  # the person the case ends up about; None while never resolved
    resolved_at_submit: bool
    agency_id: int | None
    region_id: int
    province_id: int
    violation_ids: list[int]
    track: str = ""
    level: str = ""
    sanction_id: int = 0
    sanction_code: str = ""
    imposed_id: int = 0
    imposed_code: str = ""
    lighter: bool = False
    reason: str = ""
    rationale: str = ""
    moot_status: str = ""
    merge: bool = False
    reported_name: str = ""
    reported_position: str = ""
    description: str = ""
    links: list[str] = field(default_factory=list)
    ladder_stop: str = ""  # force the PPK ladder up to this rung (``_Builder.ladder``); "" = by chance


@dataclass(slots=True)
class EventSpec:
    at: dt.datetime
    action: str
    actor: str | None  # an actor role key resolved by the writer; None is the system
    from_status: str = ""
    to_status: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    public_message: str = ""
    ref: int | None = None  # index of the other case of a merge (numbers are assigned later)
    ended_stage: str = ""  # the stage the transition leaves, with its start and deadline (CaseEvent)
    stage_started_at: dt.datetime | None = None
    stage_deadline_at: dt.datetime | None = None


@dataclass(slots=True)
class ControlSpec:
    kind: str
    state: str
    created_at: dt.datetime
    number: str = ""
    note: str = ""
    proposed_by: str | None = None
    approved_by: str | None = None
    done_at: dt.datetime | None = None


@dataclass(slots=True)
class History:
    plan: CasePlan
    incident_date: dt.date
    stage_id: int | None
    received_at: dt.datetime
    events: list[EventSpec] = field(default_factory=list)
    status: str = Status.RECEIVED
    version: int = 0
    stage_started_at: dt.datetime | None = None
    deadline_at: dt.datetime | None = None
    rule_id: int | None = None
    overdue_since: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    reviewed_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    decree_number: str = ""
    decree_date: dt.date | None = None
    decided_at: dt.datetime | None = None  # the PPK submitted the decree (``submit_decision``)
    checked_at: dt.datetime | None = None  # the auditor accepted it (``record_sanction``)
    controls: list[ControlSpec] = field(default_factory=list)
    blocked: bool = False
    merged_into: int | None = None
