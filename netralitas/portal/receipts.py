"""The receipt code between submission and the reporter writing it down (ADR 0007).

The database keeps only the code's hash. The plain code lives encrypted in the submitter's session until
the PDF receipt is downloaded or PORTAL_RECEIPT_TTL_MINUTES pass, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from netralitas.core import clock, crypto

SESSION_KEY = "portal_receipt"


def receipt_remember(session: SessionBase, *, number: str, code: str) -> None:
    until = clock.now() + dt.timedelta(minutes=int(settings.PORTAL_RECEIPT_TTL_MINUTES))
    session[SESSION_KEY] = {
        "number": number,
        "sealed": crypto.encrypt_json({"code": code}).decode(),
        "until": until.isoformat(),
    }


def receipt_code(session: SessionBase, number: str) -> str | None:
    """The plain code for ``number`` if this session still holds it; an expired one is wiped."""
    held = session.get(SESSION_KEY)
    if not held or held.get("number") != number:
        return None
    if dt.datetime.fromisoformat(held["until"]) < clock.now():
        receipt_forget(session)
        return None
    code: str = crypto.decrypt_json(held["sealed"].encode())["code"]
    return code


def receipt_forget(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def receipt_pdf(
    *, number: str, code: str, submitted_at: dt.datetime, tz_label: str, status_url: str
) -> bytes:
    """A one-page PDF: number, code, date, what happens next, where to check. No personal data."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"Tanda terima {number}")
    pdf.setAuthor("Sistem Berbagi Terintegrasi Netralitas ASN")
    height = A4[1]
    x, y = 20 * mm, height - 25 * mm

    def line(text: str, size: int = 11, font: str = "Helvetica", gap: float = 6.5) -> None:
        nonlocal y
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
        y -= gap * mm

    line("Tanda Terima Pengaduan Netralitas ASN", 16, "Helvetica-Bold", 10)
    line("Sistem Berbagi Terintegrasi (SBT) Netralitas Pegawai ASN", 10, gap=10)
    line("Nomor aduan", 10)
    line(number, 18, "Helvetica-Bold", 10)
    line("Kode rahasia (simpan, jangan bagikan)", 10)
    line(code, 18, "Courier-Bold", 10)
    line(f"Diterima: {submitted_at:%d-%m-%Y %H:%M} {tz_label}", 11, gap=10)
    line("Apa yang terjadi selanjutnya", 12, "Helvetica-Bold", 7)
    for text in (
        "1. Satgas Netralitas ASN memverifikasi laporan dan mencocokkan terlapor.",
        "2. Bawaslu mengkaji laporan dan menyimpulkan terbukti atau tidak.",
        "3. Bila terbukti, BKN menyampaikan rekomendasi kepada PPK instansi terlapor.",
        "4. PPK menjatuhkan sanksi; BKN mengawasi pelaksanaannya.",
    ):
        line(text, 10, gap=6)
    y -= 4 * mm
    line("Cek status laporan dengan nomor aduan dan kode rahasia di:", 10)
    line(status_url, 11, "Helvetica-Bold", 10)
    line("Kode rahasia hanya ditampilkan sekali dan tidak dapat dipulihkan bila hilang.", 9)
    line("Identitas pelapor dilindungi; dokumen ini tidak memuat data pribadi.", 9)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
