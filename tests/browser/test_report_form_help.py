"""The report form helping a citizen on a phone (issue 13): agency type-ahead chosen by keyboard and the
plain list without JavaScript; the chosen files listed with their size and removable; the draft kept on
the device through a lost connection and a closed tab, sent again by itself once the network is back,
with the same draft token (one case, not two); large uploads show their progress."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from netralitas.cases.models import Case
from netralitas.portal.models import Draft
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE
from tests.browser.test_portal import _photos, _wait_for_proof
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "Pak camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook."


def _noisy_jpeg(path: Path) -> Path:
    """A photo of about 1 MB (random pixels do not compress), so that its upload reports progress."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (700, 600), bytes(rng.getrandbits(8) for _ in range(700 * 600 * 3)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    path.write_bytes(out.getvalue())
    return path


def _phone_context(browser: Any, **extra: Any) -> Any:
    return browser.new_context(
        viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", is_mobile=True, has_touch=True, **extra
    )


def test_agency_by_keyboard_draft_survives_lost_connection_and_closed_tab(
    live_server: Any, browser: Any, tmp_path: Path
) -> None:
    world = build_world()
    context = _phone_context(browser)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/lapor/")

    # Step 1: the agency is found by typing part of its name and chosen with the arrow keys and Enter.
    page.get_by_label("Tidak, cari berdasarkan nama dan instansi").check()
    agency = page.locator("#id_search_agency")
    agency.focus()
    page.keyboard.type("musi banyu")
    page.get_by_role("option", name="Pemerintah Kabupaten Musi Banyuasin").wait_for()
    assert agency.get_attribute("aria-expanded") == "true"
    page.wait_for_function(
        "() => [...document.querySelectorAll('.autocomplete__wrapper [role=status]')]"
        ".some(e => e.textContent.includes('hasil tersedia'))"
    )  # what a screen reader announces
    assert_accessible(page, "portal step 1, agency suggestions open")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert agency.input_value() == "Pemerintah Kabupaten Musi Banyuasin"
    assert page.locator("select[name=search_agency]").input_value() == world.pemkab_muba.code
    page.get_by_label("Nama (minimal 3 huruf)").fill("Budi")
    page.get_by_role("radio", name="Budi Santoso").check()
    page.get_by_role("button", name="Lanjut: kejadian").click()

    # Step 2 filled in, two photos chosen (listed with size, one taken out again), then the network goes.
    page.get_by_label("Kampanye atau sosialisasi (bakal) calon di media sosial/daring").check()
    page.get_by_label("Tanggal kejadian").fill("2024-11-24")
    page.get_by_label("Provinsi tempat kejadian").select_option(label="Sumatera Selatan")
    page.locator("select[name=region] option", has_text="Kabupaten Musi Banyuasin").wait_for(state="attached")
    page.locator("#id_region").fill("musi ba")
    page.get_by_role("option", name="Kabupaten Musi Banyuasin").click()
    page.get_by_label("Pemilihan").select_option(label=world.pilkada.name)
    page.get_by_label("Uraian kejadian").fill(DESCRIPTION)
    first, second = _photos(tmp_path)
    page.get_by_label("Bukti: foto, PDF atau video").set_input_files([first, second])
    chosen = page.locator("#chosen-files")
    assert "tangkapan-layar-2.jpg" in chosen.inner_text() and "KB" in chosen.inner_text()
    assert chosen.locator("img.thumb").count() == 2
    page.get_by_role("button", name="Batalkan pilihan: tangkapan-layar-2.jpg").click()
    assert "tangkapan-layar-2.jpg" not in chosen.inner_text()
    page.wait_for_timeout(400)  # the draft is written 250 ms after the last keystroke

    context.set_offline(True)
    page.get_by_role("button", name="Lanjut: pelapor").click()
    page.get_by_text("Tidak ada sambungan internet").wait_for()
    assert "/apa/" in page.url
    assert_accessible(page, "portal step 2, waiting for the connection")
    page.close()  # the tab is closed while offline

    # Later, the phone online again: the landing page offers the unfinished report, and the step offers back
    # what was typed and the chosen photo.
    context.set_offline(False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Lanjutkan laporan itu").click()
    assert page.get_by_label("Uraian kejadian").input_value() == ""
    offer = page.locator(".offline-draft")
    offer.wait_for()
    assert "1 berkas bukti" in offer.inner_text()
    assert_accessible(page, "portal step 2, draft offered back")
    page.get_by_role("button", name="Pulihkan isian").click()
    assert page.get_by_label("Uraian kejadian").input_value() == DESCRIPTION
    assert page.get_by_label("Tanggal kejadian").input_value() == "2024-11-24"
    region = "select[name=region]"
    page.wait_for_function(f"() => document.querySelector('{region}').value === '{world.muba.code}'")
    assert page.locator("#id_region").input_value() == "Kabupaten Musi Banyuasin"
    assert "tangkapan-layar-1.jpg" in page.locator("#chosen-files").inner_text()

    # Sent with the network cut again: it waits, and goes by itself when the connection returns.
    context.set_offline(True)
    page.get_by_role("button", name="Lanjut: pelapor").click()
    page.get_by_text("Tidak ada sambungan internet").wait_for()
    context.set_offline(False)
    page.get_by_label("Anonim: identitas saya tidak dicatat").wait_for()

    page.get_by_label("Anonim: identitas saya tidak dicatat").check()
    page.get_by_label("Saya menyatakan laporan ini benar", exact=False).check()
    _wait_for_proof(page)
    context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_text("Tidak ada sambungan internet").wait_for()
    context.set_offline(False)
    page.locator("#complaint-number").wait_for()

    case = Case.objects.get()
    assert case.description == DESCRIPTION and case.region == world.muba and case.employee == world.camat
    assert [e.original_name for e in case.evidence.all()] == ["tangkapan-layar-1.jpg"]
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('netralitas:draft:'))")
    assert kept == []
    page.goto(f"{live_server.url}/")
    assert page.locator("#resume-draft").is_hidden()
    context.close()


def test_large_upload_shows_progress(live_server: Any, page: Any, tmp_path: Path) -> None:
    world = build_world()
    page.goto(f"{live_server.url}/lapor/")
    page.get_by_label("Tidak ketemu / tidak tahu: saya uraikan orangnya").check()
    page.get_by_label("Nama terlapor (sepengetahuan Anda)").fill("Budi")
    page.get_by_role("button", name="Lanjut: kejadian").click()
    page.get_by_label("Kampanye atau sosialisasi (bakal) calon di media sosial/daring").check()
    page.get_by_label("Tanggal kejadian").fill("2024-11-24")
    page.get_by_label("Provinsi tempat kejadian").select_option(label="Sumatera Selatan")
    page.get_by_label("Pemilihan").select_option(label=world.pilkada.name)
    page.get_by_label("Uraian kejadian").fill(DESCRIPTION)
    page.get_by_label("Bukti: foto, PDF atau video").set_input_files(_noisy_jpeg(tmp_path / "besar.jpg"))
    page.evaluate(
        """() => new MutationObserver(() => {
             if (document.querySelector('.upload-status progress'))
               sessionStorage.setItem('sawProgress', '1');
           }).observe(document.querySelector('.upload-status'), {childList: true, subtree: true})"""
    )
    page.get_by_role("button", name="Lanjut: pelapor").click()
    page.get_by_label("Anonim: identitas saya tidak dicatat").wait_for()
    assert page.evaluate("sessionStorage.getItem('sawProgress')") == "1"
    page.go_back()
    assert "besar.jpg" in page.locator("#files").inner_text()


def test_agency_list_without_javascript(live_server: Any, browser: Any) -> None:
    world = build_world()
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/lapor/")
    page.get_by_label("Tidak, cari berdasarkan nama dan instansi").check()
    page.locator("#id_search_agency").select_option(label="Pemerintah Kabupaten Musi Banyuasin")
    page.get_by_label("Nama (minimal 3 huruf)").fill("Budi")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.get_by_role("radio", name="Budi Santoso").check()
    page.get_by_role("button", name="Lanjut: kejadian").click()
    page.get_by_label("Uraian kejadian").wait_for()
    assert page.locator(".autocomplete__wrapper").count() == 0
    context.close()
    draft_who = Draft.objects.get().answers["siapa"]
    assert draft_who["search_agency"] == [world.pemkab_muba.code]
