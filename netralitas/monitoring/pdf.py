"""The weekly leadership report as an official document (netralitas.documents, ADR 0019/0027): the kop,
number, signatory and verification QR of BKN, and the national picture as a person presents it at a
rakor — the headline numbers, the pipeline, the province map, the trend, the worst agencies and the
overdue cases by stage. Charts are the dashboard's own SVG (vector in the PDF), numbers are written the
Indonesian way (core.formatting), tables have fixed column widths and headings stay with their content
(templates/documents/letters/laporan_mingguan.html)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count
from django.utils import translation

from netralitas.cases.figures import counted
from netralitas.cases.models import Case
from netralitas.cases.workflow import STAGE_OF_STATUS
from netralitas.core.formatting import long_date, long_datetime, number
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.services import document_issue, document_rendered, national_body
from netralitas.registry.models import Region

from . import charts, performance, queries
from .queries import CaseFilter
from .suppression import Hidden, Small
from .tables import Table

WIB = ZoneInfo("Asia/Jakarta")

# The dashboard's SVG charts take their look from the site's CSS; in the PDF each carries its own.
SVG_STYLE = (
    "<style>"
    ".chart-label,.chart-value{font:10px 'Naskah',serif;fill:#111}"
    ".chart-suppressed{fill:#555}.chart-bar{fill:#2b6cb0}"
    ".tile{stroke:#fff;stroke-width:1}.tile-code{font:bold 10px 'Naskah',serif;fill:#111}"
    ".tile-share{font:9px 'Naskah',serif;fill:#111}"
    "</style>"
)


def _for_pdf(svg: str) -> str:
    """The SVG with its own style and without links (a tile's link is a page of the site, not of the PDF)."""
    svg = re.sub(r"<a [^>]*>", "", svg).replace("</a>", "")
    return re.sub(r'(xmlns="http://www.w3.org/2000/svg">)', r"\1" + SVG_STYLE, svg, count=1)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Small | Hidden):
        return str(value) if isinstance(value, Small) else charts.HIDDEN_MARK
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number(value)
    return str(value)


def _numeric(table: Table, column: int, rows: list[list[Any]]) -> bool:
    values = [row[column] for row in rows if row[column] is not None]
    return column != table.label_column and all(
        isinstance(v, int | float | Small | Hidden) and not isinstance(v, bool) for v in values
    )


def _table(table: Table, columns: list[int], widths: list[int], limit: int | None = None) -> dict[str, Any]:
    """A table as the template lays it out: chosen columns, their widths in percent, cells as text, numbers
    right-aligned."""
    rows = table.rows[:limit] if limit is not None else table.rows
    numeric = [_numeric(table, c, rows) for c in columns]
    return {
        "title": table.title,
        "note": table.note,
        "columns": [
            {"header": table.headers[c], "width": w, "numeric": n}
            for c, w, n in zip(columns, widths, numeric, strict=True)
        ],
        "rows": [
            [{"text": _cell(row[c]), "numeric": n} for c, n in zip(columns, numeric, strict=True)]
            for row in rows
        ],
        "footer": [
            {"text": _cell(table.footer[c]), "numeric": n} for c, n in zip(columns, numeric, strict=True)
        ]
        if table.footer
        else None,
    }


def _province_map(cases: Any, base: CaseFilter, now: dt.datetime) -> str:
    open_cases = cases.filter(queries.OPEN_Q)
    overdue = queries.overdue_by_province_and_agency(open_cases, now)
    province = queries.province_table(cases, base, now, overdue=overdue["province_id"])
    shown = {str(row[0]): row for row in province.rows}
    tiles = []
    for region in Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"):
        row = shown.get(region.name)
        share = row[4] if row else None
        tiles.append(
            charts.Tile(
                region.code,
                region.name,
                region.latitude,
                region.longitude,
                share if isinstance(share, float) else (0.0 if row else None),
                region.name,
                None,
            )
        )
    return _for_pdf(
        str(charts.province_map(tiles, "Peta provinsi: persentase kasus belum selesai yang lewat batas"))
    )


def weekly_report_context(*, now: dt.datetime, period_start: dt.date, period_end: dt.date) -> dict[str, Any]:
    """Everything the report shows, as JSON data (the issued document keeps it until it is rendered)."""
    with translation.override("id"):
        cases = Case.objects.all()
        base = CaseFilter()
        counts = queries.bucket_figures(counted(cases))
        received_week = cases.filter(
            received_at__date__gte=period_start, received_at__date__lte=period_end
        ).aggregate(n=Count("pk"))["n"]
        at_risk, _rows = queries.at_risk_cases(cases, now, limit=0)
        overdue = queries.overdue_count(cases, now)
        intervals = performance.stage_intervals(cases)
        pipeline = queries.pipeline_table(counts, base)
        trend = queries.weekly_trend_table(cases)
        deadlines = performance.deadline_table(intervals, now)
        by_stage = Table(
            "lewat", "Belum selesai dan lewat batas waktu, per tahap", ["Tahap", "Kasus"], chart_column=1
        )
        for row in deadlines.rows:
            by_stage.add([row[0], row[3]])
        minimum = int(settings.MONITORING_COMPLIANCE_MIN_CASES)
        compliance = performance.compliance_table(performance.compliance(cases, intervals, now), minimum)
        compliance.rows = [r for r in compliance.rows if r[0] != "—"][:10]
        overdue_rows = []
        for case in performance.overdue_list(cases, now, limit=20):
            stage = STAGE_OF_STATUS.get(case.status)
            overdue_rows.append(
                [
                    case.number,
                    case.province.name,
                    case.agency.name if case.agency else "—",
                    str(performance.STAGE_LABELS.get(stage, case.status)) if stage else case.status,
                    long_date(case.deadline_at.astimezone(WIB), "id") if case.deadline_at else "—",
                ]
            )
        return {
            "period": f"{long_date(period_start, 'id')} s.d. {long_date(period_end, 'id')}",
            "made_at": f"{long_datetime(now.astimezone(WIB), 'id')} WIB",
            "headline": [
                ("Laporan diterima minggu ini", number(received_week)),
                ("Belum selesai dan lewat batas waktu", number(overdue)),
                ("Batas waktu dalam 2 hari kerja", number(at_risk)),
            ],
            "totals": _table(queries.totals_table(counts, base), [0, 1, 2], [60, 20, 20]),
            "pipeline_chart": _for_pdf(str(charts.bar_chart(pipeline, width=620))),
            "pipeline": _table(pipeline, [0, 1], [75, 25]),
            "map": _province_map(cases, base, now),
            "legend": charts.legend(),
            "trend_chart": _for_pdf(str(charts.bar_chart(trend, width=620))),
            "by_stage_chart": _for_pdf(str(charts.bar_chart(by_stage, width=620))),
            "deadlines": _table(deadlines, [0, 1, 2, 3, 4, 5, 6], [22, 12, 14, 14, 13, 12, 13]),
            "agencies": _table(
                queries.agency_table(cases, base, now, limit=10), [0, 2, 3, 4], [52, 16, 16, 16]
            ),
            "compliance": _table(compliance, [0, 1, 3, 4, 5], [12, 40, 15, 18, 15]),
            "overdue_cases": overdue_rows,
        }


def weekly_report_issue(*, now: dt.datetime, period_start: dt.date, period_end: dt.date) -> Document:
    """Issues the report as a numbered, signed BKN document and renders it at once (no lock is held)."""
    return document_issue(
        body=national_body("bkn"),
        kind=LetterKind.WEEKLY,
        subject="Laporan mingguan pengawasan netralitas ASN",
        addressee=["Pimpinan Kelompok Kerja Pengawasan Netralitas ASN", "di Jakarta"],
        copies=["Ketua Badan Pengawas Pemilihan Umum", "Menteri Dalam Negeri", "Menteri PANRB"],
        attachment="-",
        context=weekly_report_context(now=now, period_start=period_start, period_end=period_end),
        actor=None,
        now=now,
    )


def weekly_report_pdf(*, now: dt.datetime, period_start: dt.date, period_end: dt.date) -> bytes:
    document = document_rendered(
        weekly_report_issue(now=now, period_start=period_start, period_end=period_end)
    )
    with document.file.open("rb") as handle:
        return handle.read()
