"""Writes of the monitoring app: generating and storing a report (audited)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.core import clock

from .models import Report
from .pdf import weekly_report_pdf

WIB = ZoneInfo("Asia/Jakarta")


def report_weekly_create(*, now: dt.datetime | None = None, requested_by: User | None = None) -> Report:
    """Builds the national weekly summary PDF for the seven days ending today (WIB) and stores it.

    The PDF is built before the transaction opens (it only reads), so the audited write stays short.
    """
    now = now or clock.now()
    end = now.astimezone(WIB).date()
    start = end - dt.timedelta(days=6)
    content = weekly_report_pdf(now=now, period_start=start, period_end=end)
    with transaction.atomic():
        report = Report(
            kind=Report.Kind.WEEKLY,
            period_start=start,
            period_end=end,
            created_at=now,
            requested_by=requested_by,
            size=len(content),
        )
        report.file.save(f"ringkasan-mingguan-{end:%Y%m%d}.pdf", ContentFile(content), save=False)
        report.save()
        audit_record(
            actor=requested_by,
            action="monitoring.report_created",
            target=report,
            data={"kind": report.kind, "period_end": end.isoformat(), "size": len(content)},
        )
    return report
