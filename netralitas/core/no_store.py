"""No browser or proxy cache keeps a page that may show a receipt code, a reporter's data or case data.

The public report and status pages (a draft holds the reporter's identity, the last page the receipt
code, the status page the case), every staff page (any signed-in session) and every API response are sent
with ``Cache-Control: no-store``: a shared computer's back button or disk cache must not hand them to the
next person. One middleware instead of a decorator per view, so a new page or endpoint cannot forget it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = ("/api/", "/lapor/", "/status/", "/ruang-kerja/", "/kasus/", "/akun/")


def _signed_in(request: HttpRequest) -> bool:
    # Looking at the cookie first keeps anonymous public pages from touching the session (no Vary: Cookie).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if request.path.startswith(PRIVATE_PREFIXES) or _signed_in(request):
            add_never_cache_headers(response)
        return response
