"""Dates and texts are bounded by one rule in every interface (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.cases.intake_rules import description_problem
from netralitas.cases.models import Case
from netralitas.cases.queries import duplicate_candidates
from tests.api.conftest import Callers, report_body
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db


def _errors(response: object) -> dict[str, dict[str, str]]:
    return {e["field"]: e for e in response.json()["errors"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2023-10-01", "9999-12-31"])
def test_the_api_refuses_an_incident_date_the_portal_refuses(api: Callers, day: str) -> None:
    response = api.verifier.post("/api/v1/cases", report_body(incident_date=day))
    assert response.status_code == 422, response.content
    error = _errors(response)["body.incident_date"]
    assert error["code"] == "out_of_range"
    expected = "Tanggal kejadian tidak boleh" if day > "2030" else "Tanggal ini jauh dari"
    assert error["detail"].startswith(expected)
    assert error["detail_en"] != error["detail"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("day", [dt.date.min, dt.date.max])
def test_the_staff_case_page_survives_a_stored_extreme_date(world: World, day: dt.date) -> None:
    case, _ = submit(world)
    other, _ = submit(world, description="Camat Sekayu mengajak memilih calon bupati di Facebook")
    Case.objects.filter(pk__in=[case.pk, other.pk]).update(incident_date=day)
    case.refresh_from_db()
    assert [c.pk for c, _score in duplicate_candidates(case, user=world.verifier)] == [other.pk]
    staff = Client()
    staff.force_login(world.verifier)
    assert staff.get(reverse("workspace:case", args=[case.code])).status_code == 200


@pytest.mark.parametrize("text", [" " * 30, " \n\t" * 20, "Camat" + " " * 40 + "ajak warga"])
def test_the_api_measures_the_description_after_normalising_whitespace(api: Callers, text: str) -> None:
    response = api.verifier.post("/api/v1/cases", report_body(description=text))
    assert response.status_code == 422, response.content
    error = _errors(response)["body.description"]
    problem = description_problem(text)
    assert problem is not None
    assert error["detail"] == problem.in_language("id") and error["detail_en"] == problem.in_language("en")
    assert "paling sedikit 30 karakter" in error["detail"] and "at least 30" in error["detail_en"]
    assert not Case.objects.exists()


def test_a_description_of_thirty_real_characters_passes_in_both(api: Callers) -> None:
    text = "Camat   ajak   warga   pilih   calon   bupati."
    assert description_problem(text) is None
    assert api.verifier.post("/api/v1/cases", report_body(description=text)).status_code == 201


def test_whitespace_only_text_is_empty_for_every_schema(api: Callers) -> None:
    code = api.verifier.post("/api/v1/cases", report_body()).json()["code"]
    response = api.verifier.post(
        "/api/v1/transfers",
        {
            "decisions": [
                {
                    "nip": "198603132010011003",
                    "decision_number": "   ",
                    "decision_date": "2024-10-01",
                    "deciding_agency": "x",
                    "to_position": " ",
                }
            ]
        },
    )
    assert response.status_code == 422
    assert {"body.decisions.0.decision_number", "body.decisions.0.to_position"} <= set(_errors(response))
    assert Case.objects.filter(code=code).exists()
