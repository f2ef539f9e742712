"""The API checks NIP structure before any look-up, in the importer's words, never with a regex."""

from __future__ import annotations

import pytest

from netralitas.cases.models import Case
from tests.api.conftest import Callers, report_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860926201505100A", "hapus karakter bukan angka: 'A'"),
        ("1986", "diterima 4 angka"),
        ("198609262030051001", "TMT CPNS pada NIP di masa depan: 2030-05"),
        ("200609262015051001", "sebelum usia 18 tahun"),
        ("1671010101900001", "NIP harus 18 digit angka, diterima 16 digit"),
    ],
)
def test_a_malformed_nip_is_explained_not_matched_against_a_regex(
    api: Callers, nip: str, message: str
) -> None:
    response = api.verifier.post("/api/v1/cases", report_body(employee_nip=nip))
    assert response.status_code == 422
    (error,) = [e for e in response.json()["errors"] if e["field"] == "body.employee_nip"]
    assert error["code"] == "invalid_nip" and message in error["detail"]
    assert "^[0-9]" not in response.content.decode()
    assert not Case.objects.exists()


def test_spaces_inside_an_nip_are_ignored(api: Callers) -> None:
    response = api.verifier.post("/api/v1/cases", report_body(employee_nip="19860313 201001 1 003"))
    assert response.status_code == 201, response.content
    assert Case.objects.get().employee is not None


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860926201505100A", "hapus karakter bukan angka: 'A'"),
        ("1986", "diterima 4 angka"),
        ("198609262030051001", "TMT CPNS pada NIP di masa depan: 2030-05"),
        ("1671010101900001", "NIP harus 18 digit angka, diterima 16 digit"),
    ],
)
def test_an_employee_lookup_with_a_malformed_nip_is_a_422_not_a_404(
    api: Callers, nip: str, message: str
) -> None:
    response = api.verifier.get(f"/api/v1/employees/{nip}")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["field"] == "path.nip" and error["code"] == "invalid_nip" and message in error["detail"]


def test_an_employee_lookup_ignores_spaces_in_the_nip(api: Callers) -> None:
    response = api.verifier.get("/api/v1/employees/19860313 201001 1 003")
    assert response.status_code == 200 and response.json()["nip"] == "198603132010011003"
