"""RFC 9457 problem details (``application/problem+json``) with messages in Bahasa Indonesia and English.

Every error body has ``type``, ``title``, ``status``, ``detail`` (Indonesian), ``detail_en`` (English),
``instance`` (the request path) and ``errors``: one entry per field with its path (``body.region``,
``query.cursor``, ``header.Idempotency-Key``), a machine code and the message in both languages.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema

PROBLEM_BASE = "https://netralitas.example.go.id/problems/"
CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    code: str
    detail: str
    detail_en: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    detail_en: str
    instance: str
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """An error answered as problem details."""

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str,
        detail_en: str,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.title = status, kind, title
        self.detail, self.detail_en = detail, detail_en
        self.errors = errors or []
        self.headers = headers or {}


def field_error(field: str, code: str, detail: str, detail_en: str) -> dict[str, str]:
    return {"field": field, "code": code, "detail": detail, "detail_en": detail_en}


class InvalidInput(ApiProblem):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        fields = ", ".join(e["field"] for e in errors)
        super().__init__(
            422,
            "validation",
            "Data tidak valid",
            f"Perbaiki isian berikut: {fields}.",
            f"Fix these fields: {fields}.",
            errors,
        )


def not_found(what: str = "Kasus", what_en: str = "Case") -> ApiProblem:
    return ApiProblem(
        404,
        "not-found",
        "Tidak ditemukan",
        f"{what} tidak ditemukan atau berada di luar cakupan klien ini.",
        f"{what_en} not found or outside this client's scope.",
    )


def render(request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.kind,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "detail_en": problem.detail_en,
        "instance": request.path,
        "errors": problem.errors,
    }
    response = HttpResponse(json.dumps(body), status=problem.status, content_type=CONTENT_TYPE)
    for name, value in problem.headers.items():
        response[name] = value
    return response


# Pydantic error types → (Indonesian, English) messages that say what to fix.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("Wajib diisi.", "This field is required."),
    "string_type": ("Harus berupa teks.", "Must be a string."),
    "string_too_short": (
        "Terlalu pendek; minimal {min_length} karakter.",
        "Too short; at least {min_length} characters.",
    ),
    "string_too_long": (
        "Terlalu panjang; maksimal {max_length} karakter.",
        "Too long; at most {max_length} characters.",
    ),
    # Never the raw regex: it tells a user nothing. Fields with a known format say what is wrong.
    "string_pattern_mismatch": ("Format tidak sesuai.", "The format is not valid."),
    "int_parsing": ("Harus berupa bilangan bulat.", "Must be an integer."),
    "int_type": ("Harus berupa bilangan bulat.", "Must be an integer."),
    "greater_than_equal": ("Minimal {ge}.", "Must be at least {ge}."),
    "less_than_equal": ("Maksimal {le}.", "Must be at most {le}."),
    "date_from_datetime_parsing": (
        "Tanggal tidak valid; gunakan format YYYY-MM-DD.",
        "Invalid date; use YYYY-MM-DD.",
    ),
    "date_parsing": ("Tanggal tidak valid; gunakan format YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD."),
    "date_type": ("Tanggal tidak valid; gunakan format YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD."),
    "datetime_from_date_parsing": (
        "Waktu tidak valid; gunakan ISO 8601, mis. 2024-11-27T08:00:00+07:00.",
        "Invalid date-time; use ISO 8601, e.g. 2024-11-27T08:00:00+07:00.",
    ),
    "datetime_parsing": (
        "Waktu tidak valid; gunakan ISO 8601, mis. 2024-11-27T08:00:00+07:00.",
        "Invalid date-time; use ISO 8601, e.g. 2024-11-27T08:00:00+07:00.",
    ),
    "datetime_type": (
        "Waktu tidak valid; gunakan ISO 8601, mis. 2024-11-27T08:00:00+07:00.",
        "Invalid date-time; use ISO 8601, e.g. 2024-11-27T08:00:00+07:00.",
    ),
    "literal_error": (
        "Nilai tidak dikenal; pilih salah satu: {expected}.",
        "Unknown value; expected one of: {expected}.",
    ),
    "enum": (
        "Nilai tidak dikenal; pilih salah satu: {expected}.",
        "Unknown value; expected one of: {expected}.",
    ),
    "list_type": ("Harus berupa daftar (array).", "Must be a list (array)."),
    "too_long": ("Terlalu banyak butir; maksimal {max_length}.", "Too many items; at most {max_length}."),
    "bool_parsing": ("Harus true atau false.", "Must be true or false."),
    "json_invalid": ("Badan permintaan bukan JSON yang valid.", "The request body is not valid JSON."),
    "model_attributes_type": ("Harus berupa objek JSON.", "Must be a JSON object."),
    "dict_type": ("Harus berupa objek JSON.", "Must be a JSON object."),
    "nul_character": (
        "Karakter NUL (\\u0000) tidak boleh ada; hapus dari isian.",
        "The NUL character (\\u0000) is not allowed; remove it.",
    ),
    # Rules shared with the portal (netralitas.cases.intake_rules) carry their own wording.
    "description_too_short": ("{detail}", "{detail_en}"),
    "invalid_nip": ("{detail}", "{detail_en}"),
    "extra_forbidden": ("Kolom ini tidak dikenal; hapus.", "Unknown field; remove it."),
}


def pydantic_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # ninja prefixes with the parameter kind and the schema argument name: ("body", "payload", "field").
        if len(loc) >= 2 and loc[0] == "body" and loc[1] == "payload":
            loc = ["body", *loc[2:]]
        code = str(error.get("type", "invalid"))
        context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
        id_msg, en_msg = _MESSAGES.get(code, ("Nilai tidak valid.", str(error.get("msg", "Invalid value."))))
        with contextlib.suppress(KeyError, IndexError):
            id_msg, en_msg = id_msg.format(**context), en_msg.format(**context)
        result.append(field_error(".".join(loc) or "body", code, id_msg, en_msg))
    return result


def responses(*statuses: int) -> dict[int, type[Problem]]:
    return dict.fromkeys(statuses, Problem)
