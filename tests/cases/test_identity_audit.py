"""A refused attempt to read a reporter's identity leaves an audit event, as a granted one does."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.audit.models import AuditEvent
from netralitas.cases.services import CaseError, NotAllowed, reporter_identity_read
from tests.cases.helpers import submit
from tests.workspace.helpers import analyst_of_another_province
from tests.world import World

pytestmark = pytest.mark.django_db


def _refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="reporter.identity_refused"))


def test_officer_without_the_role_is_refused_and_the_refusal_is_audited(world: World) -> None:
    case, _ = submit(world, identity={"name": "Rina"})
    with pytest.raises(NotAllowed):
        reporter_identity_read(case=case, actor=world.bkn_officer, reason="Ingin tahu siapa pelapornya")
    [event] = _refusals()
    assert event.actor == world.bkn_officer and event.reason == "Ingin tahu siapa pelapornya"
    assert event.data["refusal"] == "role" and event.data["number"] == case.number
    assert "Rina" not in str(event.data)
    assert not AuditEvent.objects.filter(action="reporter.identity_read").exists()


def test_request_without_a_reason_is_refused_and_audited(world: World) -> None:
    case, _ = submit(world, identity={"name": "Rina"})
    with pytest.raises(CaseError, match="minimal 10 karakter"):
        reporter_identity_read(case=case, actor=world.verifier, reason="perlu")
    [event] = _refusals()
    assert event.actor == world.verifier and event.data["refusal"] == "reason"


def test_request_on_a_case_outside_scope_answers_404_and_is_audited(world: World, client: Client) -> None:
    case, _ = submit(world, identity={"name": "Rina"})
    outsider = analyst_of_another_province(world)
    client.force_login(outsider)
    response = client.post(
        reverse("workspace:identity", args=[case.code]), {"reason": "Menghubungi pelapor untuk bukti."}
    )
    assert response.status_code == 404 and "Rina" not in response.content.decode()
    [event] = _refusals()
    assert event.actor == outsider and event.data == {"code": case.code, "refusal": "scope"}
