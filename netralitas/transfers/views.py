"""Staff pages of the transfers monitoring: flags by region and the import of decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from netralitas.accounts.models import User

from . import queries, services
from .forms import TransferUploadForm
from .sheets import TransferFileError, read_transfer_file


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def flags(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "transfers/flags.html",
        {"regions": queries.flags_by_region(user), "may_import": queries.may_import(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not queries.may_import(user):
        raise Http404("Halaman tidak ditemukan.")
    form = TransferUploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            rows = read_transfer_file(upload, upload.name)
        except TransferFileError as exc:
            form.add_error("sheet", str(exc))
        else:
            report = services.transfer_import_rows(rows=rows, actor=user)
            status = 200 if report.ok else 422
    return render(request, "transfers/upload.html", {"form": form, "report": report}, status=status)
