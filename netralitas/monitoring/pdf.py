"""The weekly leadership summary as a PDF (reportlab): headline numbers, stuck agencies, overdue cases."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from netralitas.cases.figures import counted
from netralitas.cases.models import Case
from netralitas.cases.workflow import STAGE_OF_STATUS

from . import performance, queries
from .queries import CaseFilter
from .tables import Table

WIB = ZoneInfo("Asia/Jakarta")


def _pdf_table(table: Table, columns: list[int], widths: list[float]) -> PdfTable:
    data = [[table.headers[c] for c in columns]]
    data += [["" if row[c] is None else str(row[c]) for c in columns] for row in table.rows]
    return _styled(data, widths)


def _fit_headers(headers: list[str], widths: list[float], font: str, size: float) -> list[float]:
    """Widens a column whose header has a word longer than the column ("Peringk / at"), taking the room
    from the widest column; a header may wrap between words, never inside one."""
    points = [w * cm for w in widths]
    padding = 12  # reportlab's default cell padding, 6 pt each side
    for i, header in enumerate(headers):
        needed = max((stringWidth(word, font, size) for word in header.split()), default=0) + padding
        if points[i] < needed:
            widest = max(range(len(points)), key=lambda j: points[j] if j != i else -1)
            points[widest] -= needed - points[i]
            points[i] = needed
    return points


def _styled(data: list[list[str]], widths: list[float]) -> PdfTable:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    wrapped = [[Paragraph(text, cell) for text in row] for row in data]
    col_widths = _fit_headers(data[0], widths, cell.fontName, cell.fontSize)
    pdf_table = PdfTable(wrapped, colWidths=col_widths, repeatRows=1)
    pdf_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return pdf_table


def weekly_report_pdf(*, now: dt.datetime, period_start: dt.date, period_end: dt.date) -> bytes:
    cases = Case.objects.all()
    base = CaseFilter()
    counts = queries.bucket_figures(counted(cases))
    received_week = cases.filter(
        received_at__date__gte=period_start, received_at__date__lte=period_end
    ).aggregate(n=Count("pk"))["n"]
    at_risk, _rows = queries.at_risk_cases(cases, now, limit=0)
    overdue = queries.overdue_count(cases, now)
    intervals = performance.stage_intervals(cases)
    styles = getSampleStyleSheet()
    story: list[object] = [
        Paragraph("Ringkasan Mingguan Pengawasan Netralitas ASN", styles["Title"]),
        Paragraph(
            f"Periode {period_start:%d-%m-%Y} s.d. {period_end:%d-%m-%Y} · dibuat "
            f"{now.astimezone(WIB):%d-%m-%Y %H:%M} WIB · cakupan nasional",
            styles["Normal"],
        ),
        Spacer(1, 0.4 * cm),
        Paragraph("Angka utama", styles["Heading2"]),
        _styled(
            [["Ukuran", "Jumlah"]]
            + [[str(row[0]), f"{row[1]} (ASN {row[2]})"] for row in queries.totals_table(counts, base).rows]
            + [
                ["Laporan diterima minggu ini", str(received_week)],
                ["Belum selesai dan lewat batas waktu", str(overdue)],
                ["Batas waktu dalam 2 hari kerja", str(at_risk)],
            ],
            [10, 4],
        ),
        Spacer(1, 0.3 * cm),
        Paragraph("Kasus menurut kelompok tahapan", styles["Heading2"]),
        _pdf_table(queries.pipeline_table(counts, base), [0, 1], [10, 4]),
        Paragraph("Ketepatan waktu per tahap", styles["Heading2"]),
        _pdf_table(
            performance.deadline_table(intervals, now), [0, 1, 2, 3, 4, 5, 6], [4, 2, 2.3, 2.3, 2, 2, 2]
        ),
        Paragraph("Instansi dengan kasus macet terbanyak", styles["Heading2"]),
        _pdf_table(queries.agency_table(cases, base, now, limit=10), [0, 2, 3, 4], [8, 2.5, 2.5, 2.5]),
        Paragraph("Indeks kepatuhan PPK (terendah)", styles["Heading2"]),
    ]
    minimum = int(settings.MONITORING_COMPLIANCE_MIN_CASES)
    compliance = performance.compliance_table(performance.compliance(cases, intervals, now), minimum)
    compliance.rows = [r for r in compliance.rows if r[0] != "—"][:10]
    story.append(_pdf_table(compliance, [0, 1, 3, 4, 5], [1.5, 8, 2.5, 2.5, 2]))
    story.append(Paragraph("Kasus lewat batas waktu (terlama)", styles["Heading2"]))
    overdue_rows = [["Nomor", "Provinsi", "Instansi", "Tahap", "Batas waktu"]]
    for case in performance.overdue_list(cases, now, limit=30):
        stage = STAGE_OF_STATUS.get(case.status)
        deadline = case.deadline_at.astimezone(WIB) if case.deadline_at else None
        overdue_rows.append(
            [
                case.number,
                case.province.name,
                case.agency.name if case.agency else "—",
                performance.STAGE_LABELS.get(stage, case.status) if stage else case.status,
                f"{deadline:%d-%m-%Y}" if deadline else "—",
            ]
        )
    story.append(_styled(overdue_rows, [3, 3.5, 5.5, 3.5, 2.5]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title="Ringkasan Mingguan Netralitas ASN",
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
    )
    document.build(story)
    return buffer.getvalue()
