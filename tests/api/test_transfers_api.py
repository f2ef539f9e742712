"""POST /api/v1/transfers: decisions from BKN's I-Mut or a region's system, flagged under Pasal 71(2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.cases.models import Case, Source
from netralitas.transfers.models import TransferDecision
from netralitas.transfers.services import transfer_rule_derive
from tests.api.conftest import Callers, make_caller
from tests.world import World

pytestmark = pytest.mark.django_db


def _decision(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "nip": "198603132010011003",
        "decision_number": "821/123/BKPSDM/2024",
        "decision_date": "2024-04-01",
        "deciding_agency": "KAB-16.06",
        "from_position": "Camat Sekayu",
        "from_level": "III.b",
        "to_position": "Staf Ahli Bupati",
        "to_level": "II.b",
    }
    body.update(overrides)
    return body


@pytest.fixture(autouse=True)
def rule(world: World) -> None:
    transfer_rule_derive(election=world.pilkada, window_end=dt.date(2025, 2, 20))


def test_a_decision_inside_the_window_without_approval_is_flagged_and_opens_a_case(
    api: Callers, world: World
) -> None:
    approved = _decision(nip=world.camat.nip, decision_number="SK-2", approval_reference="Mendagri 100/1")
    response = api.verifier.post("/api/v1/transfers", {"decisions": [_decision(), approved]})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["existing"], body["flagged"]) == (2, 0, 1)
    flagged, ok = body["decisions"]
    assert flagged["flagged"] and flagged["case"] is not None and not ok["flagged"] and ok["case"] is None
    case = Case.objects.get(code=flagged["case"])
    assert case.source == Source.SYSTEM and case.agency == world.pemkab_muba


def test_a_retried_batch_records_nothing_twice(api: Callers) -> None:
    first = api.verifier.post("/api/v1/transfers", {"decisions": [_decision()]}).json()
    again = api.verifier.post("/api/v1/transfers", {"decisions": [_decision()]}).json()
    assert (again["created"], again["existing"]) == (0, 1)
    assert again["decisions"][0]["code"] == first["decisions"][0]["code"]
    assert TransferDecision.objects.count() == 1 and Case.objects.filter(source=Source.SYSTEM).count() == 1


def test_unknown_nip_and_agency_are_reported_by_path_and_nothing_is_recorded(api: Callers) -> None:
    batch = [_decision(), _decision(nip="199001012015011001"), _decision(deciding_agency="KAB-99.99")]
    response = api.verifier.post("/api/v1/transfers", {"decisions": batch})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert set(errors) == {"body.decisions.1.nip", "body.decisions.2.deciding_agency"}
    assert "tidak ada di data ASN" in errors["body.decisions.1.nip"]["detail"]
    assert "not in the ASN records" in errors["body.decisions.1.nip"]["detail_en"]
    assert not TransferDecision.objects.exists()


def test_a_central_agency_cannot_be_the_deciding_body(api: Callers, world: World) -> None:
    response = api.verifier.post(
        "/api/v1/transfers", {"decisions": [_decision(deciding_agency=world.bkn.code)]}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "not_regional"


def test_malformed_input_gets_field_errors(api: Callers) -> None:
    response = api.verifier.post(
        "/api/v1/transfers", {"decisions": [_decision(nip="1986", decision_date="31-04-2024", extra=1)]}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"body.decisions.0.nip", "body.decisions.0.decision_date", "body.decisions.0.extra"} <= fields
    assert api.verifier.post("/api/v1/transfers", {"decisions": []}).status_code == 422


@pytest.mark.parametrize("persona", ["analyst", "ppk_muba", "auditor", "leader"])
def test_only_satgas_bkn_or_admin_clients_may_record_transfers(api: Callers, persona: str) -> None:
    response = getattr(api, persona).post("/api/v1/transfers", {"decisions": [_decision()]})
    assert response.status_code == 403
    assert not TransferDecision.objects.exists()


def test_a_read_only_key_may_not_record_transfers(api: Callers) -> None:
    assert api.read_only.post("/api/v1/transfers", {"decisions": [_decision()]}).status_code == 403


def test_the_case_of_a_flag_outside_the_clients_scope_is_not_named(api: Callers, world: World) -> None:
    # A Satgas verifier of Sulawesi Selatan records a decision of Musi Banyuasin (Sumatera Selatan): the
    # flag opens the case, but the client may not see it, so its code is not given away.
    user = User.objects.create_user("satgas_sulsel", "s@example.go.id", "x", agency=world.bkn)
    RoleAssignment.objects.create(user=user, role=Role.VERIFIER).regions.set([world.sulsel])
    outsider = make_caller(user, name="satgas-sulsel")

    body = outsider.post("/api/v1/transfers", {"decisions": [_decision()]}).json()
    assert body["decisions"][0]["flagged"] and body["decisions"][0]["case"] is None
    assert api.verifier.post("/api/v1/transfers", {"decisions": [_decision()]}).json()["decisions"][0]["case"]
