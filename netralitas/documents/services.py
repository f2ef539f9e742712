"""Issuing a document: number → record → audit in the caller's transaction; render → PAdES-sign → hash →
sign → store after it commits (ADR 0027)."""

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
from netralitas.core.crypto import decrypt_json, encrypt_json, new_receipt_code
from netralitas.registry.models import Agency

from . import pades, signing
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
    render_later: bool = False,
    public_addressee: str | None = None,
) -> Document:
    """Issues one letter of ``kind`` from ``body``: the next number of its scheme, the signatory in office
    and an audit event, in the caller's transaction; the PDF (with its QR code and the body's PAdES
    signature), its SHA-256 and the Ed25519 signature of the record follow once that transaction commits,
    so the caller's locks (the case row, the counter) are held for milliseconds, not for the rendering.

    ``context`` must be JSON data (strings, numbers, lists, dicts). ``number`` given: the letter was
    numbered outside the system (the body's agenda book); no counter is taken and the number must not be
    in use. A new version (``supersedes``) keeps the old number. ``render_later``: no rendering is
    scheduled; the file is made on first access (``document_rendered``) or by the sweep.
    ``public_addressee``: what the public verification page names as addressee when the letter's own
    first line is personal data (a certificate's holder)."""
    if not body.active:
        raise DocumentError(f"Badan penerbit {body} tidak aktif.")
    now = now or clock.now()
    day = timezone.localtime(now).date()
    try:
        certificate = pades.certificate_for(body)
    except pades.CertificateError as error:
        raise DocumentError(str(error)) from None
    with transaction.atomic():
        sequence: int | None = None
        if supersedes is not None:
            number = supersedes.number
        elif number.strip():
            number = number.strip()
            if Document.objects.filter(body=body, kind=kind, number=number, supersedes__isnull=True).exists():
                raise DocumentError(f"Nomor surat {number} sudah dipakai oleh {body.short_name}.")
        else:
            sequence, number = take_number(scheme_for(body, kind), day)
        document = Document.objects.create(
            code=_new_code(),
            body=body,
            kind=kind,
            number=number,
            year=day.year,
            sequence=sequence,
            issued_on=day,
            issued_at=now,
            subject=subject,
            addressee=public_addressee
            if public_addressee is not None
            else (addressee[0] if addressee else ""),
            reference=reference,
            signatory=signatory_for(body, kind, day),
            certificate=certificate,
            issued_by=actor,
            supersedes=supersedes,
            render_input=encrypt_json(
                {
                    "addressee": addressee,
                    "copies": copies or [],
                    "classification": classification,
                    "attachment": attachment,
                    "context": context,
                }
            ),
        )
        audit_record(
            actor=actor,
            action="document_issued",
            target=document,
            data={"number": number, "kind": kind, "supersedes": supersedes and supersedes.code},
        )
    pk = document.pk
    if render_later:
        return document
    if _commits_now():
        return document_rendered(document)
    transaction.on_commit(lambda: _render_after_commit(pk), robust=True)
    return document


def _commits_now() -> bool:
    """No transaction of the caller's is open (only a test case's, which never commits)."""
    return all(
        getattr(block, "_from_testcase", False) for block in transaction.get_connection().atomic_blocks
    )


def _render_after_commit(pk: int) -> None:
    document = Document.objects.filter(pk=pk).first()
    if document is not None:
        document_rendered(document)


def _parts(document: Document, data: dict[str, Any]) -> LetterParts:
    return LetterParts(
        body=document.body,
        kind=document.kind,
        number=document.number,
        day=document.issued_on,
        subject=document.subject,
        addressee=list(data["addressee"]),
        signatory=document.signatory,
        code=document.code,
        verification_url=verification_url(document.code),
        classification=data["classification"],
        attachment=data["attachment"],
        copies=list(data["copies"]),
    )


def document_rendered(document: Document) -> Document:
    """The document with its file: rendered, PAdES-signed, hashed and signed now if it was not yet (after
    the issuing commit, or on first access when that failed). Two renderers racing store one file: the
    first conditional update wins and the other's file is deleted."""
    if document.rendered:
        return document
    fresh = Document.objects.select_related("body", "signatory", "certificate").get(pk=document.pk)
    if fresh.rendered or fresh.render_input is None:
        return fresh
    data = decrypt_json(bytes(fresh.render_input))
    parts = _parts(fresh, data)
    certificate = fresh.certificate or pades.certificate_for(fresh.body)
    pdf = pades.sign_pdf(
        letter_pdf(parts, data["context"]),
        certificate,
        pades.SignatureLabels(
            name=parts.signatory.name if parts.signatory else fresh.body.name,
            reason=f"{fresh.get_kind_display()} nomor {fresh.number}",
            location=fresh.body.city,
            contact=fresh.body.email,
        ),
    )
    sha256 = hashlib.sha256(pdf).hexdigest()
    signature, key_id = signing.sign(sha256=sha256, number=fresh.number, code=fresh.code)
    name = fresh.file.storage.save(
        f"documents/{fresh.issued_on:%Y}/{fresh.kind}-{fresh.code}.pdf", ContentFile(pdf)
    )
    updated = Document.objects.filter(pk=fresh.pk, sha256="").update(
        file=name,
        sha256=sha256,
        signature=signature,
        key_id=key_id,
        certificate=certificate,
        rendered_at=clock.now(),
        render_input=None,
    )
    if not updated:
        fresh.file.storage.delete(name)
    fresh.refresh_from_db()
    for field in ("file", "sha256", "signature", "key_id", "certificate_id", "rendered_at", "render_input"):
        setattr(document, field, getattr(fresh, field))
    return document


def documents_render_pending() -> int:
    """Renders the documents whose after-commit rendering did not run (a crash between the two)."""
    count = 0
    for document in Document.objects.filter(sha256="").order_by("id"):
        document_rendered(document)
        count += 1
    return count


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
    document = document_rendered(document)
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
