"""The "Perlu tindakan saya" queue: order, countdown, filters, search, pagination, htmx, bulk assign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from netralitas.cases.models import Case
from netralitas.cases.services import case_transition
from tests.cases.helpers import submit, to_follow_up
from tests.workspace.helpers import verifier_colleague
from tests.world import World

pytestmark = pytest.mark.django_db


def _numbers_in_order(page: str, cases: list[Case]) -> list[str]:
    return sorted((c.number for c in cases), key=page.index)


def test_queue_is_sorted_by_deadline_with_red_badges_for_overdue_cases(client: Client, world: World) -> None:
    late, _ = submit(world, description="Camat memasang spanduk calon bupati di kantor kecamatan.")
    soon, _ = submit(world, description="Camat membagikan sembako bergambar calon.")
    Case.objects.filter(pk=late.pk).update(deadline_at=timezone.now() - dt.timedelta(days=1))
    Case.objects.filter(pk=soon.pk).update(deadline_at=timezone.now() + dt.timedelta(days=3))
    client.force_login(world.verifier)
    page = client.get(reverse("workspace:queue")).content.decode()
    assert _numbers_in_order(page, [soon, late]) == [late.number, soon.number]
    assert 'class="badge red">terlambat' in page and "hari kalender lagi" in page


def test_filter_by_overdue_and_status(client: Client, world: World) -> None:
    late, _ = submit(world, description="Satu")
    fresh, _ = submit(world, description="Dua")
    Case.objects.filter(pk=late.pk).update(deadline_at=timezone.now() - dt.timedelta(hours=1))
    case_transition(case=fresh, actor=world.verifier, action="start_verification")
    client.force_login(world.verifier)
    overdue = client.get(reverse("workspace:queue"), {"overdue": "1"}).content.decode()
    assert late.number in overdue and fresh.number not in overdue
    verifying = client.get(reverse("workspace:queue"), {"status": "verifikasi"}).content.decode()
    assert fresh.number in verifying and late.number not in verifying


def test_filter_by_region_agency_election_and_violation_type(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    for params in (
        {"region": "16"},
        {"region": "16.06"},
        {"agency": "KAB-16.06"},
        {"election": "pilkada-2024"},
        {"violation": "media-sosial"},
    ):
        assert case.number in client.get(reverse("workspace:queue"), params).content.decode(), params
    assert case.number not in client.get(reverse("workspace:queue"), {"region": "16.71"}).content.decode()
    assert (
        case.number not in client.get(reverse("workspace:queue"), {"agency": "KOTA-73.71"}).content.decode()
    )


def test_search_by_number_nip_and_name(client: Client, world: World) -> None:
    case, _ = submit(world)
    other, _ = submit(world, employee=False, description="Lurah ikut kampanye.")
    client.force_login(world.verifier)
    for text in (case.number, "19860313 201001 1 003", "budi santoso"):
        page = client.get(reverse("workspace:queue"), {"q": text}).content.decode()
        assert case.number in page and other.number not in page, text
    empty = client.get(reverse("workspace:queue"), {"q": "tidak ada orang ini"}).content.decode()
    assert "Tidak ada kasus yang cocok dengan saringan ini" in empty


def test_htmx_filter_request_gets_only_the_results_partial(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:queue"), {"q": case.number}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert case.number in page and "<html" not in page and 'id="queue-count"' in page


@override_settings(WORKSPACE_PAGE_SIZE=2)
def test_pagination_keeps_the_filters(client: Client, world: World) -> None:
    cases = [submit(world, description=f"Laporan nomor {i}")[0] for i in range(5)]
    client.force_login(world.verifier)
    first = client.get(reverse("workspace:queue"), {"election": "pilkada-2024"}).content.decode()
    assert "Halaman 1 / 3" in first and "election=pilkada-2024&amp;page=2" in first
    third = client.get(reverse("workspace:queue"), {"election": "pilkada-2024", "page": 3}).content.decode()
    assert sum(c.number in third for c in cases) == 1


def test_ppk_queue_shows_only_its_agency_after_recommendation(client: Client, world: World) -> None:
    case, _ = submit(world)
    unverified, _ = submit(world, description="Belum diverifikasi")
    case = to_follow_up(world, case)
    client.force_login(world.ppk_muba)
    page = client.get(reverse("workspace:queue")).content.decode()
    assert case.number in page and unverified.number not in page
    client.force_login(world.ppk_makassar)
    assert case.number not in client.get(reverse("workspace:queue"), {"scope": "all"}).content.decode()


def test_bulk_assign_gives_the_checked_cases_to_a_colleague(client: Client, world: World) -> None:
    colleague = verifier_colleague(world)
    cases = [submit(world, description=f"Kasus lama {i}")[0] for i in range(3)]
    client.force_login(world.verifier)
    response = client.post(
        reverse("workspace:bulk_assign"),
        {"codes": [c.code for c in cases[:2]], "assignee": colleague.username, "back": "overdue=1"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?overdue=1")
    assigned = set(Case.objects.filter(assignee=colleague).values_list("pk", flat=True))
    assert assigned == {cases[0].pk, cases[1].pk}
    page = client.get(reverse("workspace:queue")).content.decode()
    assert "2 kasus ditugaskan kepada Rekan" in page


def test_bulk_assign_without_a_checked_case_says_so(client: Client, world: World) -> None:
    colleague = verifier_colleague(world)
    submit(world)
    client.force_login(world.verifier)
    response = client.post(reverse("workspace:bulk_assign"), {"assignee": colleague.username}, follow=True)
    assert "Centang minimal satu kasus" in response.content.decode()


def test_bulk_assign_refuses_a_case_outside_the_scope(client: Client, world: World) -> None:
    colleague = verifier_colleague(world)
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_makassar)
    response = client.post(
        reverse("workspace:bulk_assign"), {"codes": [case.code], "assignee": colleague.username}, follow=True
    )
    assert Case.objects.get(pk=case.pk).assignee_id is None
    assert response.status_code == 200
