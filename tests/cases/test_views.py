"""The old addresses /kasus/ and /kasus/<code>/ keep working: same access rules, then the workspace."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.helpers import submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def test_workspace_needs_a_login(client: Client) -> None:
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_login_page_speaks_bahasa_indonesia(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Masuk ke ruang kerja" in response.content.decode()


def test_verifier_sees_the_new_report_in_the_queue_with_its_countdown(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    page = client.get(reverse("cases:my_cases"), follow=True).content.decode()
    assert case.number in page and "hari kalender" in page


def test_the_old_queue_address_keeps_the_filters(client: Client, world: World) -> None:
    client.force_login(world.verifier)
    response = client.get(reverse("cases:my_cases") + "?overdue=1")
    assert response.status_code == 302 and response["Location"] == reverse("workspace:queue") + "?overdue=1"


def test_ppk_sees_the_recommended_case_of_its_agency(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_muba)
    response = client.get(reverse("cases:detail", args=[case.code]), follow=True)
    assert response.status_code == 200
    assert "Catat keputusan sanksi" in response.content.decode()


def test_ppk_of_another_agency_gets_404_on_the_case_page(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_makassar)
    assert client.get(reverse("cases:detail", args=[case.code])).status_code == 404
    assert case.number not in client.get(reverse("cases:my_cases"), follow=True).content.decode()


def test_ppk_gets_404_on_an_unverified_report_about_its_own_staff(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.ppk_muba)
    assert client.get(reverse("cases:detail", args=[case.code])).status_code == 404


def test_leader_reads_but_has_no_actions(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.leader)
    page = client.get(reverse("cases:detail", args=[case.code]), follow=True).content.decode()
    assert case.number in page and "Tindakan yang dapat Anda lakukan" not in page
