"""The recommendation letter of cases sent before letters became issued documents (netralitas.documents).

New letters are numbered, signed and stored when the act happens (sanctions/letters.py); this rebuilds
the text of an older recommendation from its records, unsigned, so its page still has a letter.
``compress=False`` keeps the content streams readable for tests.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime, viewer_zone
from netralitas.core import clock
from netralitas.sanctions.models import Level, Recommendation, Track

_styles = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_styles["BodyText"], fontSize=10.5, leading=14)
HEAD = ParagraphStyle("head", parent=_styles["Title"], fontSize=13, leading=16)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)


def id_date(day: dt.date) -> str:
    with translation.override("id"):
        return formats.date_format(day, "j F Y")


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


def _facts(rows: list[tuple[str, str]]) -> Table:
    table = Table(
        [[_p(escape(k)), _p(escape(v))] for k, v in rows], colWidths=[45 * mm, 120 * mm], hAlign="LEFT"
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _build(story: list[object], title: str, compress: bool) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="Netralitas ASN · Sistem Berbagi Terintegrasi",
        pageCompression=1 if compress else 0,
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue()


def _deadline(case: Case, zone: str) -> str:
    return local_datetime(case.deadline_at, zone) if case.deadline_at else "-"


def _employee_rows(case: Case) -> list[tuple[str, str]]:
    employee = case.employee
    if employee is None:
        return [("Terlapor", case.subject_name)]
    return [
        ("Nama", employee.name),
        ("NIP", employee.nip),
        ("Jabatan", employee.position or "-"),
        ("Unit kerja", employee.unit or "-"),
        ("Instansi", employee.agency.name),
    ]


def legacy_recommendation_letter_pdf(
    *, case: Case, recommendation: Recommendation, compress: bool = True
) -> bytes:
    """The letter BKN sends to the PPK: number, addressee, employee, violations with their legal basis,
    the recommended sanction and the follow-up deadline."""
    agency = case.agency or (case.employee.agency if case.employee else None)
    sent_at = recommendation.sent_at or clock.now()
    zone = viewer_zone(None, case)
    violations = list(recommendation.violation_types.order_by("order"))
    sanction = recommendation.sanction_type
    sender = (
        recommendation.sending_agency.name if recommendation.sending_agency else "Badan Kepegawaian Negara"
    )
    story: list[object] = [
        _p(escape(sender.upper()), HEAD),
        _p("Sistem Berbagi Terintegrasi Pengawasan Netralitas ASN", SMALL),
        Spacer(1, 6 * mm),
        _facts(
            [
                ("Nomor", recommendation.letter_number or "-"),
                ("Tanggal", id_date(timezone.localtime(sent_at).date())),
                ("Perihal", "Rekomendasi penjatuhan sanksi atas pelanggaran netralitas ASN"),
                ("Nomor aduan", case.number),
            ]
        ),
        Spacer(1, 5 * mm),
        _p(f"Kepada Yth.<br/>{escape(agency.ppk_title if agency else 'Pejabat Pembina Kepegawaian')}"),
        _p(escape(agency.name) if agency else "", BODY),
        Spacer(1, 4 * mm),
        _p(
            "Berdasarkan hasil kajian Badan Pengawas Pemilihan Umum atas laporan nomor "
            f"<b>{escape(case.number)}</b>, pegawai ASN berikut terbukti melanggar netralitas ASN:"
        ),
        _facts(_employee_rows(case)),
        Spacer(1, 3 * mm),
        _p("<b>Pelanggaran dan dasar hukumnya:</b>"),
    ]
    for v in violations:
        story.append(_p(f"{escape(v.number)}. {escape(v.name)} ({escape(v.legal_basis)})"))
    story += [
        Spacer(1, 3 * mm),
        _p(
            f"<b>Rekomendasi:</b> jalur {escape(str(Track(recommendation.track).label))}, "
            f"{escape(str(Level(recommendation.level).label))}, berupa {escape(sanction.name)} "
            f"({escape(sanction.legal_basis)})."
        ),
        _p(f"<b>Pertimbangan:</b> {escape(recommendation.rationale)}"),
        Spacer(1, 3 * mm),
        _p(
            "Saudara diminta menjatuhkan sanksi dan mencatat keputusannya di Sistem Berbagi Terintegrasi "
            "paling lambat <b>"
            + escape(_deadline(case, zone))
            + "</b>. Bila batas waktu terlewati, auditor manajemen ASN menerbitkan surat peringatan "
            "dan dapat mengusulkan pemblokiran data ASN yang bersangkutan di SIASN "
            "(Peraturan BKN Nomor 1 Tahun 2023)."
        ),
        Spacer(1, 8 * mm),
        _p(escape(sender)),
        _p("Dokumen ini dibuat oleh sistem; keasliannya dapat diperiksa melalui nomor aduan.", SMALL),
    ]
    return _build(story, f"Rekomendasi {case.number}", compress)
