"""The persona x endpoint matrix, extended to the protection of ASN reporters (ADR 0026): once Sari's
report is marked and her transfer raised an alert, no page, API response, export or webhook that the
agency (or any persona but the BKN auditor) can read says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from netralitas.integrations.models import OutboxEvent
from netralitas.protection.models import ProtectedAlert
from netralitas.registry.models import Employee
from tests.api.conftest import Callers
from tests.api.test_authorization_matrix import PERSONAS
from tests.cases.helpers import to_follow_up
from tests.protection.helpers import SARI_NIP, sari, sari_reports
from tests.world import PASSWORD, World

pytestmark = pytest.mark.django_db
MARKERS = ("perlindungan-pelapor", "Perlindungan pelapor", "terlindungi", "protected", "pembalasan", "alarm")


def _transfer_body(nip: str, number: str) -> dict[str, Any]:
    return {
        "decisions": [
            {
                "nip": nip,
                "decision_number": number,
                "decision_date": "2025-03-03",
                "deciding_agency": "KAB-16.06",
                "from_position": "Pengelola Data Kecamatan Sekayu",
                "to_position": "Pengelola Data Kecamatan Lalan",
            }
        ]
    }


@pytest.fixture
def protected(world: World, api: Callers) -> dict[str, Any]:
    case, _receipt = sari_reports(world)
    case = to_follow_up(world, case)
    other = Employee.objects.create(
        nip="199105052016041001",
        name="Joko Pranoto",
        sex=Employee.Sex.MALE,
        birth_date=dt.date(1991, 5, 5),
        kind=Employee.Kind.PNS,
        agency=world.pemkab_muba,
        position="Pengelola Data",
        position_type=Employee.PositionType.PELAKSANA,
    )
    sari(world)
    answer_sari = api.bkn.post("/api/v1/transfers", _transfer_body(SARI_NIP, "821/77/2025"))
    answer_other = api.bkn.post("/api/v1/transfers", _transfer_body(other.nip, "821/78/2025"))
    assert answer_sari.status_code == answer_other.status_code == 200
    alert = ProtectedAlert.objects.get()
    return {"case": case, "alert": alert, "answers": (answer_sari.json(), answer_other.json())}


def _clean(text: str, alert: ProtectedAlert) -> None:
    assert alert.code not in text
    for marker in MARKERS:
        assert marker not in text, marker


def test_the_transfer_answer_is_the_same_for_a_protected_reporter(protected: dict[str, Any]) -> None:
    sari_answer, other_answer = protected["answers"]

    def shape(answer: dict[str, Any]) -> Any:
        return {**answer, "decisions": [sorted(d) for d in answer["decisions"]]}

    assert shape(sari_answer) == shape(other_answer)
    assert sari_answer["decisions"][0]["case"] is None and not sari_answer["decisions"][0]["flagged"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_api_response_tells_any_client(api: Callers, protected: dict[str, Any], persona: str) -> None:
    caller = getattr(api, persona)
    case, alert = protected["case"], protected["alert"]
    for path in (f"/api/v1/cases/{case.code}", "/api/v1/cases", "/api/v1/statistics"):
        response = caller.get(path)
        assert response.status_code in (200, 404)
        _clean(response.content.decode(), alert)


def test_no_webhook_or_outbox_event_tells(protected: dict[str, Any]) -> None:
    alert = protected["alert"]
    for event in OutboxEvent.objects.all():
        _clean(str(event.payload) + event.event_type, alert)


@pytest.mark.parametrize(
    "persona", ["ppk_muba", "ppk_makassar", "verifier", "analyst", "bkn_officer", "leader"]
)
def test_no_page_tells_any_login_but_the_auditor(
    world: World, protected: dict[str, Any], persona: str
) -> None:
    case, alert = protected["case"], protected["alert"]
    client = Client()
    client.login(username=getattr(world, persona).username, password=PASSWORD)
    for path in (
        "/ruang-kerja/",
        f"/ruang-kerja/kasus/{case.code}/",
        "/mutasi/",
        "/pemantauan/",
        f"/perlindungan-pelapor/{alert.code}/",
    ):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        _clean(response.content.decode(), alert)
