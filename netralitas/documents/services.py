"""Issuing a document: number → render → hash → sign → store → audit, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.core import clock
from netralitas.core.crypto import new_receipt_code
from netralitas.registry.models import Agency

from . import signing
from .models import Document, IssuingBody, NumberingScheme, Signatory
from .numbering import scheme_for, take_number
from .rendering import LetterParts, letter_pdf
from .seed import NATIONAL_BODIES, seed_national_bodies


class DocumentError(ValueError):
    pass


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("documents:verify", args=[code])


def signatory_for(body: IssuingBody, kind: str, day: dt.date) -> Signatory | None:
    """Who is in office on that day and signs that kind of letter (None: the letter is unsigned by name)."""
    for signatory in body.signatories.filter(valid_from__lte=day).order_by("-valid_from"):
        if signatory.in_office(day) and signatory.signs(kind):
            return signatory
    return None


def _new_code() -> str:
    # 60 random bits in Crockford base32, short enough to type from paper: XXXX-XXXX-XXXX.
    while True:
        code = new_receipt_code()
        if not Document.objects.filter(code=code).exists():
            return code


@transaction.atomic
def document_issue(
    *,
    body: IssuingBody,
    kind: str,
    subject: str,
    addressee: list[str],
    context: dict[str, Any],
    actor: User | None,
    reference: str = "",
    classification: str = "Biasa",
    attachment: str = "-",
    copies: list[str] | None = None,
    supersedes: Document | None = None,
    number: str = "",
    now: dt.datetime | None = None,
) -> Document:
    """Issues one letter of ``kind`` from ``body``: the next number of its scheme, the signatory in office,
    the PDF with its QR code, its SHA-256 signed with the documents key, and an audit event.

    ``number`` given: the letter was numbered outside the system (the body's agenda book); no counter is
    taken and the number must not be in use. A new version (``supersedes``) keeps the old number."""
    if not body.active:
        raise DocumentError(f"Badan penerbit {body} tidak aktif.")
    now = now or clock.now()
    day = timezone.localtime(now).date()
    sequence: int | None = None
    if supersedes is not None:
        number = supersedes.number
    elif number.strip():
        number = number.strip()
        if Document.objects.filter(body=body, kind=kind, number=number, supersedes__isnull=True).exists():
            raise DocumentError(f"Nomor surat {number} sudah dipakai oleh {body.short_name}.")
    else:
        sequence, number = take_number(scheme_for(body, kind), day)
    code = _new_code()
    parts = LetterParts(
        body=body,
        kind=kind,
        number=number,
        day=day,
        subject=subject,
        addressee=addressee,
        signatory=signatory_for(body, kind, day),
        code=code,
        verification_url=verification_url(code),
        classification=classification,
        attachment=attachment,
        copies=copies or [],
    )
    pdf = letter_pdf(parts, context)
    sha256 = hashlib.sha256(pdf).hexdigest()
    signature, key_id = signing.sign(sha256=sha256, number=number, code=code)
    document = Document(
        code=code,
        body=body,
        kind=kind,
        number=number,
        year=day.year,
        sequence=sequence,
        issued_on=day,
        issued_at=now,
        subject=subject,
        addressee=addressee[0] if addressee else "",
        reference=reference,
        signatory=parts.signatory,
        sha256=sha256,
        signature=signature,
        key_id=key_id,
        issued_by=actor,
        supersedes=supersedes,
    )
    document.file.save(f"{kind}-{code}.pdf", ContentFile(pdf), save=False)
    document.save()
    audit_record(
        actor=actor,
        action="document_issued",
        target=document,
        data={"number": number, "kind": kind, "sha256": sha256, "supersedes": supersedes and supersedes.code},
    )
    return document


@transaction.atomic
def document_revoke(*, document: Document, actor: User, reason: str) -> Document:
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.revoked_at is not None:
        raise DocumentError("Naskah ini sudah dicabut.")
    if not reason.strip():
        raise DocumentError("Alasan pencabutan wajib diisi.")
    locked.revoked_at, locked.revoked_reason = clock.now(), reason.strip()
    locked.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, action="document_revoked", target=locked, reason=locked.revoked_reason)
    return locked


def document_verifies(document: Document) -> bool:
    return signing.verify(
        sha256=document.sha256,
        number=document.number,
        code=document.code,
        signature=document.signature,
        key=document.key_id,
    )


def _city(agency: Agency) -> str:
    if agency.region is None:
        return "Jakarta"
    name = agency.region.name
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        name = name.removeprefix(prefix)
    return name


def body_for_agency(agency: Agency) -> IssuingBody:
    """The body that writes for an agency: a seeded national body with the agency's code, or the agency's
    PPK office, created with what the registry knows for an administrator to complete (address, logo)."""
    code = slugify(agency.code)
    body = IssuingBody.objects.filter(Q(agency=agency) | Q(code=code)).order_by("pk").first()
    if body is None and code in {row["code"] for row in NATIONAL_BODIES}:
        body = national_body(code)
    if body is not None:
        if body.agency_id is None:
            IssuingBody.objects.filter(pk=body.pk, agency__isnull=True).update(agency=agency)
        return body
    body, _created = IssuingBody.objects.get_or_create(
        code=code,
        defaults={
            "agency": agency,
            "name": agency.name,
            "short_name": (agency.short_name or agency.code).upper().replace(" ", "-")[:40],
            "name_lines": f"{agency.name}\nPejabat Pembina Kepegawaian",
            "address": agency.region.name if agency.region else "Jakarta",
            "city": _city(agency),
        },
    )
    return body


def national_body(code: str) -> IssuingBody:
    """A seeded national body (bkn, kasn, kemenpanrb, kemendagri, bawaslu, satgas); seeded again if a flush
    emptied the table."""
    body = IssuingBody.objects.filter(code=code).first()
    if body is None:
        seed_national_bodies(IssuingBody, Signatory, NumberingScheme)
        body = IssuingBody.objects.get(code=code)
    return body
