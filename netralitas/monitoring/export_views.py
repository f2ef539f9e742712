"""The case-list downloads: short lists answered at once, long ones prepared in the background.

``unduh.xlsx`` / ``unduh.csv`` answer directly up to ``MONITORING_EXPORT_SYNC_MAX_ROWS`` rows (the CSV
streams); above that the page offers to prepare the file (a POST), then shows its progress (htmx poll)
until the requester can download it. Nobody else can see or download someone's export (404).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from netralitas.accounts.models import User
from netralitas.core import clock

from . import export_services as services
from .exports import CASE_HEADERS, case_rows, csv_lines, xlsx_bytes
from .models import Export
from .queries import CaseFilter
from .tasks import build_case_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def cases_download(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("Format tidak dikenal.")
    user = _user(request)
    query = CaseFilter.from_query(request.GET).query_string()
    cases = services.export_cases(user, query, clock.now())
    total = cases.count()
    limit = int(settings.MONITORING_EXPORT_SYNC_MAX_ROWS)
    if total > limit:
        context = {"fmt": fmt, "query": query, "total": total, "limit": limit}
        return render(request, "monitoring/export_offer.html", context)
    rows = case_rows(cases, timezone.get_current_timezone())
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(CASE_HEADERS, rows), content_type=CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(xlsx_bytes(CASE_HEADERS, rows, "kasus"), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="pemantauan-kasus.{fmt}"'
    return response


@login_required
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    export = services.export_request(
        user=_user(request), fmt=request.POST.get("format", ""), query=request.POST.get("saringan", "")
    )
    build_case_export.enqueue(export_id=export.pk)
    return redirect("monitoring:export_status", code=export.code)


@login_required
@require_GET
def export_status(request: HttpRequest, code: str) -> HttpResponse:
    export = services.export_for_user(_user(request), code)
    partial = bool(request.headers.get("HX-Request"))
    template = "monitoring/_export_status.html" if partial else "monitoring/export_status.html"
    return render(
        request,
        template,
        {"export": export, "poll": export.state in (Export.State.QUEUED, Export.State.RUNNING)},
    )


@login_required
@require_GET
def export_download(request: HttpRequest, code: str) -> FileResponse:
    user = _user(request)
    export = services.export_for_user(user, code)
    if export.state != Export.State.READY or not export.file:
        raise Http404("Unduhan belum siap.")
    services.export_downloaded(user=user, export=export)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"pemantauan-kasus-{export.created_at:%Y%m%d-%H%M}.{export.fmt}",
        content_type=CONTENT_TYPES[export.fmt],
    )
