"""The auditor accepts or returns the PPK's decree through the API, with the services' rules."""

from __future__ import annotations

import pytest

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.cases.models import Case, Status
from netralitas.sanctions.models import Decision, ReturnedDecision
from tests.api.conftest import Callers, make_caller
from tests.cases.helpers import submit, submit_decree, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def _waiting_decree(world: World) -> Case:
    case = to_follow_up(world, submit(world)[0])
    return submit_decree(world, Case.objects.get(pk=case.pk))


def _path(case: Case) -> str:
    return f"/api/v1/cases/{case.code}/decision/check"


def test_the_auditor_accepts_the_decree_and_the_case_closes(world: World, api: Callers) -> None:
    case = _waiting_decree(world)
    assert case.status == Status.DECISION_CHECK
    response = api.auditor.post(_path(case), {"outcome": "accept", "expected_version": case.version})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.SANCTIONED
    assert Decision.objects.get(case=case).checked_by == world.auditor


def test_the_auditor_returns_the_decree_with_a_reason(world: World, api: Callers) -> None:
    case = _waiting_decree(world)
    reason = "Nomor keputusan tidak sesuai dengan dokumen."
    response = api.auditor.post(_path(case), {"outcome": "return", "reason": reason})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.AWAITING_FOLLOW_UP
    assert not Decision.objects.filter(case=case).exists()
    assert ReturnedDecision.objects.get(case=case).return_reason == reason


def test_a_return_without_reason_is_a_422_problem(world: World, api: Callers) -> None:
    case = _waiting_decree(world)
    response = api.auditor.post(_path(case), {"outcome": "return", "reason": "   "})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "body.reason"
    assert Case.objects.get(pk=case.pk).status == Status.DECISION_CHECK


def test_the_ppk_cannot_check_its_own_decree(world: World, api: Callers) -> None:
    case = _waiting_decree(world)
    response = api.ppk_muba.post(_path(case), {"outcome": "accept"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert Case.objects.get(pk=case.pk).status == Status.DECISION_CHECK


def test_an_auditor_of_another_region_gets_404(world: World) -> None:
    case = _waiting_decree(world)
    outsider = User.objects.create_user("auditor_k4", "k4@example.go.id", "x", agency=world.bkn)
    RoleAssignment.objects.create(user=outsider, role=Role.AUDITOR).regions.set([world.sulsel])
    response = make_caller(outsider, name="auditor-k4").post(_path(case), {"outcome": "accept"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_checking_without_a_waiting_decree_is_a_conflict(world: World, api: Callers) -> None:
    case = to_follow_up(world, submit(world)[0])
    response = api.auditor.post(_path(case), {"outcome": "accept"})
    assert response.status_code in (409, 422)
    assert response["Content-Type"].startswith("application/problem+json")
