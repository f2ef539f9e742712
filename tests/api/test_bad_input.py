"""Bad input answers 4xx problem details, never 5xx, and stores nothing (issue 18)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from netralitas.cases.models import Case
from tests.api.conftest import Callers, report_body

pytestmark = pytest.mark.django_db

WRITES = ["/api/v1/cases", "/api/v1/cases/{code}/transitions", "/api/v1/transfers"]


def _path(template: str, api: Callers) -> str:
    if "{code}" not in template:
        return template
    code = api.verifier.post("/api/v1/cases", report_body()).json()["code"]
    return template.format(code=code)


@pytest.mark.parametrize("template", WRITES)
@pytest.mark.parametrize(
    "content_type",
    [None, "multipart/form-data", "application/x-www-form-urlencoded", "text/plain", "application/xml"],
)
def test_a_body_the_endpoint_does_not_read_answers_415(
    api: Callers, template: str, content_type: str | None
) -> None:
    path = _path(template, api)
    before = Case.objects.count()
    if content_type is None:  # the test client's own multipart, with its boundary
        response = api.verifier.http.post(path, {"source": "instansi"}, HTTP_X_API_KEY=api.verifier.key)
    else:
        response = api.verifier.http.post(
            path, b"source=instansi", content_type=content_type, HTTP_X_API_KEY=api.verifier.key
        )
    assert response.status_code == 415, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [] and "application/json" in response.json()["detail"]
    assert Case.objects.count() == before


def test_a_json_text_sent_as_a_form_is_not_read_as_json(api: Callers) -> None:
    body = report_body(description="Uraian dengan karakter \u0000 tersembunyi di tengahnya.")
    import json

    response = api.verifier.http.post(
        "/api/v1/cases",
        json.dumps(body),
        content_type="application/x-www-form-urlencoded",
        HTTP_X_API_KEY=api.verifier.key,
    )
    assert response.status_code in (415, 422)
    assert Case.objects.count() == 0


def test_reconciliation_still_takes_its_multipart_form_and_refuses_json(api: Callers) -> None:
    response = api.verifier.http.post(
        "/api/v1/reconciliations", b"{}", content_type="application/json", HTTP_X_API_KEY=api.verifier.key
    )
    assert response.status_code == 415 and "multipart/form-data" in response.json()["detail"]
    response = api.verifier.http.post(
        "/api/v1/reconciliations", {"agency": "x"}, HTTP_X_API_KEY=api.verifier.key
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_size_limit_answers_413_problem(api: Callers) -> None:
    response = api.verifier.post("/api/v1/cases", report_body(description="x" * 2000))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert Case.objects.count() == 0


def test_statistics_of_an_unknown_election_is_404_not_zeros(api: Callers) -> None:
    response = api.leader.get("/api/v1/statistics", election="pemilu-1900")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert api.leader.get("/api/v1/statistics", election="pilkada-2024").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/api/v1/tidak-ada"), ("put", "/api/v1/cases"), ("delete", "/api/v1/cases")]
)
def test_errors_django_answers_itself_are_problem_details(api: Callers, method: str, path: str) -> None:
    response = getattr(api.verifier.http, method)(path, HTTP_X_API_KEY=api.verifier.key)
    assert response.status_code in (404, 405)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code


def test_nul_in_a_multipart_field_is_a_field_error_not_a_500(api: Callers) -> None:
    response = api.verifier.http.post(
        "/api/v1/reconciliations", {"agency": "bkn\x00"}, HTTP_X_API_KEY=api.verifier.key
    )
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "form.agency",
        "code": "nul_character",
        "detail": "Karakter NUL (\\u0000) tidak boleh ada; hapus dari isian.",
        "detail_en": "The NUL character (\\u0000) is not allowed; remove it.",
    }


def test_an_escaped_backslash_before_u0000_is_text_not_nul(api: Callers) -> None:
    body = report_body(description="Kode \\u0000 ditulis apa adanya oleh pelapor di uraian.")
    response = api.verifier.post("/api/v1/cases", body)
    assert response.status_code == 201, response.content
    assert Case.objects.get().description.startswith("Kode \\u0000")


def test_schemas_refuse_nul_even_without_the_middleware() -> None:
    from pydantic import ValidationError

    from netralitas.api.schemas import TransitionIn

    with pytest.raises(ValidationError) as raised:
        TransitionIn(action="reject", reason="a\x00b")
    assert raised.value.errors()[0]["type"] == "nul_character"
