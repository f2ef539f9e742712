"""The letters of the sanction stage and of the escalation ladder, issued through netralitas.documents.

Each function builds the letter's text context from the case and issues it inside the caller's
transaction (the service that records the act), so the act, its number and its signed PDF commit together.
A number typed by the officer (a letter numbered in the body's agenda book) is kept; otherwise the body's
numbering scheme gives the next one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from netralitas.accounts.models import User
from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime, viewer_zone
from netralitas.documents.models import Document, IssuingBody, LetterKind
from netralitas.documents.rendering import id_date
from netralitas.documents.services import body_for_agency, document_issue, national_body
from netralitas.registry.holders import ppk_on
from netralitas.registry.models import Agency

from .models import ControlAction, Decision, Level, Recommendation, Track

SIASN_ADDRESSEE = [
    "Direktur Pengolahan Data dan Penyajian Informasi Kepegawaian",
    "Badan Kepegawaian Negara",
    "di Jakarta",
]
MINISTERS = [
    "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "Menteri Dalam Negeri",
    "di Jakarta",
]


def _agency(case: Case) -> Agency | None:
    return case.agency or (case.employee.agency if case.employee else None)


def _ppk(case: Case, now: dt.datetime) -> list[str]:
    """The PPK on the letter's day: the acting official (Plt/Plh) while the head is away, by name when
    the holder is recorded ("Plt. Bupati Muara Enim", name)."""
    agency = _agency(case)
    if agency is None:
        return ["Pejabat Pembina Kepegawaian"]
    ppk = ppk_on(agency, timezone.localtime(now).date())
    named = [ppk.name] if ppk.holder is not None and ppk.name else []
    return [ppk.title, *named, "selaku Pejabat Pembina Kepegawaian", agency.name]


def _deadline(case: Case) -> str:
    return local_datetime(case.deadline_at, viewer_zone(None, case)) if case.deadline_at else "-"


def _base(case: Case) -> dict[str, Any]:
    employee = case.employee
    agency = _agency(case)
    return {
        "case_number": case.number,
        "subject_name": case.subject_name,
        "employee": None
        if employee is None
        else {
            "name": employee.name,
            "nip": employee.nip,
            "position": employee.position,
            "unit": employee.unit,
            "agency": employee.agency.name,
        },
        "agency": agency.name if agency else "-",
        "ppk_title": agency.ppk_title if agency else "-",
        "deadline": _deadline(case),
    }


def _control_body(actor: User | None) -> IssuingBody:
    """The body that runs control actions: the acting officer's agency when it has a body, else BKN."""
    if actor is not None and actor.agency is not None and actor.agency.is_oversight_body:
        return body_for_agency(actor.agency)
    return national_body("bkn")


def _copies(case: Case, *extra: str) -> list[str]:
    return [*extra, "Ketua Badan Pengawas Pemilihan Umum"]


def issue_recommendation(
    *, case: Case, recommendation: Recommendation, actor: User, number: str, now: dt.datetime
) -> Document:
    sender = recommendation.sending_agency
    body = body_for_agency(sender) if sender is not None else national_body("bkn")
    sanction = recommendation.sanction_type
    context = {
        **_base(case),
        "violations": [
            {"name": v.name, "legal_basis": v.legal_basis}
            for v in recommendation.violation_types.order_by("order")
        ],
        "track": str(Track(recommendation.track).label),
        "level": str(Level(recommendation.level).label).lower(),
        "sanction": sanction.name,
        "sanction_basis": sanction.legal_basis,
        "rationale": recommendation.rationale,
    }
    return document_issue(
        body=body,
        kind=LetterKind.RECOMMENDATION,
        subject="Rekomendasi penjatuhan sanksi atas pelanggaran netralitas ASN",
        addressee=_ppk(case, now),
        context=context,
        actor=actor,
        reference=case.number,
        classification="Segera",
        copies=_copies(case, "Kepala Badan Kepegawaian Negara"),
        number=number,
        now=now,
    )


def issue_reminder(*, case: Case, days_left: int, now: dt.datetime) -> Document:
    return document_issue(
        body=national_body("bkn"),
        kind=LetterKind.REMINDER,
        subject="Pengingat batas waktu tindak lanjut rekomendasi netralitas ASN",
        addressee=_ppk(case, now),
        context={**_base(case), "days_left": days_left},
        actor=None,
        reference=case.number,
        now=now,
    )


def issue_warning(*, case: Case, actor: User, number: str, now: dt.datetime) -> Document:
    return document_issue(
        body=_control_body(actor),
        kind=LetterKind.WARNING,
        subject="Surat peringatan tindak lanjut pelanggaran netralitas ASN",
        addressee=_ppk(case, now),
        context={**_base(case), "block_after_days": settings.BLOCK_AFTER_WARNING_DAYS},
        actor=actor,
        reference=case.number,
        classification="Penting",
        copies=_copies(case, "Kepala Badan Kepegawaian Negara"),
        number=number,
        now=now,
    )


def issue_block_request(
    *, case: Case, actor: User, warning: ControlAction | None, now: dt.datetime
) -> Document:
    return document_issue(
        body=_control_body(actor),
        kind=LetterKind.BLOCK_REQUEST,
        subject="Permohonan pemblokiran layanan kepegawaian di SIASN",
        addressee=SIASN_ADDRESSEE,
        context={
            **_base(case),
            "warning_number": warning.number if warning else "-",
            "approved_on": id_date(timezone.localtime(now).date()),
        },
        actor=actor,
        reference=case.number,
        classification="Segera",
        copies=[_ppk(case, now)[0] + " selaku Pejabat Pembina Kepegawaian"],
        now=now,
    )


def issue_unblock(*, case: Case, actor: User, note: str, now: dt.datetime) -> Document:
    decision = Decision.objects.filter(case=case).first()
    return document_issue(
        body=_control_body(actor),
        kind=LetterKind.UNBLOCK,
        subject="Pemberitahuan pembukaan blokir layanan kepegawaian di SIASN",
        addressee=_ppk(case, now),
        context={
            **_base(case),
            "decree_number": decision.decree_number if decision else "-",
            "decree_date": id_date(decision.decree_date) if decision else "-",
            "note": note,
        },
        actor=actor,
        reference=case.number,
        copies=[SIASN_ADDRESSEE[0] + " BKN"],
        now=now,
    )


def issue_ppk_report(
    *,
    case: Case,
    actor: User,
    number: str,
    warning: ControlAction | None,
    block: ControlAction | None,
    now: dt.datetime,
) -> Document:
    blocked_on = block.done_at if block is not None and block.done_at is not None else now
    return document_issue(
        body=_control_body(actor),
        kind=LetterKind.PPK_REPORT,
        subject="Laporan Pejabat Pembina Kepegawaian yang tidak menindaklanjuti rekomendasi",
        addressee=MINISTERS,
        context={
            **_base(case),
            "warning_number": warning.number if warning else "-",
            "blocked_on": id_date(timezone.localtime(blocked_on).date()),
        },
        actor=actor,
        reference=case.number,
        copies=_copies(case, "Kepala Badan Kepegawaian Negara"),
        number=number,
        now=now,
    )
