"""Monitoring pages: scoped dashboards and downloads for officials, the public transparency page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netralitas.accounts.models import User
from netralitas.core import clock
from netralitas.registry.models import Election

from . import dashboard as pages
from . import public, queries
from .queries import CaseFilter
from .tables import Table, to_csv, to_xlsx
from .tasks import generate_weekly_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _template(request: HttpRequest, name: str) -> str:
    """htmx requests get the partial of the same page."""
    return f"monitoring/_{name}.html" if request.headers.get("HX-Request") else f"monitoring/{name}.html"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    flt = CaseFilter.from_query(request.GET)
    data = pages.dashboard(_user(request), flt, clock.now())
    return render(request, _template(request, "dashboard"), {"d": data})


@login_required
@require_GET
def breakdown(request: HttpRequest) -> HttpResponse:
    flt = CaseFilter.from_query(request.GET)
    tables = pages.breakdown_tables(_user(request), flt)
    return render(
        request,
        "monitoring/breakdown.html",
        {"tables": tables, "filter": flt, "elections": Election.objects.order_by("-voting_date")},
    )


@login_required
@require_GET
def performance(request: HttpRequest) -> HttpResponse:
    flt = CaseFilter.from_query(request.GET)
    tables = pages.performance_tables(_user(request), flt, clock.now())
    return render(request, "monitoring/performance.html", {"tables": tables, "filter": flt})


@login_required
@require_GET
def table_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    flt = CaseFilter.from_query(request.GET)
    table = pages.one_table(_user(request), name, flt, clock.now())
    return _table_response(table, fmt, f"pemantauan-{name}")


def _table_response(table: Table, fmt: str, filename: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(to_xlsx([table]), content_type=XLSX)
    else:
        raise Http404("Format tidak dikenal.")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    flt = CaseFilter.from_query(request.GET)
    listing = pages.case_list(_user(request), flt, clock.now())
    page = Paginator(listing, 50).get_page(request.GET.get("halaman"))
    return render(
        request, _template(request, "cases"), {"page": page, "filter": flt, "query": flt.query_string()}
    )


@login_required
@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    queries.monitored_cases(user)
    if not pages.is_national(user):
        raise Http404("Hanya pemantau nasional yang dapat membuat ringkasan nasional.")
    generate_weekly_report.enqueue(requested_by_id=user.pk)
    messages.success(request, _("Ringkasan mingguan sedang dibuat; muat ulang halaman ini sebentar lagi."))
    return redirect("monitoring:dashboard")


@login_required
@require_GET
def report_download(request: HttpRequest, code: str) -> FileResponse:
    report = pages.report_for_user(_user(request), code)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"ringkasan-mingguan-{report.period_end:%Y%m%d}.pdf",
        content_type="application/pdf",
    )


# --- public, no login --------------------------------------------------------------------------------


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    election = (request.GET.get("pemilihan") or "").strip()[:40]
    tables = public.public_tables(election)
    return render(
        request,
        _template(request, "public"),
        {
            "tables": tables,
            "election": election,
            "elections": Election.objects.order_by("-voting_date"),
            "below": public.threshold(),
            "schema": public.open_data_schema(),
        },
    )


@require_GET
def open_data_json(request: HttpRequest) -> JsonResponse:
    election = (request.GET.get("pemilihan") or "").strip()[:40]
    tables = public.public_tables(election)
    body = {
        "generated_at": clock.now().isoformat(),
        "election": election or None,
        "schema": public.open_data_schema(),
        "tables": {
            t.name: {
                "title": t.title,
                "columns": t.headers,
                "rows": t.as_dicts(),
                "total": dict(zip(t.headers, t.footer, strict=True)) if t.footer else None,
            }
            for t in tables
        },
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1}, encoder=_Encoder)


class _Encoder(json.JSONEncoder):
    def default(self, o: object) -> object:
        return str(o)


@require_GET
def open_data_csv(request: HttpRequest, name: str) -> HttpResponse:
    election = (request.GET.get("pemilihan") or "").strip()[:40]
    table = next((t for t in public.public_tables(election) if t.name == name), None)
    if table is None:
        raise Http404("Tabel tidak dikenal.")
    return _table_response(table, "csv", f"netralitas-{name}")


@login_required
@require_GET
def protection_counts(request: HttpRequest) -> HttpResponse:
    from . import protection

    if not protection.may_read(_user(request)):
        raise Http404("Halaman tidak ditemukan.")
    return render(request, "monitoring/protection.html", {"counts": protection.alert_counts()})
