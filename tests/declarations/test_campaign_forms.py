"""Organisers create a declaration campaign through the page and edit it while it is a draft."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from netralitas.accounts.models import Role, User
from netralitas.audit.models import AuditEvent
from netralitas.declarations.campaign_services import campaign_update
from netralitas.declarations.models import Campaign
from netralitas.declarations.services import DeclarationError
from netralitas.registry.models import Agency
from tests.declarations.conftest import login, make_campaign
from tests.world import World

NEW = reverse("declarations:campaign_new")
TEXT = "Kami ASN Sumatera Selatan menyatakan netral dalam Pilkada 2024."


def _data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Deklarasi Netralitas ASN Sumatera Selatan",
        "text": TEXT,
        "election": "pilkada-2024",
        "region": "16",
        "opens_at": "2030-12-27T09:00",
        "closes_at": "2030-12-27T17:00",
        "all_agencies": "on",
        "organiser_roles": [Role.VERIFIER],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _edit_url(campaign: Campaign) -> str:
    return reverse("declarations:campaign_edit", args=[campaign.code])


def test_the_verifier_creates_a_province_campaign_with_all_its_agencies(
    world: World, sumsel_agencies: list[Agency]
) -> None:
    response = login(world.verifier).post(NEW, _data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("declarations:campaign", args=[campaign.code])
    assert campaign.state == Campaign.State.DRAFT
    assert sorted(campaign.participants.values_list("agency__code", flat=True)) == [
        "KAB-16.06",
        "KOTA-16.71",
        "PROV-16",
    ]
    assert campaign.organiser_roles == [Role.VERIFIER]
    assert AuditEvent.objects.filter(action="declaration.campaign_created").count() == 1


def test_the_times_are_typed_in_the_regions_zone_and_stored_in_utc(world: World) -> None:
    login(world.verifier).post(NEW, _data())
    campaign = Campaign.objects.get()
    assert campaign.opens_at == dt.datetime(2030, 12, 27, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB
    login(world.bkn_officer).post(
        NEW, _data(region="73.71", title="Deklarasi Kota Makassar", organiser_roles=[Role.BKN])
    )
    makassar = Campaign.objects.get(region=world.makassar)
    assert makassar.opens_at == dt.datetime(2030, 12, 27, 1, 0, tzinfo=dt.UTC)  # 09:00 WITA


def test_the_organiser_may_pick_some_agencies_only(world: World, sumsel_agencies: list[Agency]) -> None:
    login(world.verifier).post(NEW, _data(all_agencies=None, agencies=["KAB-16.06", "KOTA-16.71"]))
    campaign = Campaign.objects.get()
    assert sorted(campaign.participants.values_list("agency__code", flat=True)) == ["KAB-16.06", "KOTA-16.71"]


def test_a_validation_error_keeps_what_was_typed_and_explains_in_indonesian(
    world: World, sumsel_agencies: list[Agency]
) -> None:
    response = login(world.verifier).post(
        NEW, _data(closes_at="2030-12-27T08:00", all_agencies=None, agencies=["KOTA-16.71"])
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert not Campaign.objects.exists()
    assert "Waktu ditutup harus sesudah waktu dibuka." in body
    assert 'value="Deklarasi Netralitas ASN Sumatera Selatan"' in body
    assert TEXT in body
    assert 'value="2030-12-27T08:00"' in body
    assert 'value="KOTA-16.71" checked' in body
    assert 'value="KAB-16.06">' in body  # offered, not chosen


def test_an_empty_form_names_every_missing_field(world: World) -> None:
    response = login(world.verifier).post(NEW, {})
    body = response.content.decode()
    assert response.status_code == 422
    for message in (
        "Judul kampanye wajib diisi.",
        "Naskah deklarasi wajib diisi.",
        "Pilih pemilihan.",
        "Pilih wilayah.",
        "Isi tanggal dan jam penandatanganan dibuka.",
        "Pilih sedikitnya satu peran penyelenggara.",
    ):
        assert message in body


def test_a_closing_time_in_the_past_is_refused(world: World) -> None:
    response = login(world.verifier).post(
        NEW, _data(opens_at="2020-01-01T08:00", closes_at="2020-01-01T09:00")
    )
    assert "Waktu ditutup sudah lewat." in response.content.decode()


def test_a_verifier_cannot_create_a_campaign_for_another_province(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(region="73"))
    assert response.status_code == 422
    assert "Wilayah ini di luar cakupan Anda sebagai penyelenggara." in response.content.decode()
    assert not Campaign.objects.exists()


def test_an_agency_outside_the_chosen_region_is_refused(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(all_agencies=None, agencies=["KOTA-73.71"]))
    assert "Di luar wilayah yang dipilih: Pemerintah Kota Makassar." in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_creator_must_keep_one_of_their_own_roles_as_organiser(world: World) -> None:
    response = login(world.verifier).post(NEW, _data(organiser_roles=[Role.BKN]))
    assert "Pilih juga peran Anda sendiri untuk wilayah ini" in response.content.decode()


@pytest.mark.parametrize("persona", ["ppk_muba", "analyst", "leader", "auditor"])
def test_users_without_an_organising_role_get_404_and_no_button(world: World, persona: str) -> None:
    client = login(getattr(world, persona))
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, _data()).status_code == 404
    assert NEW not in client.get(reverse("declarations:campaigns")).content.decode()


def test_the_list_offers_the_create_button_to_organisers(world: World) -> None:
    page = login(world.verifier).get(reverse("declarations:campaigns")).content.decode()
    assert NEW in page and "Buat kampanye" in page


def test_the_new_form_starts_in_the_organisers_province(world: World) -> None:
    page = login(world.verifier).get(NEW).content.decode()
    assert '<option value="16" selected>Sumatera Selatan</option>' in page
    assert "Sulawesi Selatan" not in page
    assert "Pemerintah Kabupaten Musi Banyuasin" in page


def test_the_agency_list_follows_the_region_chosen_htmx(world: World, sumsel_agencies: list[Agency]) -> None:
    client = login(world.verifier)
    partial = client.get(f"{NEW}?region=16.71", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "Pemerintah Kota Palembang" in partial and "Musi Banyuasin" not in partial
    outside = client.get(f"{NEW}?region=73", HTTP_HX_REQUEST="true").content.decode()
    assert "Makassar" not in outside


def test_the_organiser_edits_a_draft_and_it_is_audited(world: World, sumsel_agencies: list[Agency]) -> None:
    draft = make_campaign(world, open_=False)
    client = login(world.verifier)
    form = client.get(_edit_url(draft)).content.decode()
    assert 'value="Deklarasi Netralitas ASN Sumatera Selatan"' in form
    response = client.post(
        _edit_url(draft), _data(title="Ikrar Netralitas ASN Sumsel", all_agencies=None, agencies=["PROV-16"])
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Ikrar Netralitas ASN Sumsel"
    assert list(draft.participants.values_list("agency__code", flat=True)) == ["PROV-16"]
    event = AuditEvent.objects.get(action="declaration.campaign_updated")
    assert {"title", "opens_at", "agencies"} <= set(event.data["changed"])


def test_the_edit_form_shows_the_times_in_the_regions_zone(world: World) -> None:
    draft = make_campaign(world, open_=False)
    Campaign.objects.filter(pk=draft.pk).update(
        opens_at=dt.datetime(2030, 12, 27, 2, 0, tzinfo=dt.UTC),
        closes_at=dt.datetime(2030, 12, 27, 10, 0, tzinfo=dt.UTC),
    )
    page = login(world.verifier).get(_edit_url(draft)).content.decode()
    assert 'value="2030-12-27T09:00"' in page and 'value="2030-12-27T17:00"' in page


def test_editing_after_opening_is_refused(world: World) -> None:
    opened = make_campaign(world, open_=True)
    client = login(world.verifier)
    page = client.get(_edit_url(opened), follow=True).content.decode()
    assert "Kampanye yang sudah dibuka tidak dapat diubah lagi." in page
    response = client.post(_edit_url(opened), _data(title="Diubah diam-diam"))
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.title != "Diubah diam-diam"
    assert not AuditEvent.objects.filter(action="declaration.campaign_updated").exists()


def test_the_service_refuses_an_opened_campaign_too(world: World) -> None:
    opened = make_campaign(world, open_=True)
    with pytest.raises(DeclarationError, match="sudah dibuka"):
        campaign_update(
            campaign=opened,
            actor=world.verifier,
            title="x",
            text="y",
            election=world.pilkada,
            region=world.sumsel,
            opens_at=opened.opens_at,
            closes_at=opened.closes_at,
            agencies=[world.pemkab_muba],
            organiser_roles=[Role.VERIFIER],
        )


def test_a_ppk_of_another_agency_gets_404_on_the_edit_page(world: World) -> None:
    draft = make_campaign(world, open_=False)
    assert login(world.ppk_makassar).get(_edit_url(draft)).status_code == 404


def test_a_reader_of_the_campaign_gets_404_on_the_edit_page(world: World) -> None:
    draft = make_campaign(world, open_=False)
    client = login(world.ppk_muba)  # sees the campaign (participating agency) but does not organise it
    assert client.get(reverse("declarations:campaign", args=[draft.code])).status_code == 200
    assert client.get(_edit_url(draft)).status_code == 404
    assert client.post(_edit_url(draft), _data()).status_code == 404


def test_an_organiser_of_another_province_gets_404_on_the_edit_page(
    world: World, satgas_sulsel: User
) -> None:
    draft = make_campaign(world, open_=False)
    assert login(satgas_sulsel).get(_edit_url(draft)).status_code == 404
    assert login(satgas_sulsel).post(_edit_url(draft), _data(region="73")).status_code == 404


def test_the_draft_page_links_to_the_edit_form_for_managers_only(world: World) -> None:
    draft = make_campaign(world, open_=False)
    url = reverse("declarations:campaign", args=[draft.code])
    assert _edit_url(draft) in login(world.verifier).get(url).content.decode()
    assert _edit_url(draft) not in login(world.ppk_muba).get(url).content.decode()
