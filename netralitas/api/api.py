"""The inter-agency API, ``/api/v1``: OpenAPI 3 at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import endpoints_cases, endpoints_reference, endpoints_transfers
from .auth import ApiKey
from .problems import CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from .problems import ApiProblem, InvalidInput, pydantic_errors, render

DESCRIPTION = """
API antar-instansi Sistem Berbagi Terintegrasi (SBT) Netralitas ASN.

Authenticate with the header `X-API-Key: nk_<prefix>_<secret>` (issued by the administrator per agency
system). A client sees exactly the cases its service account sees in the web application; a case outside
its scope answers 404. Read-only keys get 403 on writes. Each client has a per-minute rate limit (429 with
`Retry-After`).

Errors are RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, `detail`
(Bahasa Indonesia), `detail_en` (English), `instance`, and `errors` — one entry per field with its path
(`body.region`, `query.cursor`, `header.Idempotency-Key`), a machine `code`, `detail` and `detail_en`.

Write endpoints read `application/json` bodies only (`POST /reconciliations`: `multipart/form-data`);
any other media type answers 415, a body over the size limit 413, and a NUL character (`\\u0000`) in
the path, a parameter or a field 422 — on every path, so nothing malformed is ever stored.

`POST /cases` accepts an `Idempotency-Key` header: a retry with the same key and body returns the first
answer (same status and body); the same key with another body answers 409.

`POST /transfers` records up to 500 transfer or appointment decisions at once (all or none; a decree
already recorded for an official is returned unchanged, so a retry is harmless). A decision inside a
Pilkada region's Pasal 71(2) window without the Minister's written approval is flagged and opens a case.
"""


class ProblemAwareAPI(NinjaAPI):
    """Declares error responses as ``application/problem+json`` in the OpenAPI document."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


api = ProblemAwareAPI(
    title="Netralitas SBT API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    auth=ApiKey(),
)
api.add_router("/", endpoints_cases.router)
api.add_router("/", endpoints_reference.router)
api.add_router("/", endpoints_transfers.router)


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return render(request, exc)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return render(request, InvalidInput(pydantic_errors(list(exc.errors))))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    problem = ApiProblem(
        401,
        "unauthenticated",
        "Tidak terautentikasi",
        "Sertakan kunci API yang berlaku di header X-API-Key.",
        "Send a valid API key in the X-API-Key header.",
        headers={"WWW-Authenticate": 'ApiKey header="X-API-Key"'},
    )
    return render(request, problem)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return render(
        request,
        ApiProblem(404, "not-found", "Tidak ditemukan", "Alamat tidak ditemukan.", "Not found."),
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        problem = ApiProblem(
            400,
            "malformed",
            "Permintaan rusak",
            "Badan permintaan tidak dapat dibaca; kirim JSON yang valid (UTF-8) "
            "atau formulir multipart yang lengkap.",
            "The request body cannot be parsed; send valid JSON (UTF-8) or a complete multipart form.",
        )
    else:
        problem = ApiProblem(exc.status_code, "http", "Kesalahan", str(exc), str(exc))
    return render(request, problem)


def openapi_document() -> dict[str, Any]:
    schema: dict[str, Any] = api.get_openapi_schema(path_prefix="/api/v1")
    return schema
