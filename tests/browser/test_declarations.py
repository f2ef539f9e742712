"""An ASN signs on a 360 px phone and downloads the certificate; the coverage screen updates live; an
organiser creates a campaign through the form and opens it; the transfers flags page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from netralitas.declarations.services import signature_sign
from netralitas.transfers.services import transfer_record, transfer_rule_derive
from tests.browser.conftest import login, screenshot
from tests.declarations.conftest import add_employee, make_campaign
from tests.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_asn_signs_on_a_phone_and_downloads_the_certificate(live_server: Any, phone_page: Any) -> None:
    world: World = build_world()
    campaign = make_campaign(world)
    page = phone_page
    page.goto(f"{live_server.url}/deklarasi/ikrar/{campaign.code}/")
    page.get_by_label("NIP / NI PPPK").fill("19860313 201001 1 003")
    page.get_by_label("Tanggal lahir").fill("1986-03-13")
    page.get_by_label("4 digit terakhir NIK (KTP)").fill("0002")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "declaration-sign-phone")
    page.get_by_role("button", name="Saya menyatakan netral").click()
    page.get_by_role("heading", name="Terima kasih, deklarasi Anda tercatat").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "sertifikat-netralitas-198603132010011003.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_the_coverage_screen_updates_without_reload(live_server: Any, page: Any, settings: Any) -> None:
    settings.DECLARATION_COVERAGE_POLL_SECONDS = 1
    world: World = build_world()
    add_employee(world, "199105052019032002", "1606044505910001")
    campaign = make_campaign(world)
    login(page, live_server.url, world.verifier.username)
    page.goto(f"{live_server.url}/deklarasi/kampanye/{campaign.code}/")
    total = page.get_by_test_id("total-signed")
    assert total.inner_text() == "0"
    page.evaluate("window.__marker = 'same page'")
    signature_sign(campaign=campaign, nip=world.camat.nip, birth_date=dt.date(1986, 3, 13), nik_last4="0002")
    # expect() polls without eval, which the page's Content-Security-Policy forbids
    expect(page.get_by_test_id("total-signed")).to_have_text("1", timeout=30_000)
    assert page.evaluate("window.__marker") == "same page"  # no reload happened
    assert page.get_by_test_id("total-percent").inner_text() == "50,0"  # Indonesian decimal comma
    screenshot(page, "declaration-coverage")


def test_an_organiser_creates_a_campaign_on_a_phone_and_opens_it(live_server: Any, phone_page: Any) -> None:
    world: World = build_world()
    page = phone_page
    login(page, live_server.url, world.verifier.username)
    page.goto(f"{live_server.url}/deklarasi/")
    page.get_by_role("link", name="Buat kampanye").click()
    page.get_by_label("Judul", exact=True).fill("Deklarasi Netralitas ASN Musi Banyuasin")
    page.get_by_label("Naskah deklarasi").fill("Kami ASN Kabupaten Musi Banyuasin menyatakan netral.")
    page.get_by_label("Pemilihan").select_option(label="Pilkada Serentak 2024")
    page.get_by_label("Dibuka", exact=True).fill("2030-12-27T09:00")
    page.get_by_label("Ditutup", exact=True).fill("2030-12-27T17:00")
    page.get_by_label("Semua instansi di wilayah ini").uncheck()  # the agency list appears
    page.get_by_label("Pemerintah Kabupaten Musi Banyuasin").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Simpan draf kampanye").click()
    page.get_by_role("heading", name="Deklarasi Netralitas ASN Musi Banyuasin").wait_for()
    page.get_by_role("button", name="Buka penandatanganan").click()
    page.get_by_text("Halaman tanda tangan untuk ASN").wait_for()
    assert "Dibuka" in page.locator("main p.muted").first.inner_text()


def test_the_verifier_sees_transfer_flags_by_region(live_server: Any, page: Any) -> None:
    world: World = build_world()
    transfer_rule_derive(election=world.pilkada, window_end=dt.date(2025, 2, 20))
    transfer_record(
        employee=world.camat,
        decision_number="821/45/BKPSDM/2024",
        decision_date=dt.date(2024, 4, 15),
        deciding_agency=world.pemkab_muba,
        from_position="Camat Sekayu",
        to_position="Kepala Dinas Pendidikan",
    )
    login(page, live_server.url, world.verifier.username)
    page.goto(f"{live_server.url}/mutasi/")
    page.get_by_role("heading", name="Kabupaten Musi Banyuasin").wait_for()
    assert "821/45/BKPSDM/2024" in page.content()
    screenshot(page, "transfers-flags")
