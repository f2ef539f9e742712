"""The Django admin behind the same door as the workspace: its login page is ours (lockout, second
factor), and when settings require 2FA a session without a verified OTP device gets no admin access.

Done on the default ``admin.site`` (which config/urls.py mounts) rather than by swapping in
``OTPAdminSite``, so every app's ``@admin.register`` keeps working; the setting is read per request.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .decorators import is_verified


def require_otp_for_admin() -> None:
    site = admin.site
    if getattr(site, "_netralitas_otp", False):
        return
    plain_has_permission = site.has_permission

    def has_permission(request: HttpRequest) -> bool:
        if not plain_has_permission(request):
            return False
        return not settings.WORKSPACE_REQUIRE_2FA or is_verified(request)

    def login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated and settings.WORKSPACE_REQUIRE_2FA and not is_verified(request):
            target = reverse("accounts:second_factor")
        else:
            target = reverse("accounts:login")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}")

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]
    site._netralitas_otp = True  # type: ignore[attr-defined]
