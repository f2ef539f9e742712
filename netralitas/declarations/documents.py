"""Documents of a campaign: the signer's certificate (PDF with QR code) and the final report (PDF, XLSX)."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

from .models import Campaign, Signature
from .queries import campaign_timezone, coverage


def verification_url(signature: Signature) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("declarations:verify", args=[signature.code])


def _qr_image(url: str) -> ImageReader:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return ImageReader(buffer)


def certificate_pdf(signature: Signature) -> bytes:
    campaign = signature.campaign
    when = timezone.localtime(signature.signed_at, campaign_timezone(campaign))
    url = verification_url(signature)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=landscape(A4))
    pdf.setTitle(f"Sertifikat deklarasi netralitas {signature.employee.nip}")
    width, height = landscape(A4)
    pdf.setLineWidth(3)
    pdf.rect(1.2 * cm, 1.2 * cm, width - 2.4 * cm, height - 2.4 * cm)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawCentredString(width / 2, height - 3.5 * cm, "SERTIFIKAT DEKLARASI NETRALITAS ASN")
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(width / 2, height - 4.5 * cm, campaign.title)
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(width / 2, height - 6 * cm, "Diberikan kepada")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, height - 7.2 * cm, signature.employee.name)
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(
        width / 2, height - 8 * cm, f"NIP {signature.employee.nip} · {signature.agency.name}"
    )
    pdf.setFont("Helvetica-Oblique", 11)
    y = height - 9.3 * cm
    for line in simpleSplit(campaign.text, "Helvetica-Oblique", 11, width - 10 * cm)[:8]:
        pdf.drawCentredString(width / 2, y, line)
        y -= 0.55 * cm
    pdf.setFont("Helvetica", 10)
    tzname = dict(campaign.region._meta.get_field("timezone").flatchoices).get(campaign.region.timezone, "")
    pdf.drawString(2.5 * cm, 3.4 * cm, f"Ditandatangani: {when:%d-%m-%Y %H:%M:%S} {tzname}")
    pdf.drawString(2.5 * cm, 2.8 * cm, f"Kode verifikasi: {signature.code}")
    pdf.drawString(2.5 * cm, 2.2 * cm, f"Periksa keaslian: {url}")
    qr = 4.2 * cm
    pdf.drawImage(_qr_image(url), width - 2.2 * cm - qr, 2.0 * cm, qr, qr)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


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
    line(f"Per {at:%d-%m-%Y %H:%M} · status: {campaign.get_state_display()}")
    t = data.total
    line(f"Total: {t.signed:,} dari {t.target:,} ASN ({t.percent} %)".replace(",", "."), "Helvetica-Bold", 11)
    y -= 0.3 * cm
    for title, rows in (("Per instansi", data.agencies), ("Per wilayah", data.regions)):
        line(title, "Helvetica-Bold", 11)
        for row in rows:
            pdf.setFont("Helvetica", 9)
            label = row.label if len(row.label) <= 60 else row.label[:57] + "..."
            line(label, size=9)
            y += 0.53 * cm
            line(
                f"{row.signed:>9,} / {row.target:>9,}   {row.percent:5.1f} %".replace(",", "."),
                size=9,
                x=13 * cm,
            )
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
