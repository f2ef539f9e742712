"""The public signing page, the certificate and its verification page, and rate limiting."""

from __future__ import annotations

from typing import Any as SettingsWrapper

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.declarations.models import Campaign, Signature
from tests.declarations.conftest import make_campaign
from tests.world import World

GOOD = {"nip": "198603132010011003", "birth_date": "1986-03-13", "nik_last4": "0002"}


def _url(campaign: Campaign) -> str:
    return reverse("declarations:sign", args=[campaign.code])


def test_the_signing_page_is_public_and_shows_the_declaration_text(campaign: Campaign) -> None:
    response = Client().get(_url(campaign))
    assert response.status_code == 200
    assert "menyatakan netral" in response.content.decode()


def test_signing_through_the_page_gives_a_certificate_link(world: World, campaign: Campaign) -> None:
    response = Client().post(_url(campaign), GOOD, follow=True)
    signature = Signature.objects.get()
    assert response.redirect_chain == [
        (reverse("declarations:signed", args=[signature.code]) + "?baru=1", 302)
    ]
    body = response.content.decode()
    assert "deklarasi Anda tercatat" in body
    assert reverse("declarations:certificate", args=[signature.code]) in body


def test_signing_twice_through_the_page_shows_the_same_certificate(campaign: Campaign) -> None:
    Client().post(_url(campaign), GOOD)
    response = Client().post(_url(campaign), GOOD, follow=True)
    assert response.status_code == 200
    assert "sudah menandatangani" in response.content.decode()
    assert Signature.objects.count() == 1


def test_a_wrong_entry_keeps_every_value_and_explains_in_bahasa(campaign: Campaign) -> None:
    response = Client().post(_url(campaign), {**GOOD, "nik_last4": "9999"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "tidak cocok dengan data kepegawaian" in body
    assert 'value="198603132010011003"' in body and 'value="9999"' in body


def test_a_short_nip_is_explained(campaign: Campaign) -> None:
    response = Client().post(_url(campaign), {**GOOD, "nip": "19860313"})
    assert "NIP harus 18 angka; Anda mengisi 8 angka" in response.content.decode()


def test_failed_attempts_per_nip_are_rate_limited(settings: SettingsWrapper, campaign: Campaign) -> None:
    settings.DECLARATION_FAILURES_PER_NIP = 3
    for _ in range(3):
        Client().post(_url(campaign), {**GOOD, "nik_last4": "1111"})
    blocked = Client().post(_url(campaign), GOOD)  # even the right answer waits out the window
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.content.decode()
    assert not Signature.objects.exists()


def test_failed_attempts_per_address_are_rate_limited(
    settings: SettingsWrapper, world: World, campaign: Campaign
) -> None:
    settings.DECLARATION_FAILURES_PER_IP = 2
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post(_url(campaign), {**GOOD, "nip": "199105052019032002", "nik_last4": "1111"})
    client.post(_url(campaign), {**GOOD, "nip": "199001022015032001", "nik_last4": "1111"})
    assert client.post(_url(campaign), GOOD).status_code == 429
    assert Client(REMOTE_ADDR="10.9.9.9").post(_url(campaign), GOOD).status_code == 302


def test_successful_signatures_do_not_count_against_a_shared_address(
    settings: SettingsWrapper, campaign: Campaign
) -> None:
    settings.DECLARATION_FAILURES_PER_IP = 1
    client = Client(REMOTE_ADDR="10.1.2.3")
    assert client.post(_url(campaign), GOOD).status_code == 302
    other = {"nip": "199105052019032002", "birth_date": "1991-05-05", "nik_last4": "0001"}
    assert client.post(_url(campaign), other).status_code == 302


def test_a_draft_campaign_has_no_public_page(world: World) -> None:
    draft = make_campaign(world, open_=False)
    assert Client().get(_url(draft)).status_code == 404


def test_the_certificate_is_a_pdf_with_a_qr_code(campaign: Campaign) -> None:
    Client().post(_url(campaign), GOOD)
    signature = Signature.objects.get()
    response = Client().get(reverse("declarations:certificate", args=[signature.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"/Subtype /Image" in b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_anyone_can_verify_a_certificate_and_sees_only_a_masked_name(campaign: Campaign) -> None:
    Client().post(_url(campaign), GOOD)
    signature = Signature.objects.get()
    body = Client().get(reverse("declarations:verify", args=[signature.code])).content.decode()
    assert "Bu** Sa*****" in body
    assert "Budi Santoso" not in body
    assert "198603132010011003" not in body
    assert "Pemerintah Kabupaten Musi Banyuasin" in body


@pytest.mark.parametrize("name", ["declarations:verify", "declarations:certificate"])
def test_an_unknown_certificate_code_is_404(db: None, name: str) -> None:
    assert Client().get(reverse(name, args=["tidak-ada"])).status_code == 404
