"""Keyboard only: Rina's report (journey 1) and Pak Hendra's verification (journey 2) without a mouse.

Every step is Tab / Shift+Tab / arrows / Space / Enter / typing; no click, no fill. The skip link comes
first, every focused control shows a visible outline, the error summary takes focus and its links lead to
the fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netralitas.cases.models import Case
from tests.browser.test_portal import _photos, _wait_for_proof
from tests.cases.helpers import submit
from tests.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Page = Any

_FOCUS_VISIBLE = """() => {
  const el = document.activeElement; const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Presses Tab until ``selector`` has the focus; each stop must show a visible focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            assert page.evaluate(_FOCUS_VISIBLE), f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def _type(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def test_rina_reports_with_the_keyboard_only(live_server: Any, page: Page, tmp_path: Path) -> None:
    world: World = build_world()
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate(_FOCUS_VISIBLE)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    _tab_to(page, "a[href='/lapor/']")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Buat laporan").wait_for()
    _tab_to(page, "input[name=mode]")
    page.keyboard.press("ArrowDown")  # nip → cari
    page.keyboard.press("ArrowDown")  # cari → uraikan
    assert page.locator("#id_mode_2").is_checked()
    _type(page, "#id_reported_name", "Pak Budi, camat Sekayu")
    _tab_to(page, "form.who button.primary")
    page.keyboard.press("Enter")

    page.get_by_label("Uraian kejadian").wait_for()
    _tab_to(page, "form button.primary, form button[type=submit]:not([name])")
    page.keyboard.press("Enter")  # nothing filled in: the error summary takes the focus
    page.locator("#error-summary").wait_for()
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")
    assert page.title().startswith("Galat:")
    page.keyboard.press("Tab")
    first_link = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert "#" + page.evaluate("document.activeElement.id") == first_link

    page.goto(page.url)  # start step 2 from the top again, still by keyboard
    _tab_to(page, "input[name=violation_types]")
    page.keyboard.press("Space")
    _tab_to(page, "#id_incident_date")
    # The segments follow the browser's own locale (dd/mm/yyyy in Indonesian, mm/dd/yyyy in US English).
    for digits in ("24112024", "11242024"):
        page.keyboard.type(digits)
        if page.locator("#id_incident_date").input_value() == "2024-11-24":
            break
        while page.evaluate("document.activeElement.id") == "id_incident_date":
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # back into the first segment
    assert page.locator("#id_incident_date").input_value() == "2024-11-24"
    _tab_to(page, "#id_province")
    page.keyboard.type("Sumatera Selatan")
    page.locator("select[name=region] option", has_text="Kabupaten Musi Banyuasin").wait_for(state="attached")
    _tab_to(page, "#id_election")
    page.keyboard.type(world.pilkada.name)
    assert page.locator("#id_election").input_value() == world.pilkada.code
    _type(page, "#id_description", "Pak camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook.")
    _tab_to(page, "input[type=file]")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(_photos(tmp_path)[:1])
    _tab_to(page, "form button.primary, form button[type=submit]:not([name])")
    page.keyboard.press("Enter")

    page.get_by_label("Anonim: identitas saya tidak dicatat").wait_for()
    _tab_to(page, "input[name=identity]")
    page.keyboard.press("Space")
    _tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _wait_for_proof(page)
    _tab_to(page, "#submit-report")
    page.keyboard.press("Enter")
    page.locator("#complaint-number").wait_for()
    case = Case.objects.get()
    assert case.evidence.count() == 1 and case.reported_name == "Pak Budi, camat Sekayu"


def test_pak_hendra_verifies_with_the_keyboard_only(live_server: Any, page: Page) -> None:
    world = build_world()
    case, _ = submit(world, employee=False, description="Camat Sekayu mengajak warga memilih lewat Facebook.")
    page.goto(f"{live_server.url}/akun/masuk/")
    _type(page, "#id_username", world.verifier.username)
    _type(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Perlu tindakan saya").wait_for()
    _tab_to(page, f"a[href$='/kasus/{case.code}/']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=case.number).wait_for()
    _tab_to(page, "#action-start_verification button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_label("NIP terlapor").wait_for()
    _type(page, "input[name=nip]", "19860313 201001 1 003")
    page.keyboard.press("Enter")
    page.locator("#subject", has_text="Budi Santoso").wait_for()
    _tab_to(page, "#action-forward button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#case-status", has_text="Dikaji Bawaslu").wait_for()
    case.refresh_from_db()
    assert case.employee == world.camat
