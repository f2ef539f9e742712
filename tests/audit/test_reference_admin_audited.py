"""Holidays, deadline rules, the catalogs and agencies edited in the admin leave audit events."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.accounts.models import User
from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from netralitas.cases.models import DeadlineRule
from netralitas.registry.models import Holiday
from netralitas.sanctions.models import SanctionType
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, world: World) -> Client:
    client.force_login(User.objects.create_superuser("admin_uji", "admin@example.go.id", "x-rahasia-panjang"))
    return client


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_a_holiday_added_changed_and_bulk_deleted_in_the_admin_is_audited(admin_client: Client) -> None:
    form = {"date": "2024-11-27", "name": "Pilkada", "kind": Holiday.Kind.ELECTION, "source": "admin"}
    assert admin_client.post(reverse("admin:registry_holiday_add"), form).status_code == 302
    holiday = Holiday.objects.get(date="2024-11-27")
    change = reverse("admin:registry_holiday_change", args=[holiday.pk])
    assert admin_client.post(change, form | {"legal_basis": "Keppres 2024"}).status_code == 302
    bulk = {"action": "delete_selected", "_selected_action": [holiday.pk], "post": "yes"}
    assert admin_client.post(reverse("admin:registry_holiday_changelist"), bulk).status_code == 302
    assert _actions() == ["registry.holiday.created", "registry.holiday.changed", "registry.holiday.deleted"]
    changed = AuditEvent.objects.get(action="registry.holiday.changed")
    assert changed.data["changes"] == {"legal_basis": ["", "Keppres 2024"]}
    assert verify_chain().ok


def test_a_deadline_rule_change_is_audited_and_a_zero_day_rule_refused(admin_client: Client) -> None:
    rule = DeadlineRule.objects.order_by("pk").first()
    assert rule is not None
    change = reverse("admin:cases_deadlinerule_change", args=[rule.pk])
    form = {
        "stage": rule.stage,
        "days": 10,
        "unit": rule.unit,
        "legal_basis": rule.legal_basis,
        "valid_from": "",
        "reminder_days_before": 2,
    }
    refused = admin_client.post(change, form | {"days": 0})
    assert refused.status_code == 200 and "minimal 1 hari" in refused.content.decode()
    assert admin_client.post(change, form).status_code == 302
    (event,) = AuditEvent.objects.filter(action="cases.deadline_rule.changed")
    assert event.data["changes"]["days"] == [rule.days, 10]
    admin_client.post(reverse("admin:cases_deadlinerule_delete", args=[rule.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(action="cases.deadline_rule.deleted", target_id=str(rule.pk)).exists()


def test_deactivating_a_sanction_type_is_audited(admin_client: Client) -> None:
    sanction = SanctionType.objects.filter(active=True).order_by("pk").first()
    assert sanction is not None
    page = admin_client.get(reverse("admin:sanctions_sanctiontype_change", args=[sanction.pk]))
    form = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    form["active"] = ""
    response = admin_client.post(reverse("admin:sanctions_sanctiontype_change", args=[sanction.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    (event,) = AuditEvent.objects.filter(action="sanctions.sanction_type.changed")
    assert event.data["changes"] == {"active": [True, False]}


def test_changing_an_agencys_ppk_title_is_audited(admin_client: Client, world: World) -> None:
    agency = world.pemkab_muba
    page = admin_client.get(reverse("admin:registry_agency_change", args=[agency.pk]))
    form = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    form["ppk_title"] = "Pj. Bupati Musi Banyuasin"
    response = admin_client.post(reverse("admin:registry_agency_change", args=[agency.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    (event,) = AuditEvent.objects.filter(action="registry.agency.changed")
    assert event.data["changes"]["ppk_title"][1] == "Pj. Bupati Musi Banyuasin"


def test_an_employees_agency_change_is_audited_and_the_block_flag_is_not_editable(
    admin_client: Client, world: World
) -> None:
    employee = world.camat
    url = reverse("admin:registry_employee_change", args=[employee.pk])
    page = admin_client.get(url)
    form = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    assert "siasn_blocked" not in page.context["adminform"].form.fields
    form["position"] = "Camat Babat Toman"
    form["siasn_blocked"] = "on"
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    employee.refresh_from_db()
    assert employee.position == "Camat Babat Toman" and not employee.siasn_blocked
    (event,) = AuditEvent.objects.filter(action="registry.employee.changed")
    assert list(event.data["changes"]) == ["position"]


def test_an_election_its_stages_and_regions_changed_in_the_admin_are_audited(
    admin_client: Client, world: World
) -> None:
    election = world.pilkada
    change = reverse("admin:registry_election_change", args=[election.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    stages = list(election.stages.order_by("start"))
    form = {
        "code": election.code,
        "name": election.name,
        "kind": election.kind,
        "voting_date": "2024-11-27",
        "candidates_set_date": "2024-09-22",
        "regions": [world.muba.pk, world.sumsel.pk],
        "stages-TOTAL_FORMS": str(len(stages) + 1),
        "stages-INITIAL_FORMS": str(len(stages)),
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
    }
    rows = [(s.pk, s.code, s.name, s.start, s.end) for s in stages]
    rows.append(("", "penetapan-akhir", "Penetapan akhir", "2025-03-01", "2025-03-02"))
    for i, (pk, code, name, start, end) in enumerate(rows):
        prefix = f"stages-{i}-"
        form |= {prefix + "id": pk, prefix + "election": election.pk, prefix + "code": code}
        form |= {prefix + "name": name, prefix + "start": start, prefix + "end": end}
    response = admin_client.post(change, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = _actions()
    assert "registry.election_stage.created" in actions
    assert "registry.election.regions_changed" in actions
    assert verify_chain().ok
