"""The queue page's "Tindak lanjut rakor": the open action items of the user's agency, by due date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netralitas.declarations.meeting_services import action_item_add, action_item_complete, meeting_create
from netralitas.declarations.models import ActionItem, Meeting
from netralitas.declarations.queries import action_item_queue
from netralitas.registry.models import Agency, Region
from tests.world import World

pytestmark = pytest.mark.django_db

HELD = dt.datetime(2024, 11, 10, 2, 0, tzinfo=dt.UTC)
# 21 November 2024, 09:00 WIB: an item due on the 20th is past due, one due on the 21st is not.
MORNING_AFTER = dt.datetime(2024, 11, 21, 2, 0, tzinfo=dt.UTC)


def _meeting(world: World, region: Region | None = None, title: str = "Rakor Netralitas Sumsel") -> Meeting:
    return meeting_create(
        actor=world.bkn_officer,
        kind=Meeting.Kind.RAKOR,
        title=title,
        held_at=HELD,
        region=region or world.sumsel,
        organiser=world.bkn,
        invited=[world.pemkab_muba],
        place="Kantor Gubernur",
    )


def _item(
    world: World, meeting: Meeting, description: str, due: dt.date, owner: Agency | None = None
) -> ActionItem:
    return action_item_add(
        meeting=meeting,
        actor=world.bkn_officer,
        description=description,
        owner=owner or world.pemkab_muba,
        due_date=due,
    )


def _queue(client: Client, *, htmx: bool = False) -> str:
    response = client.get(reverse("workspace:queue"), headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel(MORNING_AFTER, tick=False)
def test_the_owner_agency_sees_its_open_items_by_due_date_with_the_late_one_marked(
    client: Client, world: World
) -> None:
    meeting = _meeting(world)
    later = _item(world, meeting, "Laporkan hasil sosialisasi", dt.date(2024, 11, 21))
    late = _item(world, meeting, "Sosialisasi di 15 kecamatan", dt.date(2024, 11, 20))
    client.force_login(world.ppk_muba)
    page = _queue(client)
    assert "Tindak lanjut rakor" in page
    assert page.index(late.description) < page.index(later.description)
    assert reverse("declarations:meeting", args=[meeting.code]) in page and meeting.title in page
    assert "Pemerintah Kabupaten Musi Banyuasin" in page and "20 Nov 2024" in page
    assert page.count('class="badge red">lewat batas') == 1
    assert page.count('class="ws-overdue"') == 1
    assert f"{reverse('declarations:action_items')}#tl-{late.code}" in page
    assert "Lihat semua (2)" in page


def test_the_done_link_lands_on_the_items_form(client: Client, world: World) -> None:
    item = _item(world, _meeting(world), "Sosialisasi", dt.date(2024, 11, 20))
    client.force_login(world.ppk_muba)
    page = client.get(reverse("declarations:action_items")).content.decode()
    assert f'id="tl-{item.code}"' in page


def test_another_agency_and_another_region_do_not_see_the_item(client: Client, world: World) -> None:
    _item(world, _meeting(world), "Sosialisasi di 15 kecamatan", dt.date(2024, 11, 20))
    for user in (world.ppk_makassar, world.verifier):
        client.force_login(user)
        page = _queue(client)
        assert "Sosialisasi di 15 kecamatan" not in page
        assert 'id="tindak-lanjut-rakor"' not in page


def test_an_item_marked_done_leaves_the_queue(client: Client, world: World) -> None:
    item = _item(world, _meeting(world), "Sosialisasi di 15 kecamatan", dt.date(2024, 11, 20))
    client.force_login(world.ppk_muba)
    assert "Sosialisasi di 15 kecamatan" in _queue(client)
    action_item_complete(item=item, actor=world.ppk_muba, note="Selesai")
    page = _queue(client)
    assert "Sosialisasi di 15 kecamatan" not in page
    assert 'id="tindak-lanjut-rakor"' not in page


def test_the_queue_shows_ten_items_and_links_to_all_of_them(client: Client, world: World) -> None:
    meeting = _meeting(world)
    for day in range(12):
        _item(
            world, meeting, f"Tindak lanjut nomor {day:02d}", dt.date(2024, 11, 11) + dt.timedelta(days=day)
        )
    client.force_login(world.ppk_muba)
    page = _queue(client)
    assert "Tindak lanjut nomor 09" in page and "Tindak lanjut nomor 10" not in page
    assert "Lihat semua (12)" in page


def test_the_htmx_filter_partial_leaves_the_items_out(client: Client, world: World) -> None:
    _item(world, _meeting(world), "Sosialisasi di 15 kecamatan", dt.date(2024, 11, 20))
    client.force_login(world.ppk_muba)
    assert "Sosialisasi di 15 kecamatan" not in _queue(client, htmx=True)


def test_an_item_is_late_once_its_date_has_ended_in_the_meetings_zone(world: World) -> None:
    makassar_meeting = _meeting(world, world.makassar, "Rakor Makassar")
    in_makassar = _item(world, makassar_meeting, "Makassar", dt.date(2024, 11, 20), world.pemkab_muba)
    in_sumsel = _item(world, _meeting(world), "Sumsel", dt.date(2024, 11, 20))
    # 00:30 WITA on the 21st in Makassar, still 23:30 WIB on the 20th in Sumatera Selatan.
    items, total = action_item_queue(world.ppk_muba, dt.datetime(2024, 11, 20, 16, 30, tzinfo=dt.UTC), 10)
    late = {item.pk: item.overdue for item in items}  # type: ignore[attr-defined]
    assert total == 2
    assert late == {in_makassar.pk: True, in_sumsel.pk: False}


def _queries_for_queue(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _queue(client)
    return len(captured.captured_queries)


def test_the_items_cost_one_query_however_many_there_are(client: Client, world: World) -> None:
    meeting = _meeting(world)
    client.force_login(world.ppk_muba)
    _queries_for_queue(client)  # warm the reference caches
    none = _queries_for_queue(client)
    _item(world, meeting, "Satu", dt.date(2024, 11, 20))
    one = _queries_for_queue(client)
    for i in range(11):
        other = _meeting(world, title=f"Rakor {i}")
        _item(world, other, f"Tindak lanjut {i}", dt.date(2024, 11, 21))
    many = _queries_for_queue(client)
    assert one == none == many, (none, one, many)
