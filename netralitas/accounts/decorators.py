"""The one guard of the staff pages: logged in and, when settings require it, verified by a second
factor (django-otp). Read at request time so tests and deployments can switch it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

View = Callable[..., HttpResponseBase]


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def staff_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        if settings.WORKSPACE_REQUIRE_2FA and not is_verified(request):
            # A session from before 2FA became mandatory: go through the second step again.
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:second_factor')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped
