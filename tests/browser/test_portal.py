"""The public portal in a real browser: Rina's journey (journeys.md no. 1) on a 360 px phone, and the form
keeping every value and file after an error on a desktop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netralitas.cases.models import Case, ReporterIdentity
from tests.browser.conftest import screenshot
from tests.cases.helpers import to_review
from tests.portal.helpers import gps_of, jpeg_with_gps
from tests.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photos(tmp_path: Path) -> list[Path]:
    first = tmp_path / "tangkapan-layar-1.jpg"
    first.write_bytes(jpeg_with_gps("navy"))
    second = tmp_path / "tangkapan-layar-2.jpg"
    second.write_bytes(jpeg_with_gps("green", (80, 60)))
    return [first, second]


def _wait_for_proof(page: Any) -> None:
    """The person does nothing: the vendored ALTCHA widget solves the proof-of-work by itself; wait until
    its payload is in the form (the server then verifies it; a bad one would be refused with 422)."""
    page.wait_for_function(
        "() => { const i = document.querySelector('input[name=altcha]'); return i && i.value.length > 20; }"
    )


def choose(page: Any, field: str, typed: str, option: str) -> None:
    """Types into a type-ahead field (static/portal/autocomplete.js) and picks the suggestion."""
    page.locator(field).fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    expected = page.locator(f"{field}-select option", has_text=option).first.get_attribute("value")
    assert page.locator(f"{field}-select").input_value() == expected


def _find_camat(page: Any) -> None:
    page.get_by_label("Tidak, cari berdasarkan nama dan instansi").check()
    choose(page, "#id_search_agency", "musi banyu", "Pemerintah Kabupaten Musi Banyuasin")
    page.get_by_label("Nama (minimal 3 huruf)").fill("Budi")
    page.get_by_text("Camat Sekayu").wait_for()
    page.get_by_role("radio", name="Budi Santoso").check()


def _describe_incident(page: Any, world: World, description: str) -> None:
    page.get_by_label("Kampanye atau sosialisasi (bakal) calon di media sosial/daring").check()
    page.get_by_label("Tanggal kejadian").fill("2024-11-24")
    page.get_by_label("Provinsi tempat kejadian").select_option(label="Sumatera Selatan")
    page.locator("select[name=region] option", has_text="Kabupaten Musi Banyuasin").wait_for(state="attached")
    choose(page, "#id_region", "Musi", "Kabupaten Musi Banyuasin")
    page.get_by_label("Pemilihan").select_option(label=world.pilkada.name)
    page.get_by_label("Uraian kejadian").fill(description)
    page.get_by_label("Tautan (mis. unggahan media sosial), satu per baris, paling banyak 5").fill(
        "https://www.facebook.com/camat.sekayu/posts/4217"
    )


def test_rina_reports_the_camat_anonymously_from_her_phone(
    live_server: Any, phone_page: Any, page: Any, tmp_path: Path
) -> None:
    world = build_world()
    phone = phone_page
    page.goto(f"{live_server.url}/")
    screenshot(page, "portal-landing-desktop")
    phone.goto(f"{live_server.url}/")
    screenshot(phone, "portal-landing-360")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_role("link", name="Buat laporan").click()
    _find_camat(phone)
    screenshot(phone, "portal-step1-360")
    phone.get_by_role("button", name="Lanjut: kejadian").click()

    _describe_incident(phone, world, "Pak camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook.")
    phone.get_by_label("Bukti: foto, PDF atau video").set_input_files(_photos(tmp_path))
    screenshot(phone, "portal-step2-360")
    phone.get_by_role("button", name="Lanjut: pelapor").click()

    phone.get_by_label("Anonim: identitas saya tidak dicatat").check()
    phone.get_by_label("Saya menyatakan laporan ini benar", exact=False).check()
    _wait_for_proof(phone)
    screenshot(phone, "portal-step3-360")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Kirim laporan").click()

    number = phone.locator("#complaint-number").inner_text()
    code = phone.locator("#receipt-code").inner_text()
    screenshot(phone, "portal-success-360")
    case = Case.objects.get()
    assert case.number == number and case.employee == world.camat
    assert not ReporterIdentity.objects.filter(case=case).exists()
    assert case.evidence.count() == 2
    assert all(gps_of(e.file.read()) == {} for e in case.evidence.all())

    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Unduh tanda terima (PDF)").click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    phone.goto(f"{live_server.url}/status/")
    phone.get_by_label("Nomor aduan").fill(number)
    phone.get_by_label("Kode rahasia").fill(code)
    phone.get_by_role("button", name="Lihat status").click()
    assert phone.locator("#current-status").inner_text() == "Diterima"

    to_review(world, case)
    phone.reload()
    assert phone.locator("#current-status").inner_text() == "Dikaji Bawaslu"
    screenshot(phone, "portal-status-360")
    assert "Budi Santoso" not in phone.content()


def test_the_form_keeps_its_data_and_files_after_an_error(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    world = build_world()
    page.goto(f"{live_server.url}/lapor/")
    _find_camat(page)
    screenshot(page, "portal-step1-desktop")
    page.get_by_role("button", name="Lanjut: kejadian").click()

    _describe_incident(page, world, "terlalu pendek")
    page.get_by_label("Bukti: foto, PDF atau video").set_input_files(_photos(tmp_path)[:1])
    page.get_by_role("button", name="Lanjut: pelapor").click()

    page.get_by_role("alert").wait_for()
    assert "tulis paling sedikit 30 karakter" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Uraian kejadian").input_value() == "terlalu pendek"
    assert page.get_by_label("Tanggal kejadian").input_value() == "2024-11-24"
    assert page.locator("select[name=region]").input_value() == world.muba.code
    assert page.get_by_label("Kabupaten/kota (bila tahu)").input_value() == "Kabupaten Musi Banyuasin"
    assert page.get_by_label("Kampanye atau sosialisasi (bakal) calon di media sosial/daring").is_checked()
    assert "tangkapan-layar-1.jpg" in page.locator("#files").inner_text()
    screenshot(page, "portal-step2-error-desktop")

    page.get_by_label("Uraian kejadian").fill(
        "Pak camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook."
    )
    page.get_by_role("button", name="Lanjut: pelapor").click()
    page.get_by_label("Dengan identitas: saya ingin dihubungi (identitas dienkripsi)").check()
    page.get_by_label("Nama lengkap").fill("Rina")
    page.get_by_label("Saya menyatakan laporan ini benar", exact=False).check()
    _wait_for_proof(page)
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_label("Nama lengkap").input_value() == "Rina"
    screenshot(page, "portal-step3-error-desktop")
    page.get_by_label("NIK (16 angka)").fill("1606045507900001")
    page.get_by_label("Nomor telepon/WhatsApp").fill("081234567890")
    _wait_for_proof(page)
    page.get_by_role("button", name="Kirim laporan").click()
    page.locator("#complaint-number").wait_for()
    screenshot(page, "portal-success-desktop")
    case = Case.objects.get()
    assert case.evidence.count() == 1 and case.description.startswith("Pak camat")

    code = page.locator("#receipt-code").inner_text()
    page.goto(f"{live_server.url}/status/")
    page.get_by_label("Nomor aduan").fill(case.number)
    page.get_by_label("Kode rahasia").fill(code)
    page.get_by_role("button", name="Lihat status").click()
    page.locator("#current-status").wait_for()
    screenshot(page, "portal-status-desktop")
