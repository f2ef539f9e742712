"""Background case-list exports: requested, built by a task, downloaded by the requester, then expired.

The list is re-read by the task with the requester's scope and the filter they saw, at the moment they
asked (``created_at`` is the ``now`` of the overdue/at-risk filters), in their language and time zone.
Every step a person takes is audited (request, download); the build is audited when it finishes.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import timezone, translation

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.cases.models import CaseQuerySet
from netralitas.core import clock

from . import dashboard as pages
from .exports import CASE_HEADERS, case_rows, write_csv, write_xlsx
from .models import Export
from .queries import CaseFilter, monitored_cases

logger = logging.getLogger(__name__)


def export_cases(user: User, query: str, now: dt.datetime) -> CaseQuerySet:
    """The rows an export of ``query`` holds for this user: the case list page's, scope and all."""
    return pages.case_list(user, CaseFilter.from_query(QueryDict(query)), now)


def export_request(*, user: User, fmt: str, query: str) -> Export:
    """Records the request (audited); the caller enqueues ``tasks.build_case_export`` once committed."""
    if fmt not in Export.Format.values:
        raise Http404("Format tidak dikenal.")
    now = clock.now()
    query = CaseFilter.from_query(QueryDict(query)).query_string()  # only known filters are kept
    total = export_cases(user, query, now).count()  # 404 without a monitoring role
    with transaction.atomic():
        export = Export.objects.create(
            requested_by=user,
            fmt=fmt,
            query=query,
            timezone=timezone.get_current_timezone_name(),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            rows_total=total,
            created_at=now,
            expires_at=now + dt.timedelta(hours=int(settings.MONITORING_EXPORT_TTL_HOURS)),
        )
        audit_record(
            actor=user,
            action="monitoring.export_requested",
            target=export,
            data={"format": fmt, "filter": query, "rows": total},
        )
    return export


def export_build(*, export_id: int) -> Export:
    """Writes the file into a temporary file, then stores it through the storage API (task body)."""
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    if export.state not in (Export.State.QUEUED, Export.State.RUNNING):
        return export  # a retried task does not build twice
    Export.objects.filter(pk=export.pk).update(state=Export.State.RUNNING)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=done)

    try:
        with translation.override(export.language), tempfile.TemporaryFile() as out:
            cases = export_cases(export.requested_by, export.query, export.created_at)
            rows = case_rows(cases, export.timezone)
            if export.fmt == Export.Format.XLSX:
                done = write_xlsx(out, CASE_HEADERS, rows, "kasus", progress)
            else:
                done = write_csv(out, CASE_HEADERS, rows, progress)
            size = out.tell()
            out.seek(0)
            name = f"kasus-{export.created_at:%Y%m%d-%H%M}.{export.fmt}"
            export.file.save(name, File(out), save=False)
    except Exception:
        logger.exception("case export %s failed", export.code)
        Export.objects.filter(pk=export.pk).update(state=Export.State.FAILED)
        raise
    now = clock.now()
    hours = int(settings.MONITORING_EXPORT_TTL_HOURS)
    with transaction.atomic():
        export.state = Export.State.READY
        export.rows_done = export.rows_total = done
        export.size = size
        export.finished_at = now
        export.expires_at = now + dt.timedelta(hours=hours)
        export.save()
        audit_record(
            actor=export.requested_by,
            action="monitoring.export_ready",
            target=export,
            data={"format": export.fmt, "rows": done, "size": size},
        )
    return export


def export_for_user(user: User, code: str) -> Export:
    """The one access helper of prepared exports: the requester's own, unexpired ones; 404 otherwise."""
    monitored_cases(user)
    export = Export.objects.filter(code=code, requested_by=user).first()
    if export is None or (export.expires_at is not None and export.expires_at <= clock.now()):
        raise Http404("Unduhan tidak ditemukan.")
    return export


def export_downloaded(*, user: User, export: Export) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action="monitoring.export_downloaded",
            target=export,
            data={"format": export.fmt, "rows": export.rows_total},
        )


def exports_purge(*, now: dt.datetime | None = None) -> int:
    """Deletes expired exports and their files; idempotent (``manage.py purge_exports``)."""
    now = now or clock.now()
    count = 0
    for export in Export.objects.filter(expires_at__lte=now):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
