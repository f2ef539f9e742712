"""Every act is audited: roles, their scope, function holders and accounts changed in the admin, logins
and failed logins, and enrolment tokens all leave an event in the audit chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from netralitas.accounts.models import Function, FunctionHolder, Role, RoleAssignment, User
from netralitas.accounts.services import enrolment_token_issue
from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from tests.workspace.helpers import password_login
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, world: World) -> Client:
    cache.clear()
    admin = User.objects.create_superuser("admin_uji", "admin@example.go.id", "x-rahasia-panjang")
    client.force_login(admin)
    return client


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _user_form(user: User, assignments: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "agency": user.agency_id or "",
        "phone": "",
        "timezone": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role_assignments-TOTAL_FORMS": str(len(assignments)),
        "role_assignments-INITIAL_FORMS": str(sum(1 for a in assignments if a.get("id"))),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    for index, assignment in enumerate(assignments):
        for key, value in assignment.items():
            data[f"role_assignments-{index}-{key}"] = value
        data[f"role_assignments-{index}-user"] = user.pk
    return data


def test_widening_a_verifiers_regions_in_the_admin_is_audited(admin_client: Client, world: World) -> None:
    assignment = RoleAssignment.objects.get(user=world.verifier)
    url = reverse("admin:accounts_user_change", args=[world.verifier.pk])
    form = _user_form(
        world.verifier,
        [
            {
                "id": assignment.pk,
                "role": Role.VERIFIER,
                "regions": [world.sumsel.pk, world.sulsel.pk],
                "agencies": [],
                "valid_from": "",
                "valid_until": "",
            }
        ],
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(assignment.regions.values_list("code", flat=True)) == {"16", "73"}
    (event,) = _events("accounts.role_assignment.changed")
    assert event.data["changes"]["regions"] == [["16"], ["16", "73"]]
    assert event.actor is not None and event.actor.username == "admin_uji"
    assert verify_chain().ok


def test_adding_and_deleting_a_role_in_the_admin_is_audited(admin_client: Client, world: World) -> None:
    assignment = RoleAssignment.objects.get(user=world.verifier)
    url = reverse("admin:accounts_user_change", args=[world.verifier.pk])
    kept = {"id": assignment.pk, "role": Role.VERIFIER, "regions": [world.sumsel.pk], "agencies": []}
    added = {"role": Role.AUDITOR, "national": "on", "regions": [], "agencies": []}
    assert admin_client.post(url, _user_form(world.verifier, [kept, added])).status_code == 302
    (created,) = _events("accounts.role_assignment.created")
    assert created.data["role"] == Role.AUDITOR and created.data["national"] is True
    new = RoleAssignment.objects.get(user=world.verifier, role=Role.AUDITOR)
    removed = {"id": new.pk, "role": Role.AUDITOR, "national": "on", "DELETE": "on"}
    assert admin_client.post(url, _user_form(world.verifier, [kept, removed])).status_code == 302
    assert not RoleAssignment.objects.filter(pk=new.pk).exists()
    (deleted,) = _events("accounts.role_assignment.deleted")
    assert deleted.target_id == str(new.pk) and deleted.data["values"]["role"] == Role.AUDITOR


def test_making_an_account_superuser_in_the_admin_is_audited(admin_client: Client, world: World) -> None:
    assignment = RoleAssignment.objects.get(user=world.verifier)
    url = reverse("admin:accounts_user_change", args=[world.verifier.pk])
    kept = {"id": assignment.pk, "role": Role.VERIFIER, "regions": [world.sumsel.pk], "agencies": []}
    form = _user_form(world.verifier, [kept]) | {"is_superuser": "on", "is_staff": "on"}
    assert admin_client.post(url, form).status_code == 302
    (event,) = _events("accounts.user.changed")
    assert event.data["changes"]["is_superuser"] == [False, True]
    assert "password" not in str(event.data)


def test_a_role_ending_before_it_starts_is_refused(admin_client: Client, world: World) -> None:
    assignment = RoleAssignment.objects.get(user=world.verifier)
    url = reverse("admin:accounts_user_change", args=[world.verifier.pk])
    bad = {
        "id": assignment.pk,
        "role": Role.VERIFIER,
        "regions": [world.sumsel.pk],
        "valid_from": "2024-05-01",
        "valid_until": "2024-04-01",
    }
    response = admin_client.post(url, _user_form(world.verifier, [bad]))
    assert response.status_code == 200
    assert "tidak boleh sebelum" in response.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="accounts.role_assignment").exists()


def test_function_holder_changes_in_the_admin_are_audited(admin_client: Client, world: World) -> None:
    add = reverse("admin:accounts_functionholder_add")
    form = {"function": Function.RECOMMEND, "body": world.menpan.pk, "valid_from": "2025-01-01"}
    assert admin_client.post(add, form).status_code == 302
    holder = FunctionHolder.objects.get(body=world.menpan, function=Function.RECOMMEND)
    (created,) = _events("accounts.function_holder.created")
    assert created.data["changes"]["body_id"] == [None, world.menpan.pk]
    change = reverse("admin:accounts_functionholder_change", args=[holder.pk])
    assert (
        admin_client.post(change, form | {"legal_basis": "Putusan MK 121/PUU-XXII/2024"}).status_code == 302
    )
    (changed,) = _events("accounts.function_holder.changed")
    assert changed.data["changes"] == {"legal_basis": ["", "Putusan MK 121/PUU-XXII/2024"]}
    changelist = reverse("admin:accounts_functionholder_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [holder.pk], "post": "yes"}
    assert admin_client.post(changelist, bulk).status_code == 302
    assert not FunctionHolder.objects.filter(pk=holder.pk).exists()
    assert len(_events("accounts.function_holder.deleted")) == 1


def test_staff_login_and_failed_login_are_audited_without_the_password(client: Client, world: World) -> None:
    cache.clear()
    password_login(client, world.verifier, password="salah-sekali")
    (failed,) = _events("accounts.login_failed")
    assert failed.data == {"username": world.verifier.username, "ip": "127.0.0.1", "step": "password"}
    assert failed.actor is None and "salah-sekali" not in str(failed.data)
    password_login(client, world.verifier)
    (login,) = _events("accounts.login")
    assert login.actor == world.verifier


def test_issuing_an_enrolment_token_is_audited(world: World) -> None:
    token = enrolment_token_issue(user=world.verifier, issued_by=world.bkn_officer, hours=1)
    (event,) = _events("accounts.enrolment_token_issued")
    assert event.actor == world.bkn_officer and event.target_id == str(world.verifier.pk)
    assert token not in str(event.data)
    assert dt.datetime.fromisoformat(event.data["expires_at"]) > dt.datetime.now(dt.UTC)
