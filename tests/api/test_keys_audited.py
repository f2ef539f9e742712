"""API key issue, rotation and revocation are audited by the key services, whoever calls them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.accounts.models import User
from netralitas.api.keys import api_client_issue_key, api_client_revoke, client_for_key
from netralitas.api.models import ApiClient
from netralitas.audit.models import AuditEvent
from tests.world import World

pytestmark = pytest.mark.django_db


def test_issue_rotate_and_revoke_through_the_service_are_audited(world: World) -> None:
    client = ApiClient(name="bawaslu-ri", agency=world.bawaslu, user=world.analyst)
    first = api_client_issue_key(client=client, actor=world.bkn_officer)
    second = api_client_issue_key(client=client, actor=world.bkn_officer)
    api_client_revoke(client=client, actor=world.bkn_officer)
    events = list(AuditEvent.objects.filter(target_type="api.apiclient").order_by("id"))
    assert [e.action for e in events] == ["api.client_created", "api.key_rotated", "api.key_revoked"]
    assert all(e.actor == world.bkn_officer for e in events)
    assert events[1].data["previous_key_prefix"] == first.split("_")[1]
    assert first not in str([e.data for e in events]) and second not in str([e.data for e in events])
    assert client_for_key(second) is None


def test_the_admins_rotation_goes_through_the_audited_service(client: Client, world: World) -> None:
    api_client = ApiClient(name="idis", agency=world.bkn, user=world.bkn_officer)
    api_client_issue_key(client=api_client)
    admin = User.objects.create_superuser("admin_uji", "admin@example.go.id", "x-rahasia-panjang")
    client.force_login(admin)
    action = {"action": "rotate_key", "_selected_action": [api_client.pk]}
    assert client.post(reverse("admin:api_apiclient_changelist"), action).status_code == 302
    (event,) = AuditEvent.objects.filter(action="api.key_rotated")
    assert event.actor == admin and event.target_id == str(api_client.pk)
    assert AuditEvent.objects.filter(action="api.key_rotated").count() == 1
