"""Staff login: password, lockout after repeated failures, then the TOTP step (verify or enrol).

After a correct password the user is *not* logged in yet when a second factor applies (a confirmed
device, or 2FA required by settings): the session only remembers who is pending, for a few minutes,
until the code is right. Then ``login`` and ``otp_login`` happen together.
"""

from __future__ import annotations

import base64
import time
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import LoginForm, TokenForm
from .landing import landing_url
from .models import User

PENDING_KEY = "otp_pending"
ENROL_KEY = "otp_enrol_device"
ENROL_GRANT_KEY = "otp_enrol_granted_to"
PENDING_SECONDS = 300


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _locked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return _(
        "Terlalu banyak percobaan gagal. Akun ini dikunci sementara dari perangkat Anda; "
        "coba lagi dalam %(minutes)s menit atau hubungi admin sistem."
    ) % {"minutes": minutes}


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    requested = request.POST.get("next") or request.GET.get("next")
    next_url = _safe_next(request, requested)
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        username, ip = form.cleaned_data["username"], _client_ip(request)
        locked = services.login_locked_seconds(username=username, ip=ip)
        user = None if locked else authenticate(request, **form.cleaned_data)
        if locked:
            services.login_audit(user=None, username=username, ip=ip, succeeded=False, step="locked")
            error = _locked_message(locked)
        elif not isinstance(user, User):
            services.login_audit(user=None, username=username, ip=ip, succeeded=False)
            locked = services.login_failure_record(username=username, ip=ip)
            error = (
                _locked_message(locked)
                if locked
                else _("Nama pengguna atau kata sandi salah. Periksa kembali (huruf besar/kecil dibedakan).")
            )
        else:
            services.login_failures_clear(username=username, ip=ip)
            if not requested:
                next_url = landing_url(user)
            if settings.WORKSPACE_REQUIRE_2FA or services.confirmed_totp_device(user):
                request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": next_url}
                return redirect("accounts:second_factor")
            login(request, user)
            services.login_audit(user=user, username=username, ip=ip, succeeded=True)
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "error": error,
            "next": next_url if requested else "",  # empty: each role lands where its work is
            "require_2fa": settings.WORKSPACE_REQUIRE_2FA,
        },
    )


def _pending_user(request: HttpRequest) -> tuple[User | None, str]:
    pending = request.session.get(PENDING_KEY)
    if pending and time.time() - pending["at"] < PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
        return user, pending["next"]
    if request.user.is_authenticated and isinstance(request.user, User):
        return request.user, _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    return None, ""


def _finish(request: HttpRequest, user: User, device: TOTPDevice, next_url: str) -> HttpResponse:
    if not request.user.is_authenticated:
        login(request, user)
        services.login_audit(
            user=user, username=user.username, ip=_client_ip(request), succeeded=True, step="second_factor"
        )
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)
    request.session.pop(ENROL_KEY, None)
    request.session.pop(ENROL_GRANT_KEY, None)
    return HttpResponseRedirect(next_url)


def _enrolment_device(request: HttpRequest, user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(pk=request.session.get(ENROL_KEY), user=user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session[ENROL_KEY] = device.pk
    return device


def _enrolment_page(
    request: HttpRequest, user: User, device: TOTPDevice, form: TokenForm, next_url: str, error: str
) -> HttpResponse:
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "error": error,
            "next": next_url,
            "qr_svg": qr.svg_inline(scale=5, title=_("Kode QR untuk aplikasi autentikator")),
            "secret": _base32(device.bin_key),
            "required": settings.WORKSPACE_REQUIRE_2FA,
        },
    )


def _enrolment_gate(request: HttpRequest, user: User, next_url: str) -> HttpResponse | None:
    """Where a token is required, asks for the administrator's one-time token before any device key is
    shown: a password alone must not let anyone register their own second factor."""
    if not settings.WORKSPACE_ENROLMENT_TOKEN or request.session.get(ENROL_GRANT_KEY) == user.pk:
        return None
    error = ""
    if request.method == "POST":
        ip = _client_ip(request)
        locked = services.login_locked_seconds(username=user.username, ip=ip)
        token = request.POST.get("enrolment_token", "")
        if locked:
            error = _locked_message(locked)
        elif token and services.enrolment_token_redeem(user=user, token=token):
            request.session[ENROL_GRANT_KEY] = user.pk
            return HttpResponseRedirect(f"{request.path}?{urlencode({'next': next_url})}")
        else:
            locked = services.login_failure_record(username=user.username, ip=ip)
            error = (
                _locked_message(locked)
                if locked
                else _(
                    "Token pendaftaran salah, sudah dipakai atau kedaluwarsa. "
                    "Minta token baru kepada admin sistem."
                )
            )
    return render(
        request, "accounts/otp_enrolment_token.html", {"error": error, "next": next_url}, status=200
    )


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def second_factor(request: HttpRequest) -> HttpResponse:
    """Code entry after the password: verify a confirmed device, or enrol one when none exists."""
    user, next_url = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    ip = _client_ip(request)
    device = services.confirmed_totp_device(user)
    if device is None and (gate := _enrolment_gate(request, user, next_url)) is not None:
        return gate
    form = TokenForm(request.POST or None)
    error = ""
    locked = services.login_locked_seconds(username=user.username, ip=ip)
    if request.method == "POST" and locked:
        error = _locked_message(locked)
    elif request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "").strip()
        checked = device or _enrolment_device(request, user)
        if not checked.verify_is_allowed()[0]:
            # django-otp slows down guessing: after a wrong code the next try waits 1, 2, 4... seconds.
            # A throttled try still counts towards the lockout.
            locked = services.login_failure_record(username=user.username, ip=ip)
            error = (
                _locked_message(locked)
                if locked
                else _("Terlalu cepat setelah kode salah. Tunggu beberapa detik, lalu masukkan kode terbaru.")
            )
        elif device is not None and device.verify_token(token):
            services.login_failures_clear(username=user.username, ip=ip)
            return _finish(request, user, device, next_url)
        elif device is None and services.totp_device_confirm(user=user, device=checked, token=token):
            return _finish(request, user, checked, next_url)
        else:
            services.login_audit(
                user=None, username=user.username, ip=ip, succeeded=False, step="second_factor"
            )
            locked = services.login_failure_record(username=user.username, ip=ip)
            error = (
                _locked_message(locked)
                if locked
                else _("Kode salah atau sudah kedaluwarsa. Masukkan kode terbaru yang tampil di aplikasi.")
            )
    if device is None:
        return _enrolment_page(request, user, _enrolment_device(request, user), form, next_url, error)
    return render(request, "accounts/otp_verify.html", {"form": form, "error": error, "next": next_url})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Voluntary enrolment for a logged-in user (the demo, where 2FA is optional)."""
    user = request.user
    assert isinstance(user, User)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if (gate := _enrolment_gate(request, user, next_url)) is not None:
        return gate
    device = _enrolment_device(request, user)
    form = TokenForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"]):
            return _finish(request, user, device, next_url)
        error = _("Kode salah atau sudah kedaluwarsa. Masukkan kode terbaru yang tampil di aplikasi.")
    return _enrolment_page(request, user, device, form, next_url, error)
