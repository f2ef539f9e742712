"""Files of a case, streamed through Django after the access check: evidence, the decree and letters.

Evidence is never served from a public /media/ URL; each download goes through ``get_case_for_user``
(404 outside scope) and is addressed by its SHA-256, not by a sequential id. Evidence comes from the
public, so only photos (re-encoded on upload) are shown inline; PDFs and videos are downloaded as
attachments, never rendered in the staff session's origin, and every file answers under a sandboxing CSP
with ``nosniff``.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User
from netralitas.cases import queries
from netralitas.cases.letters import INTAKE_KINDS, intake_letters
from netralitas.documents.models import Document
from netralitas.documents.services import document_rendered
from netralitas.sanctions.models import ControlAction, Decision, Hearing, Recommendation, Summons

from .letters import legacy_recommendation_letter_pdf

INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    return response


@staff_required
def evidence_file(request: HttpRequest, code: str, sha256: str) -> HttpResponseBase:
    case = queries.get_case_for_user(_user(request), code)
    evidence = case.evidence.filter(sha256=sha256).first()
    if evidence is None:
        raise Http404("Bukti tidak ditemukan.")
    inline = evidence.content_type in INLINE_TYPES
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not inline,
        filename=evidence.original_name,
    )
    return _private(response)


def _letter(document: Document | None, filename: str) -> HttpResponseBase:
    if document is None:
        raise Http404("Surat belum diterbitkan.")
    document = document_rendered(document)  # rendered after its issuing commit; here if that failed
    response = FileResponse(document.file.open("rb"), content_type="application/pdf", filename=filename)
    return _private(response)


@staff_required
def recommendation_letter(request: HttpRequest, code: str) -> HttpResponseBase:
    case = queries.get_case_for_user(_user(request), code)
    recommendation = (
        Recommendation.objects.filter(case=case, sent_at__isnull=False)
        .select_related("sanction_type", "sending_agency", "letter")
        .first()
    )
    if recommendation is None:
        raise Http404("Rekomendasi belum dikirim.")
    if recommendation.letter is not None:
        return _letter(recommendation.letter, f"rekomendasi-{case.number}.pdf")
    # Sent before letters were issued documents: the text rebuilt from the records, unsigned.
    pdf = legacy_recommendation_letter_pdf(case=case, recommendation=recommendation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rekomendasi-{case.number}.pdf"'
    return _private(response)


@staff_required
def warning_letter(request: HttpRequest, code: str) -> HttpResponseBase:
    return control_letter(request, code, ControlAction.Kind.WARNING)


@staff_required
def control_letter(request: HttpRequest, code: str, kind: str) -> HttpResponseBase:
    """The issued letter of one rung of the escalation ladder (reminder, warning, block, report, unblock)."""
    case = queries.get_case_for_user(_user(request), code)
    if kind in INTAKE_KINDS:  # the receipt and the forwarding letter: the latest of the kind
        latest = next((d for d in intake_letters(case) if d.kind == kind), None)
        return _letter(latest, f"{kind}-{case.number}.pdf")
    if kind not in ControlAction.Kind.values:
        raise Http404("Jenis surat tidak dikenal.")
    action = ControlAction.objects.filter(case=case, kind=kind).select_related("letter").first()
    if action is not None and action.letter is None and action.document:
        response = FileResponse(
            action.document.open("rb"), content_type="application/pdf", filename=f"{kind}-{case.number}.pdf"
        )
        return _private(response)
    return _letter(action.letter if action else None, f"{kind}-{case.number}.pdf")


@staff_required
def decree_file(request: HttpRequest, code: str) -> HttpResponseBase:
    case = queries.get_case_for_user(_user(request), code)
    decision = Decision.objects.filter(case=case).exclude(document="").first()
    if decision is None:
        raise Http404("Dokumen keputusan tidak ada.")
    response = FileResponse(
        decision.document.open("rb"), content_type="application/pdf", filename=f"keputusan-{case.number}.pdf"
    )
    return _private(response)


@staff_required
def summons_letter(request: HttpRequest, code: str, ordinal: int) -> HttpResponseBase:
    case = queries.get_case_for_user(_user(request), code)
    summons = Summons.objects.filter(hearing__case=case, ordinal=ordinal).select_related("letter").first()
    return _letter(summons.letter if summons else None, f"panggilan-{ordinal}-{case.number}.pdf")


@staff_required
def hearing_minutes_file(request: HttpRequest, code: str) -> HttpResponseBase:
    """The BAP, always as an attachment (a scanned PDF or photo, stripped of metadata on upload)."""
    case = queries.get_case_for_user(_user(request), code)
    hearing = Hearing.objects.filter(case=case).exclude(minutes="").first()
    if hearing is None:
        raise Http404("Berita acara pemeriksaan belum diunggah.")
    response = FileResponse(
        hearing.minutes.open("rb"), as_attachment=True, filename=hearing.minutes_name or "bap.pdf"
    )
    return _private(response)
