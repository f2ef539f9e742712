"""Background jobs of the monitoring app (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from netralitas.accounts.models import User


@task()
def generate_weekly_report(requested_by_id: int | None = None) -> str:
    """Generates the weekly leadership PDF; returns the report's opaque code."""
    from .services import report_weekly_create

    user = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    return report_weekly_create(requested_by=user).code


@task()
def build_case_export(export_id: int) -> str:
    """Builds a requested case-list export (XLSX/CSV) and stores it; returns the export's opaque code."""
    from .export_services import export_build

    return export_build(export_id=export_id).code
