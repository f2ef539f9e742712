"""Coordination meetings: attendance, action items for the owner agency, case figures before and after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netralitas.declarations.meeting_services import (
    action_item_add,
    action_item_complete,
    attendance_record,
    meeting_create,
)
from netralitas.declarations.models import ActionItem, Meeting
from netralitas.declarations.queries import case_figures_around, open_action_items
from netralitas.declarations.services import DeclarationError
from tests.cases.helpers import submit
from tests.world import PASSWORD, World

HELD = dt.datetime(2024, 11, 10, 9, 0, tzinfo=dt.UTC)


def _login(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


@pytest.fixture
def meeting(world: World) -> Meeting:
    meeting = meeting_create(
        actor=world.verifier,
        kind=Meeting.Kind.RAKOR,
        title="Rakor Pengawasan Netralitas Sumsel",
        held_at=HELD,
        region=world.sumsel,
        organiser=world.bkn,
        invited=[world.pemkab_muba],
        place="Kantor Gubernur, Palembang",
    )
    attendance_record(
        meeting=meeting,
        actor=world.verifier,
        attendees=[(world.pemkab_muba, "Sekda Muba", "Sekretaris Daerah")],
    )
    action_item_add(
        meeting=meeting,
        actor=world.verifier,
        description="Sosialisasi netralitas di 15 kecamatan",
        owner=world.pemkab_muba,
        due_date=dt.date(2024, 11, 20),
    )
    return meeting


def test_open_items_are_visible_to_the_owner_agency_only(world: World, meeting: Meeting) -> None:
    assert [i.description for i in open_action_items(world.ppk_muba)] == [
        "Sosialisasi netralitas di 15 kecamatan"
    ]
    assert list(open_action_items(world.ppk_makassar)) == []
    page = _login(world.ppk_makassar).get(reverse("declarations:action_items")).content.decode()
    assert "Sosialisasi netralitas" not in page


def test_the_owner_marks_an_item_done_and_it_leaves_the_list(world: World, meeting: Meeting) -> None:
    item = ActionItem.objects.get()
    client = _login(world.ppk_muba)
    response = client.post(
        reverse("declarations:action_item_done", args=[item.code]), {"note": "Selesai 12 Nov"}
    )
    assert response.status_code == 302
    assert list(open_action_items(world.ppk_muba)) == []


def test_marking_done_without_a_note_keeps_the_form_and_explains(world: World, meeting: Meeting) -> None:
    item = ActionItem.objects.get()
    response = _login(world.ppk_muba).post(
        reverse("declarations:action_item_done", args=[item.code]), {"note": ""}
    )
    assert response.status_code == 422
    assert "Tuliskan apa yang sudah dilakukan." in response.content.decode()


def test_another_agency_cannot_close_the_item(world: World, meeting: Meeting) -> None:
    item = ActionItem.objects.get()
    response = _login(world.ppk_makassar).post(
        reverse("declarations:action_item_done", args=[item.code]), {"note": "x"}
    )
    assert response.status_code == 404


def test_an_item_cannot_be_closed_twice(world: World, meeting: Meeting) -> None:
    item = ActionItem.objects.get()
    action_item_complete(item=item, actor=world.ppk_muba, note="ok")
    with pytest.raises(DeclarationError, match="sudah ditandai selesai"):
        action_item_complete(item=item, actor=world.ppk_muba, note="lagi")


def test_a_meeting_needs_a_place_or_a_link(world: World) -> None:
    with pytest.raises(DeclarationError, match="tempat rapat atau tautan"):
        meeting_create(
            actor=world.verifier,
            kind=Meeting.Kind.SOCIALISATION,
            title="Sosialisasi",
            held_at=HELD,
            region=world.sumsel,
            organiser=world.bkn,
        )


def test_the_meeting_page_shows_the_regions_cases_before_and_after(world: World, meeting: Meeting) -> None:
    submit(world, key="before")  # received now... moved into the window below
    from netralitas.cases.models import Case

    Case.objects.update(received_at=HELD - dt.timedelta(days=3))
    submit(world, key="after")
    Case.objects.filter(idempotency_key="after").update(received_at=HELD + dt.timedelta(days=2))
    before, after = case_figures_around(world.verifier, meeting, weeks=2)
    assert (before.received, after.received) == (1, 1)
    page = _login(world.verifier).get(reverse("declarations:meeting", args=[meeting.code])).content.decode()
    assert 'data-testid="before-received">1<' in page
    assert "Sekda Muba" in page


def test_case_figures_follow_the_viewers_case_scope(world: World, meeting: Meeting) -> None:
    from netralitas.cases.models import Case

    submit(world, key="x")
    Case.objects.update(received_at=HELD - dt.timedelta(days=3))
    before, _after = case_figures_around(world.ppk_muba, meeting, weeks=2)
    assert before.received == 0  # a PPK never sees an unverified report


def test_invited_agency_sees_the_meeting_and_others_get_404(world: World, meeting: Meeting) -> None:
    url = reverse("declarations:meeting", args=[meeting.code])
    assert _login(world.ppk_muba).get(url).status_code == 200
    assert _login(world.ppk_makassar).get(url).status_code == 404
    assert (
        meeting.title not in _login(world.ppk_makassar).get(reverse("declarations:meetings")).content.decode()
    )


def test_the_due_date_cannot_precede_the_meeting(world: World, meeting: Meeting) -> None:
    with pytest.raises(DeclarationError, match="tidak boleh sebelum tanggal rapat"):
        action_item_add(
            meeting=meeting,
            actor=world.verifier,
            description="x",
            owner=world.pemkab_muba,
            due_date=timezone.localdate(HELD) - dt.timedelta(days=1),
        )


def test_the_services_refuse_a_user_without_an_organising_role(world: World, meeting: Meeting) -> None:
    from netralitas.declarations.services import DeclarationNotAllowed

    count = Meeting.objects.count()
    with pytest.raises(DeclarationNotAllowed):
        meeting_create(
            actor=world.ppk_muba,
            kind=Meeting.Kind.RAKOR,
            title="Rapat tanpa wewenang",
            held_at=HELD,
            region=world.sumsel,
            organiser=world.pemkab_muba,
            place="Sekayu",
        )
    assert Meeting.objects.count() == count
    with pytest.raises(DeclarationNotAllowed):
        attendance_record(meeting=meeting, actor=world.ppk_makassar, attendees=[(world.bkn, "X", "Y")])
    with pytest.raises(DeclarationNotAllowed):
        action_item_add(
            meeting=meeting,
            actor=world.ppk_makassar,
            description="Tidak berwenang",
            owner=world.pemkab_muba,
            due_date=dt.date(2024, 11, 20),
        )
    item = ActionItem.objects.get(meeting=meeting)
    with pytest.raises(DeclarationNotAllowed):
        action_item_complete(item=item, actor=world.ppk_makassar, note="Bukan milik kami")
    assert ActionItem.objects.get(pk=item.pk).done_at is None
