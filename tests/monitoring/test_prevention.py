"""The dashboard's prevention panels: open coordination-meeting action items and Pasal 71(2) transfer flags,
counted in the viewer's scope."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netralitas.accounts.models import User
from netralitas.cases.services import case_transition
from netralitas.declarations.meeting_services import action_item_add, action_item_complete, meeting_create
from netralitas.declarations.models import ActionItem, Meeting
from netralitas.monitoring.prevention import FlagRegionRow, Prevention
from netralitas.registry.models import Agency, Employee, Region
from netralitas.transfers.models import TransferDecision
from netralitas.transfers.services import transfer_record, transfer_rule_derive
from tests.world import World

pytestmark = pytest.mark.django_db

HELD = dt.datetime(2024, 11, 10, 2, 0, tzinfo=dt.UTC)
# 25 November 2024 in both WIB and WITA: items due up to the 24th are past due.
NOW = dt.datetime(2024, 11, 25, 3, 0, tzinfo=dt.UTC)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _panels(user: User, query: dict[str, str] | None = None) -> Prevention:
    response = client_for(user).get("/pemantauan/", query or {})
    assert response.status_code == 200
    panels = response.context["d"].prevention
    assert isinstance(panels, Prevention)
    return panels


def _meeting(world: World, region: Region, organiser: Agency, title: str) -> Meeting:
    return meeting_create(
        actor=world.bkn_officer,
        kind=Meeting.Kind.RAKOR,
        title=title,
        held_at=HELD,
        region=region,
        organiser=organiser,
        place="Aula",
    )


def _item(
    world: World, meeting: Meeting, owner: Agency, due: dt.date, text: str = "Tindak lanjut"
) -> ActionItem:
    return action_item_add(
        meeting=meeting, actor=world.bkn_officer, description=text, owner=owner, due_date=due
    )


@pytest.fixture
def items(world: World) -> dict[str, ActionItem]:
    """Sumatera Selatan: two overdue, one not yet due, one done. Sulawesi Selatan (organised by Makassar,
    not by BKN, so the Sumsel verifier's agency does not make it visible): one overdue."""
    sumsel = _meeting(world, world.sumsel, world.bkn, "Rakor Sumsel")
    muba = _meeting(world, world.muba, world.pemkab_muba, "Rapat OPD Muba")
    makassar = _meeting(world, world.makassar, world.pemkot_makassar, "Rakor Makassar")
    done = _item(world, sumsel, world.pemkab_muba, dt.date(2024, 11, 11), "Selesai")
    action_item_complete(item=done, actor=world.ppk_muba, note="ok")
    return {
        "oldest": _item(world, muba, world.pemkab_muba, dt.date(2024, 11, 12), "Paling lama"),
        "late": _item(world, sumsel, world.bkn, dt.date(2024, 11, 20), "Lewat"),
        "due": _item(world, sumsel, world.pemkab_muba, dt.date(2024, 11, 30), "Belum"),
        "sulsel": _item(world, makassar, world.pemkot_makassar, dt.date(2024, 11, 15), "Sulsel"),
    }


@time_machine.travel(NOW, tick=False)
def test_the_national_leader_counts_every_open_item_and_sees_the_three_most_overdue(
    world: World, items: dict[str, ActionItem]
) -> None:
    panel = _panels(world.leader).action_items
    assert (panel.open, panel.overdue) == (4, 3)
    assert [i.description for i in panel.most_overdue] == ["Paling lama", "Sulsel", "Lewat"]


@time_machine.travel(NOW, tick=False)
def test_a_sumsel_verifier_does_not_count_sulawesi_selatan_items(
    world: World, items: dict[str, ActionItem]
) -> None:
    panel = _panels(world.verifier).action_items
    assert (panel.open, panel.overdue) == (3, 2)
    assert [i.description for i in panel.most_overdue] == ["Paling lama", "Lewat"]


@time_machine.travel(NOW, tick=False)
def test_the_province_filter_narrows_the_items_to_its_meetings(
    world: World, items: dict[str, ActionItem]
) -> None:
    panel = _panels(world.leader, {"provinsi": "73"}).action_items
    assert (panel.open, panel.overdue) == (1, 1)


@time_machine.travel(NOW, tick=False)
def test_the_panel_shows_counts_the_overdue_list_and_links(
    world: World, items: dict[str, ActionItem]
) -> None:
    page = client_for(world.verifier).get("/pemantauan/").content.decode()
    assert 'id="tindak-lanjut-rakor"' in page and "Rapat OPD Muba" in page and "12 Nov 2024" in page
    assert f"/deklarasi/rakor/{items['oldest'].meeting.code}/" in page
    assert 'href="/deklarasi/tindak-lanjut/"' in page and 'href="/mutasi/"' in page
    assert "Rakor Makassar" not in page


def test_without_items_or_flags_the_panels_say_so(world: World) -> None:
    page = client_for(world.verifier).get("/pemantauan/").content.decode()
    assert "Tidak ada tindak lanjut rakor yang terbuka dalam cakupan Anda." in page
    assert "Tidak ada mutasi yang ditandai dalam cakupan Anda." in page


# --- Pasal 71(2) flags ------------------------------------------------------------------------------


@pytest.fixture
def rule(world: World) -> None:
    transfer_rule_derive(election=world.pilkada, window_end=dt.date(2025, 2, 20))


def _flag(employee: Employee, agency: Agency, number: str) -> TransferDecision:
    decision, _ = transfer_record(
        employee=employee,
        decision_number=number,
        decision_date=dt.date(2024, 4, 1),
        deciding_agency=agency,
        to_position="Staf Ahli",
    )
    assert decision.flagged
    return decision


@pytest.fixture
def flags(world: World, rule: None) -> list[TransferDecision]:
    muba = [_flag(world.camat, world.pemkab_muba, f"SK-MUBA-{i}") for i in range(2)]
    makassar = [_flag(world.makassar_staff, world.pemkot_makassar, "SK-MKS-1")]
    assert muba[0].case is not None
    case_transition(case=muba[0].case, actor=world.verifier, action="cancel", reason="SK dibatalkan")
    return muba + makassar


def test_the_national_leader_sees_flags_of_every_region(world: World, flags: list[TransferDecision]) -> None:
    assert _panels(world.leader).flags == [
        FlagRegionRow(region="Kabupaten Musi Banyuasin", flagged=2, open_cases=1),
        FlagRegionRow(region="Kota Makassar", flagged=1, open_cases=1),
    ]


def test_a_sumsel_verifier_does_not_see_sulawesi_selatan_flags(
    world: World, flags: list[TransferDecision]
) -> None:
    assert _panels(world.verifier).flags == [
        FlagRegionRow(region="Kabupaten Musi Banyuasin", flagged=2, open_cases=1)
    ]
    page = client_for(world.verifier).get("/pemantauan/").content.decode()
    assert "Kabupaten Musi Banyuasin" in page and "Kota Makassar" not in page


def test_the_filters_narrow_the_flags(world: World, flags: list[TransferDecision]) -> None:
    assert [r.region for r in _panels(world.leader, {"provinsi": "73"}).flags] == ["Kota Makassar"]
    assert _panels(world.leader, {"pemilihan": "pemilu-2029"}).flags == []


def _dashboard_queries(user: User) -> int:
    client = client_for(user)
    client.get("/pemantauan/")  # warm the reference caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/pemantauan/").status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_queries_do_not_grow_with_the_flags_or_items(world: World, rule: None) -> None:
    meeting = _meeting(world, world.sumsel, world.bkn, "Rakor Sumsel")
    _flag(world.camat, world.pemkab_muba, "SK-0")
    _item(world, meeting, world.pemkab_muba, dt.date(2024, 11, 12))
    few = _dashboard_queries(world.leader)
    for i in range(1, 12):
        _flag(world.camat, world.pemkab_muba, f"SK-{i}")
        _flag(world.makassar_staff, world.pemkot_makassar, f"SK-MKS-{i}")
        _item(
            world,
            _meeting(world, world.makassar, world.pemkot_makassar, f"Rakor {i}"),
            world.bkn,
            dt.date(2024, 11, 12),
        )
    many = _dashboard_queries(world.leader)
    assert many == few, (few, many)
