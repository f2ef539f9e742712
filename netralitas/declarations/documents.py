"""Documents of a campaign: the signer's certificate (PDF with QR code) and the final report (PDF, XLSX)."""

from __future__ import annotations

import io

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from netralitas.core.formatting import long_datetime, number
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.queries import latest_document
from netralitas.documents.services import body_for_agency, document_issue, document_rendered

from .models import Campaign, Signature
from .queries import campaign_timezone, coverage


def verification_url(signature: Signature) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("declarations:verify", args=[signature.code])


def _reference(signature: Signature) -> str:
    return f"deklarasi:{signature.code}"


def certificate_document(signature: Signature) -> Document:
    """The signer's certificate as an issued document of the signer's agency (kop, number, PAdES signature,
    verification QR to SITE_URL), issued at its first download and the same file ever after. The signature
    row is locked while it is looked up or issued, so two first downloads issue one certificate."""
    with transaction.atomic():
        Signature.objects.select_for_update().filter(pk=signature.pk).first()
        existing = latest_document(reference=_reference(signature), kind=LetterKind.DECLARATION)
        if existing is not None:
            document = existing
        else:
            campaign = signature.campaign
            when = timezone.localtime(signature.signed_at, campaign_timezone(campaign))
            zone = dict(campaign.region._meta.get_field("timezone").flatchoices).get(
                campaign.region.timezone, ""
            )
            employee = signature.employee
            document = document_issue(
                body=body_for_agency(signature.agency),
                kind=LetterKind.DECLARATION,
                subject=f"Sertifikat deklarasi netralitas ASN: {campaign.title}"[:300],
                addressee=[employee.name, f"NIP {employee.nip}", signature.agency.name],
                public_addressee=f"Penanda tangan deklarasi, {signature.agency.name}"[:300],
                context={
                    "campaign": campaign.title,
                    "text": campaign.text,
                    "employee": {
                        "name": employee.name,
                        "nip": employee.nip,
                        "position": employee.position,
                        "agency": signature.agency.name,
                    },
                    "signed_at": f"{long_datetime(when, 'id')} {zone}".strip(),
                    "signature_code": signature.code,
                },
                actor=None,
                reference=_reference(signature),
                render_later=True,
            )
    return document_rendered(document)


def certificate_pdf(signature: Signature) -> bytes:
    with certificate_document(signature).file.open("rb") as handle:
        return handle.read()


def report_pdf(campaign: Campaign) -> bytes:
    data = coverage(campaign)
    at = timezone.localtime(data.at, campaign_timezone(campaign))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Laporan deklarasi {campaign.title}")
    _width, height = A4
    y = height - 2 * cm

    def line(text: str, font: str = "Helvetica", size: int = 10, x: float = 2 * cm) -> None:
        nonlocal y
        if y < 2 * cm:
            pdf.showPage()
            y = height - 2 * cm
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
        y -= size * 0.55 * cm / 10 + 0.15 * cm

    line("Laporan Deklarasi Netralitas ASN", "Helvetica-Bold", 15)
    line(campaign.title, "Helvetica", 11)
    line(f"Per {long_datetime(at, 'id')} · status: {campaign.get_state_display()}")
    t = data.total
    with translation.override("id"):
        total = f"Total: {number(t.signed)} dari {number(t.target)} ASN ({number(t.percent)} %)"
    line(total, "Helvetica-Bold", 11)
    y -= 0.3 * cm
    for title, rows in (("Per instansi", data.agencies), ("Per wilayah", data.regions)):
        line(title, "Helvetica-Bold", 11)
        for row in rows:
            pdf.setFont("Helvetica", 9)
            label = row.label if len(row.label) <= 60 else row.label[:57] + "..."
            line(label, size=9)
            y += 0.53 * cm
            with translation.override("id"):
                figures = f"{number(row.signed):>9} / {number(row.target):>9}   {number(row.percent):>5} %"
            line(figures, size=9, x=13 * cm)
        y -= 0.3 * cm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def report_xlsx(campaign: Campaign) -> bytes:
    from openpyxl import Workbook

    data = coverage(campaign)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Per instansi"
    sheet.append(["Instansi", "Wilayah", "Target", "Menandatangani", "Cakupan (%)"])
    for row in data.agencies:
        sheet.append([row.label, row.region, row.target, row.signed, row.percent])
    sheet.append(["Total", data.total.region, data.total.target, data.total.signed, data.total.percent])
    regions = book.create_sheet("Per wilayah")
    regions.append(["Wilayah", "Target", "Menandatangani", "Cakupan (%)"])
    for row in data.regions:
        regions.append([row.label, row.target, row.signed, row.percent])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
