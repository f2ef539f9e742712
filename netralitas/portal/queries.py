"""Reads of the public portal: the landing page's catalog and deadlines, and a reporter's view of a case.

Only what a reporter may see leaves this module: stage labels and dates, and public messages. Internal
notes, officer names, the reported employee's data and other cases never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netralitas.cases.deadlines import case_timezone
from netralitas.cases.models import Case, CaseEvent, DeadlineRule
from netralitas.cases.workflow import Stage, Status, is_final
from netralitas.core import clock, crypto
from netralitas.registry.models import Region
from netralitas.sanctions.models import ViolationType
from netralitas.sanctions.remedies import public_status_label

STAGE_LABELS = {
    Stage.VERIFICATION.value: _("Verifikasi oleh Satgas Netralitas ASN"),
    Stage.REVIEW.value: _("Kajian oleh Bawaslu"),
    Stage.RECOMMENDATION.value: _("Rekomendasi BKN kepada Pejabat Pembina Kepegawaian (PPK)"),
    Stage.FOLLOW_UP.value: _("Tindak lanjut dan penjatuhan sanksi oleh PPK"),
}
TZ_LABELS = {choice.value: choice.label for choice in Region.TimeZone}


@dataclass(frozen=True)
class StageRule:
    stage: str
    label: str
    days: int
    unit: str
    legal_basis: str


def violation_catalog() -> list[ViolationType]:
    return list(ViolationType.objects.filter(active=True).order_by("order", "code"))


def stage_rules(on: dt.date | None = None) -> list[StageRule]:
    """The rule in force today for each stage, in the order a report goes through them."""
    on = on or clock.localdate()
    rules: list[StageRule] = []
    for stage in Stage:
        rule = (
            DeadlineRule.objects.filter(stage=stage.value)
            .exclude(valid_from__gt=on)
            .order_by(F("valid_from").desc(nulls_last=True))
            .first()
        )
        if rule is not None:
            rules.append(
                StageRule(
                    stage.value,
                    str(STAGE_LABELS[stage.value]),
                    rule.days,
                    rule.get_unit_display(),
                    rule.legal_basis,
                )
            )
    return rules


def normalise_number(number: str) -> str:
    return "".join((number or "").split()).upper()


def case_for_receipt(number: str, code: str) -> Case | None:
    """The case with this number whose receipt code matches; None for any mismatch (the caller shows one
    generic error, so a wrong code and an unknown number look the same)."""
    case = Case.objects.filter(number=normalise_number(number)).select_related("province").first()
    stored = case.receipt_hash if case else crypto.receipt_hash("0" * 12)  # same work either way
    if crypto.receipt_matches(code or "", stored) and case is not None:
        return case
    return None


def case_by_code(code: str) -> Case | None:
    return Case.objects.filter(code=code).select_related("province").first() if code else None


@dataclass(frozen=True)
class Dated:
    at: dt.datetime
    text: str


@dataclass(frozen=True)
class ReporterView:
    number: str
    status_label: str
    finished: bool
    received_at: dt.datetime
    deadline_at: dt.datetime | None
    tz_label: str
    stages: list[Dated]
    messages: list[Dated]
    additions: int
    merged: bool = False


def followed_case(case: Case) -> Case:
    """The case a reporter follows: their own, or after a merge the case it joined (merges can chain)."""
    seen = {case.pk}
    while case.merged_into_id is not None and case.merged_into_id not in seen:
        seen.add(case.merged_into_id)
        case = Case.objects.select_related("province").get(pk=case.merged_into_id)
    return case


def reporter_view(case: Case) -> ReporterView:
    tz: ZoneInfo = case_timezone(case)
    events = CaseEvent.objects.filter(case=case).order_by("at", "pk")
    stages = [
        Dated(timezone.localtime(at, tz), str(Status(to).label) if to in Status.values else to)
        for at, to in events.exclude(from_status="").exclude(to_status="").values_list("at", "to_status")
    ]
    messages = [
        Dated(timezone.localtime(at, tz), text)
        for at, text in events.exclude(public_message="").values_list("at", "public_message")
    ]
    # A merged report shows the joined case's stage and deadline from then on, never its number or content.
    followed = followed_case(case)
    return ReporterView(
        number=case.number,
        status_label=public_status_label(followed) or str(Status(followed.status).label),
        finished=is_final(followed.status),
        received_at=timezone.localtime(case.received_at, tz),
        deadline_at=timezone.localtime(followed.deadline_at, tz) if followed.deadline_at else None,
        tz_label=TZ_LABELS.get(tz.key, tz.key),
        stages=stages,
        messages=messages,
        additions=events.filter(action="reporter_information").count(),
        merged=followed.pk != case.pk,
    )
