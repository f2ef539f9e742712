"""Organisers record a coordination meeting through the page, then its attendance and action items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from netralitas.accounts.models import User
from netralitas.audit.models import AuditEvent
from netralitas.declarations.meeting_services import meeting_create
from netralitas.declarations.models import ActionItem, Attendance, Meeting
from netralitas.declarations.queries import open_action_items
from netralitas.registry.models import Agency
from tests.declarations.conftest import login
from tests.world import World

NEW = reverse("declarations:meeting_new")
HELD = dt.datetime(2024, 11, 10, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB


def _data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": Meeting.Kind.PRE_RAKOR,
        "title": "Pra-rakor Netralitas ASN Sumatera Selatan",
        "held_at": "2024-11-10T09:00",
        "region": "16",
        "place": "Kantor Gubernur, Palembang",
        "online_url": "",
        "organiser": "BKN",
        "invited": ["KAB-16.06", "BAWASLU"],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def meeting(world: World) -> Meeting:
    return meeting_create(
        actor=world.bkn_officer,
        kind=Meeting.Kind.RAKOR,
        title="Rakor Pengawasan Netralitas Sumsel",
        held_at=HELD,
        region=world.sumsel,
        organiser=world.bkn,
        invited=[world.pemkab_muba],
        place="Kantor Gubernur, Palembang",
    )


def _attendance(meeting: Meeting) -> str:
    return reverse("declarations:meeting_attendance", args=[meeting.code])


def _action_item(meeting: Meeting) -> str:
    return reverse("declarations:meeting_action_item", args=[meeting.code])


def _rows(*rows: tuple[str, str, str], total: int = 5) -> dict[str, str]:
    data = {"hadir-TOTAL_FORMS": str(total), "hadir-INITIAL_FORMS": "0"}
    for i in range(total):
        agency, name, position = rows[i] if i < len(rows) else ("", "", "")
        data |= {f"hadir-{i}-agency": agency, f"hadir-{i}-name": name, f"hadir-{i}-position": position}
    return data


def test_the_verifier_records_a_meeting_and_lands_on_its_page(world: World) -> None:
    response = login(world.verifier).post(NEW, _data())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("declarations:meeting", args=[meeting.code])
    assert meeting.held_at == HELD
    assert meeting.organiser == world.bkn
    assert sorted(meeting.invited.values_list("code", flat=True)) == ["BAWASLU", "KAB-16.06"]
    assert meeting.created_by == world.verifier
    assert AuditEvent.objects.filter(action="meeting.created").count() == 1


def test_all_regional_governments_can_be_invited_at_once(world: World, sumsel_agencies: list[Agency]) -> None:
    login(world.verifier).post(NEW, _data(invited=["BAWASLU"], all_invited="on"))
    assert sorted(Meeting.objects.get().invited.values_list("code", flat=True)) == [
        "BAWASLU",
        "KAB-16.06",
        "KOTA-16.71",
        "PROV-16",
    ]


def test_an_online_meeting_needs_no_place(world: World) -> None:
    login(world.verifier).post(NEW, _data(place="", online_url="https://zoom.us/j/123"))
    assert Meeting.objects.get().online_url == "https://zoom.us/j/123"


def test_a_meeting_without_place_or_link_keeps_the_form_and_explains(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(place=""))
    body = response.content.decode()
    assert response.status_code == 422
    assert "Isi tempat rapat atau tautan rapat daring." in body
    assert 'value="Pra-rakor Netralitas ASN Sumatera Selatan"' in body
    assert 'value="KAB-16.06" checked' in body
    assert '<option value="BKN" selected>' in body
    assert not Meeting.objects.exists()


def test_an_empty_meeting_form_names_the_missing_fields(world: World) -> None:
    body = login(world.verifier).post(NEW, {}).content.decode()
    for message in (
        "Pilih jenis rapat.",
        "Judul rapat wajib diisi.",
        "Isi tanggal dan jam rapat.",
        "Pilih wilayah.",
    ):
        assert message in body


def test_a_verifier_cannot_record_a_meeting_in_another_province(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(region="73", invited=["KOTA-73.71"]))
    assert "Wilayah ini di luar cakupan Anda sebagai penyelenggara." in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_invited_agency_outside_the_region_is_refused(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(invited=["KOTA-73.71"]))
    assert "Di luar wilayah yang dipilih: Pemerintah Kota Makassar." in response.content.decode()


@pytest.mark.parametrize("persona", ["ppk_muba", "analyst", "leader"])
def test_users_without_an_organising_role_cannot_record_meetings(world: World, persona: str) -> None:
    client = login(getattr(world, persona))
    assert client.get(NEW).status_code == 404
    assert NEW not in client.get(reverse("declarations:meetings")).content.decode()


def test_the_meeting_list_offers_catat_rapat_to_organisers(world: World) -> None:
    page = login(world.verifier).get(reverse("declarations:meetings")).content.decode()
    assert NEW in page and "Catat rapat" in page


def test_the_region_change_swaps_the_agency_choices(world: World) -> None:
    partial = login(world.bkn_officer).get(f"{NEW}?region=73", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "Pemerintah Kota Makassar" in partial and "Musi Banyuasin" not in partial


def test_the_organiser_records_several_attendees_at_once(world: World, meeting: Meeting) -> None:
    client = login(world.verifier)
    assert (
        "Catat kehadiran" in client.get(reverse("declarations:meeting", args=[meeting.code])).content.decode()
    )
    response = client.post(
        _attendance(meeting),
        _rows(("KAB-16.06", "Apriyadi", "Sekretaris Daerah"), ("BAWASLU", "Kurniawan", "")),
    )
    assert response.status_code == 302
    assert sorted(Attendance.objects.values_list("name", flat=True)) == ["Apriyadi", "Kurniawan"]
    assert AuditEvent.objects.get(action="meeting.attendance").data == {"count": 2}


def test_an_attendee_without_agency_keeps_every_row_typed(world: World, meeting: Meeting) -> None:
    response = login(world.verifier).post(
        _attendance(meeting), _rows(("KAB-16.06", "Apriyadi", "Sekda"), ("", "Kurniawan", "Staf"))
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Pilih instansi peserta ini." in body
    assert 'value="Apriyadi"' in body and 'value="Kurniawan"' in body
    assert not Attendance.objects.exists()


def test_an_empty_attendance_form_asks_for_one_name(world: World, meeting: Meeting) -> None:
    response = login(world.verifier).post(_attendance(meeting), _rows())
    assert response.status_code == 422
    assert "Isi sedikitnya satu nama peserta yang hadir." in response.content.decode()


def test_an_action_item_added_on_the_page_lands_in_the_owners_queue(world: World, meeting: Meeting) -> None:
    response = login(world.verifier).post(
        _action_item(meeting),
        {
            "description": "Sosialisasi netralitas di 15 kecamatan",
            "owner": "KAB-16.06",
            "due_date": "2024-11-20",
        },
    )
    assert response.status_code == 302
    assert [i.description for i in open_action_items(world.ppk_muba)] == [
        "Sosialisasi netralitas di 15 kecamatan"
    ]
    assert AuditEvent.objects.filter(action="meeting.action_item_added").count() == 1


def test_an_action_item_due_before_the_meeting_keeps_the_text(world: World, meeting: Meeting) -> None:
    response = login(world.verifier).post(
        _action_item(meeting),
        {"description": "Laporan ke Bupati", "owner": "KAB-16.06", "due_date": "2024-11-01"},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Batas waktu tidak boleh sebelum tanggal rapat." in body
    assert "Laporan ke Bupati" in body
    assert not ActionItem.objects.exists()


def test_an_invited_reader_sees_the_meeting_but_gets_404_on_management(
    world: World, meeting: Meeting
) -> None:
    client = login(world.ppk_muba)
    page = client.get(reverse("declarations:meeting", args=[meeting.code])).content.decode()
    assert "Catat kehadiran" not in page
    assert client.post(_attendance(meeting), _rows(("KAB-16.06", "X", ""))).status_code == 404
    assert client.post(_action_item(meeting), {"description": "x"}).status_code == 404


@pytest.mark.parametrize("persona", ["ppk_makassar", "satgas_sulsel"])
def test_users_outside_the_region_get_404_on_the_meeting_management(
    world: World, meeting: Meeting, satgas_sulsel: User, persona: str
) -> None:
    user = satgas_sulsel if persona == "satgas_sulsel" else world.ppk_makassar
    client = login(user)
    assert client.post(_attendance(meeting), _rows(("KAB-16.06", "X", ""))).status_code == 404
    assert client.post(_action_item(meeting), {"description": "x"}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_creator_of_a_meeting_manages_it(world: World) -> None:
    own = meeting_create(
        actor=world.verifier,
        kind=Meeting.Kind.OPD_HEADS,
        title="Rapat kepala OPD Muba",
        held_at=HELD,
        region=world.muba,
        organiser=world.pemkab_muba,
        place="Sekayu",
    )
    # Only an organiser may create (the service checks it); a creator keeps managing the meeting even
    # without an organising role over its region, e.g. after the role has ended.
    Meeting.objects.filter(pk=own.pk).update(created_by=world.ppk_muba)
    response = login(world.ppk_muba).post(_attendance(own), _rows(("KAB-16.06", "Kepala Dinas", "")))
    assert response.status_code == 302
