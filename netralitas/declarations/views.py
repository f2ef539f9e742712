"""Pages of the declarations app: public signing, certificate and verification; staff campaign pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netralitas.accounts.models import User

from . import queries, services, throttle
from .documents import certificate_document, report_pdf, report_xlsx, verification_url
from .forms import SheetUploadForm, SignForm
from .sheets import SheetFormatError, read_sheet


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, code: str) -> HttpResponse:
    campaign = (
        queries.get_signing_campaign(code) if request.method == "POST" else queries.get_public_campaign(code)
    )
    context: dict[str, object] = {"campaign": campaign, "tz": queries.campaign_timezone(campaign)}
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nip, ip = form.cleaned_data["nip"], _client_ip(request)
        if throttle.is_blocked(nip=nip, ip=ip):
            form.add_error(
                None,
                _(
                    "Terlalu banyak percobaan yang salah. Tunggu 15 menit, lalu periksa NIP, tanggal lahir "
                    "dan 4 digit terakhir NIK Anda."
                ),
            )
            return render(request, "declarations/sign.html", {**context, "form": form}, status=429)
        try:
            signature, created = services.signature_sign(
                campaign=campaign,
                nip=nip,
                birth_date=form.cleaned_data["birth_date"],
                nik_last4=form.cleaned_data["nik_last4"],
            )
        except services.DeclarationError as exc:
            if str(exc) == _(services.MISMATCH):
                throttle.record_failure(nip=nip, ip=ip)
            form.add_error(None, str(exc))
        else:
            # Post/redirect/get: a reload of the result page never re-posts the form.
            url = reverse("declarations:signed", args=[signature.code])
            return redirect(f"{url}?baru=1" if created else url, permanent=False)
    return render(request, "declarations/sign.html", {**context, "form": form})


def signed(request: HttpRequest, code: str) -> HttpResponse:
    signature = queries.get_signature(code)
    return render(
        request,
        "declarations/signed.html",
        {
            "signature": signature,
            "created": request.GET.get("baru") == "1",
            "tz": queries.campaign_timezone(signature.campaign),
        },
    )


def certificate(request: HttpRequest, code: str) -> HttpResponseBase:
    signature = queries.get_signature(code)
    document = certificate_document(signature)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"sertifikat-netralitas-{signature.employee.nip}.pdf",
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    signature = queries.get_signature(code)
    return render(
        request,
        "declarations/verify.html",
        {
            "signature": signature,
            "masked_name": queries.mask_name(signature.employee.name),
            "tz": queries.campaign_timezone(signature.campaign),
            "url": verification_url(signature),
        },
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = queries.visible_campaigns(_user(request)).order_by("-opens_at")
    return render(request, "declarations/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    campaign = queries.get_campaign_for_user(user, code)
    template = (
        "declarations/_coverage.html" if request.headers.get("HX-Request") else "declarations/campaign.html"
    )
    return render(
        request,
        template,
        {
            "campaign": campaign,
            "coverage": queries.coverage(campaign),
            "may_manage": queries.may_manage(user, campaign),
            "tz": queries.campaign_timezone(campaign),
            "poll_seconds": settings.DECLARATION_COVERAGE_POLL_SECONDS,
            "sign_url": request.build_absolute_uri(f"/deklarasi/ikrar/{campaign.code}/"),
        },
    )


def _manage_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = _user(request)
    campaign = queries.get_managed_campaign(user, code)
    try:
        if action == "open":
            services.campaign_open(campaign=campaign, actor=user)
        else:
            services.campaign_close(campaign=campaign, actor=user)
    except services.DeclarationError as exc:
        from django.contrib import messages

        messages.error(request, str(exc))
    return redirect("declarations:campaign", code=campaign.code)


@login_required
@require_POST
def campaign_open(request: HttpRequest, code: str) -> HttpResponse:
    return _manage_action(request, code, "open")


@login_required
@require_POST
def campaign_close(request: HttpRequest, code: str) -> HttpResponse:
    return _manage_action(request, code, "close")


@login_required
@require_http_methods(["GET", "POST"])
def sheet_upload(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    campaign = queries.get_managed_campaign(user, code)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            rows = read_sheet(upload, upload.name, queries.campaign_timezone(campaign))
        except SheetFormatError as exc:
            form.add_error("sheet", str(exc))
        else:
            report = services.signature_sheet_import(campaign=campaign, actor=user, rows=rows)
            status = 200 if report.ok else 422
    return render(
        request,
        "declarations/sheet_upload.html",
        {"campaign": campaign, "form": form, "report": report},
        status=status,
    )


@login_required
def campaign_report(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    campaign = queries.get_campaign_for_user(_user(request), code)
    if fmt == "pdf":
        response = HttpResponse(report_pdf(campaign), content_type="application/pdf")
    else:
        response = HttpResponse(
            report_xlsx(campaign),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="laporan-deklarasi-{campaign.code}.{fmt}"'
    return response
