"""Reads for the public verification page: only what a document's holder may learn from it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from netralitas.core.crypto import normalise_receipt_code

from .models import Document


def normalise_code(code: str) -> str:
    raw = normalise_receipt_code(code)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def latest_document(*, reference: str, kind: str) -> Document | None:
    """The newest issued document of a kind for a reference (a case number), revoked or not."""
    return Document.objects.filter(reference=reference, kind=kind).order_by("-issued_at", "-id").first()


def document_by_code(code: str) -> Document | None:
    return Document.objects.select_related("body", "superseded_by").filter(code=normalise_code(code)).first()


@dataclass(frozen=True)
class Standing:
    valid: bool
    label: str


def standing(document: Document, signature_ok: bool) -> Standing:
    """Valid, revoked, superseded or tampered — the one answer the page leads with."""
    if not signature_ok:
        return Standing(
            False, _("Tanda tangan elektronik tidak cocok: data naskah ini tidak dapat dipercaya.")
        )
    if document.revoked_at is not None:
        return Standing(False, _("Naskah ini telah dicabut oleh penerbitnya."))
    superseded = getattr(document, "superseded_by", None)
    if superseded is not None:
        return Standing(
            False,
            _("Naskah ini telah diganti dengan versi baru bernomor %(number)s.")
            % {"number": superseded.number},
        )
    return Standing(True, _("Naskah ini asli dan berlaku."))
