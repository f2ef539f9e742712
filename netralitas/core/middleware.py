"""Request-wide middleware: the chosen language, and the refusal of input no page can store."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    """Activates the language the user picked with the language switcher (its cookie), else
    LANGUAGE_CODE. Unlike LocaleMiddleware it ignores the browser's Accept-Language: the product speaks
    Bahasa Indonesia to everyone, and English is a choice, not a guess from a browser setting."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


NUL = "\x00"
API_PREFIX = "/api/"
PROBLEM_BASE = "https://netralitas.example.go.id/problems/"
# A JSON string escape for NUL, not itself escaped (an even number of backslashes before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def _holds_nul(pairs: Iterable[tuple[str, list[str]]]) -> list[str]:
    return [key for key, values in pairs if NUL in key or any(NUL in str(v) for v in values)]


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


class RefuseUnstorableInputMiddleware:
    """Refuses, before any view runs, what no text column can hold and what is too big to read.

    PostgreSQL cannot store NUL (0x00) in text and answers a query that contains one with an error,
    so a NUL anywhere — path, query string, form field, JSON string — would reach the database as a
    500 (and SQLite would silently store it). One check here covers every page, form and endpoint,
    whatever the content type. The body is read through Django's own parsers so that the views can
    read it again: a small multipart body is cached first (``request.body`` stays readable), a large
    one (file uploads) is parsed once into ``request.POST``/``FILES``. A body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413. API paths answer RFC 9457 problem details, pages a
    short error page in the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            fields = self._fields_with_nul(request)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            return self._too_big(request)
        if fields:
            return self._refuse_nul(request, fields)
        return self.get_response(request)

    def _fields_with_nul(self, request: HttpRequest) -> list[str]:
        fields = ["path"] if NUL in request.path_info else []
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:  # the only ways to spell NUL; skips parsing otherwise
            fields += [f"query.{key}" for key in _holds_nul(request.GET.lists())]
        # A cookie such as sessionid="\000" (octal escapes are unquoted) would reach the session table.
        fields += [f"cookie.{key}" for key, value in request.COOKIES.items() if NUL in key + value]
        if request.method in ("GET", "HEAD", "OPTIONS", "DELETE", "TRACE"):
            return fields
        content_type = request.content_type or ""
        if content_type == "multipart/form-data":
            return fields + self._multipart_fields_with_nul(request)
        body = request.body
        if (
            content_type == "application/x-www-form-urlencoded"
            and request.method == "POST"
            and b"%00" in body
        ):
            fields += [f"form.{key}" for key in _holds_nul(request.POST.lists())]
        if b"\x00" in body or (_is_json(content_type) and b"\\u0000" in body and _JSON_NUL.search(body)):
            fields.append("body")
        return fields

    def _multipart_fields_with_nul(self, request: HttpRequest) -> list[str]:
        if request.method != "POST":
            return []
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or length <= limit:
            request.body  # noqa: B018 - cached first, so the raw body stays readable after parsing
        try:
            fields = _holds_nul(request.POST.lists())
            names = [key for key, files in request.FILES.lists() if any(NUL in (f.name or "") for f in files)]
        except MultiPartParserError:
            # Django leaves POST and FILES empty; the view then answers as to a missing field (the API
            # answers 415 to a body it does not accept).
            return []
        return [f"form.{key}" for key in [*fields, *names]]

    def _refuse_nul(self, request: HttpRequest, fields: list[str]) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            detail, detail_en = (
                "Karakter NUL (\\u0000) tidak boleh ada; hapus dari isian.",
                "The NUL character (\\u0000) is not allowed; remove it.",
            )
            errors = [
                {"field": f, "code": "nul_character", "detail": detail, "detail_en": detail_en}
                for f in fields
            ]
            names = ", ".join(fields)
            return _problem(
                request,
                422,
                "validation",
                "Data tidak valid",
                f"Perbaiki isian berikut: {names}.",
                f"Fix these fields: {names}.",
                errors,
            )
        return _page(
            400,
            _("Permintaan tidak dapat diproses"),
            _(
                "Alamat atau isian yang dikirim memuat karakter tak terlihat (NUL) yang tidak "
                "diizinkan. Hapus karakter itu, lalu coba lagi."
            ),
        )

    def _too_big(self, request: HttpRequest) -> HttpResponse:
        limit_mb = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / (1024 * 1024)
        if request.path_info.startswith(API_PREFIX):
            return _problem(
                request,
                413,
                "too-large",
                "Permintaan terlalu besar",
                f"Badan permintaan melebihi batas {limit_mb:.1f} MB (atau terlalu banyak isian); "
                "kirim dalam beberapa permintaan.",
                f"The request body exceeds the {limit_mb:.1f} MB limit (or has too many fields); "
                "split it into several requests.",
                [],
            )
        return _page(
            413,
            _("Kiriman terlalu besar"),
            _("Isian yang dikirim terlalu besar atau terlalu banyak. Perkecil kiriman, lalu coba lagi."),
        )


def _problem(
    request: HttpRequest,
    status: int,
    kind: str,
    title: str,
    detail: str,
    detail_en: str,
    errors: list[dict[str, str]],
) -> HttpResponse:
    """The API's problem-details shape (netralitas.api.problems), rendered here because core sits
    below the API and must not import it."""
    body = {
        "type": PROBLEM_BASE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        "detail_en": detail_en,
        "instance": request.path_info.replace(NUL, "\\u0000"),
        "errors": errors,
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def _page(status: int, title: str, message: str) -> HttpResponse:
    language = translation.get_language() or settings.LANGUAGE_CODE
    html = (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · Netralitas ASN</title></head><body><main>"
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
        f'<p><a href="/">{escape(_("Kembali ke beranda"))}</a></p></main></body></html>'
    )
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


_API_TITLES: dict[int, tuple[str, str, str, str]] = {
    400: ("malformed", "Permintaan rusak", "Permintaan tidak dapat dibaca.", "The request cannot be read."),
    403: ("forbidden", "Tidak berwenang", "Permintaan ini ditolak.", "This request is refused."),
    404: ("not-found", "Tidak ditemukan", "Alamat tidak ditemukan.", "Not found."),
    405: (
        "method-not-allowed",
        "Metode tidak diizinkan",
        "Metode HTTP ini tidak tersedia di alamat ini; lihat header Allow.",
        "This HTTP method is not available here; see the Allow header.",
    ),
}
_SERVER_ERROR = (
    "server-error",
    "Kesalahan server",
    "Terjadi kesalahan di server; permintaan tidak disimpan sebagian. Coba lagi nanti.",
    "A server error occurred; nothing was partially stored. Retry later.",
)


class ApiErrorsAsProblemsMiddleware:
    """Every error the API answers is problem details, including those Django answers on its own
    (an unknown API path, a method not allowed, a server error), not only those the API raises."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path_info.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/problem+json")
        ):
            return response
        status = response.status_code
        generic = (
            "http",
            "Kesalahan",
            "Permintaan tidak dapat dipenuhi.",
            "The request cannot be fulfilled.",
        )
        kind, title, detail, detail_en = _API_TITLES.get(status) or (
            _SERVER_ERROR if status >= 500 else generic
        )
        problem = _problem(request, status, kind, title, detail, detail_en, [])
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                problem[header] = response[header]
        return problem
