"""The letters of intake and verification, issued through netralitas.documents from the case's own acts:
the complaint receipt when a report is filed, the Satgas forwarding letter when the case goes to Bawaslu.

Both are issued in the act's transaction (their numbers commit or roll back with it) and rendered later,
on first access or by the sweep (``render_later``): a reporter's submission does not wait for a PDF. A
case's letters are found by its number (``Document.reference``), which is never public."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from netralitas.accounts.models import User
from netralitas.core.formatting import long_date
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.queries import latest_document
from netralitas.documents.services import document_issue, national_body

from .models import Case, Source
from .notifications import local_datetime

REVIEW_DAYS = 3  # working days of Bawaslu's review (the kajian stage's deadline rule decides the date)


def _zone(case: Case) -> str:
    return case.province.timezone or "Asia/Jakarta"


def _employee(case: Case) -> dict[str, str] | None:
    employee = case.employee
    if employee is None:
        return None
    return {
        "name": employee.name,
        "nip": employee.nip,
        "position": employee.position,
        "unit": employee.unit,
        "agency": employee.agency.name,
    }


def issues_receipt(case: Case) -> bool:
    return case.source != Source.SYSTEM


def issue_receipt(*, case: Case, actor: User | None, now: dt.datetime) -> Document:
    """The Satgas's receipt of a report: its number, when it came, when verification ends, where to follow
    it. Addressed to "the reporter of report N": no name, no contact, no secret code."""
    zone = _zone(case)
    return document_issue(
        body=national_body("satgas"),
        kind=LetterKind.RECEIPT,
        subject="Tanda terima aduan dugaan pelanggaran netralitas ASN",
        addressee=[f"Pelapor aduan nomor {case.number}"],
        context={
            "case_number": case.number,
            "received_at": local_datetime(case.received_at, zone),
            "verification_deadline": long_date(case.deadline_at.astimezone(ZoneInfo(zone)), "id")
            if case.deadline_at
            else "-",
            "status_url": settings.SITE_URL + reverse("portal:status"),
        },
        actor=actor,
        reference=case.number,
        now=now,
        render_later=True,
    )


def issue_forwarding(*, case: Case, actor: User | None, now: dt.datetime) -> Document:
    """The Satgas's letter forwarding a verified report to Bawaslu for review, copied to BKN."""
    return document_issue(
        body=national_body("satgas"),
        kind=LetterKind.FORWARDING,
        subject="Penerusan aduan dugaan pelanggaran netralitas ASN untuk dikaji",
        addressee=["Ketua Badan Pengawas Pemilihan Umum", "di Jakarta"],
        copies=["Kepala Badan Kepegawaian Negara"],
        context={
            "case_number": case.number,
            "employee": _employee(case),
            "review_days": REVIEW_DAYS,
            "deadline": local_datetime(case.deadline_at, _zone(case)) if case.deadline_at else "-",
        },
        actor=actor,
        reference=case.number,
        now=now,
        render_later=True,
    )


def receipt_of(case: Case) -> Document | None:
    return latest_document(reference=case.number, kind=LetterKind.RECEIPT)


def forwarding_of(case: Case) -> Document | None:
    return latest_document(reference=case.number, kind=LetterKind.FORWARDING)


INTAKE_KINDS = (LetterKind.RECEIPT, LetterKind.FORWARDING)


def intake_letters(case: Case) -> list[Document]:
    """The case's receipt and forwarding letters, newest first (a case forwarded twice has two)."""
    return list(
        Document.objects.filter(reference=case.number, kind__in=INTAKE_KINDS)
        .select_related("body")
        .order_by("-issued_at", "-id")
    )
