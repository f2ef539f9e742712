"""The deadline a case gets when it enters a stage: the stage's rule (data, ``DeadlineRule``) applied by
the pure working-day arithmetic of ``core.workdays`` in the case's province's time zone.

Rules are read through a per-process reference cache (``core.refcache``): a rule saved in the admin
applies from the next request in every process (its token in ``core_referencestamp``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from netralitas.audit.changes import row_delete, row_save
from netralitas.core.refcache import ReferenceCache
from netralitas.core.workdays import DayUnit, deadline_at
from netralitas.registry.calendar import holiday_dates

from .models import Case, DeadlineRule
from .workflow import STAGE_OF_STATUS, Stage


def _load_rules() -> dict[str, list[DeadlineRule]]:
    """Per stage, the rules newest first; a rule without ``valid_from`` (always valid) comes last."""
    rules: dict[str, list[DeadlineRule]] = defaultdict(list)
    for rule in DeadlineRule.objects.order_by("pk"):
        rules[rule.stage].append(rule)
    for stage_rules in rules.values():
        stage_rules.sort(key=lambda r: (r.valid_from is None, -(r.valid_from or dt.date.min).toordinal()))
    return dict(rules)


_rules = ReferenceCache("deadline-rules", _load_rules, [DeadlineRule])


def deadline_rule_for(stage: Stage, on: dt.date) -> DeadlineRule | None:
    """The rule in force for ``stage`` on ``on``: the latest ``valid_from`` not after it, else the
    undated rule."""
    for rule in _rules.get().get(stage.value, ()):
        if rule.valid_from is None or rule.valid_from <= on:
            return rule
    return None


def case_timezone(case: Case) -> ZoneInfo:
    return ZoneInfo(case.province.timezone or "Asia/Jakarta")


def start_stage(case: Case, now: dt.datetime) -> None:
    """Sets the stage clock of ``case`` (not saved): started now, not overdue, the rule and deadline of the
    stage its status belongs to (none for a final status)."""
    stage = STAGE_OF_STATUS.get(case.status)
    case.stage_started_at = now
    case.overdue_since = None
    if stage is None:
        case.deadline_rule = None
        case.deadline_at = None
        return
    zone = case_timezone(case)
    rule = deadline_rule_for(stage, timezone.localdate(now, zone))
    case.deadline_rule = rule
    case.deadline_at = (
        deadline_at(now, rule.days, DayUnit(rule.unit), holiday_dates(), zone) if rule else None
    )


def deadline_rule_problem(*, days: int | None, reminder_days_before: int | None) -> str:
    """A rule that would expire a case at once, or remind before the stage starts, is refused."""
    if days is not None and days < 1:
        return _("Batas waktu minimal 1 hari.")
    if days is not None and reminder_days_before is not None and reminder_days_before >= days:
        return _("Pengingat harus dikirim sebelum batas waktu, dalam rentang batas waktu itu.")
    return ""


def deadline_rule_save(*, actor: AbstractBaseUser | None, obj: DeadlineRule) -> DeadlineRule:
    """Changes how long a stage may take (every new deadline follows it): validated, audited."""
    if problem := deadline_rule_problem(days=obj.days, reminder_days_before=obj.reminder_days_before):
        raise ValueError(problem)
    row_save(actor=actor, obj=obj, action="cases.deadline_rule")
    return obj


def deadline_rule_delete(*, actor: AbstractBaseUser | None, obj: DeadlineRule) -> None:
    row_delete(actor=actor, obj=obj, action="cases.deadline_rule")
