"""The national demo season in the browser (issues 12 and 13): the season is loaded once, as `make run`
loads it (setup_demo, demo clock at 5 December 2024), and the people of journeys 2, 5 and 6 go through
their first screens on a desktop and on a 360 px phone as they would, by logging in and clicking: the
verifier's queue and first case (whose first view fits 1,500 px at 1366x768), the minister's dashboard
with the national figures, the public statistics. Every page state is checked with axe (0 violations)
and the screenshots of docs/screenshots/season-*.png are taken here, so they show the national picture.

One test function, because a live-server test flushes the database after it and the season takes about
a minute to load."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from netralitas.cases.models import DeadlineRule
from netralitas.sanctions.catalog import load_catalogs
from netralitas.sanctions.models import SanctionType, ViolationType
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-netralitas"
VERIFIER_VIEW = {"width": 1366, "height": 768}


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def _fits_phone(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_national_season_first_screens(live_server: Any, browser: Any, tmp_path: Path) -> None:
    with override_settings(DEMO_CLOCK=True, MEDIA_ROOT=str(tmp_path / "media")):
        started = time.monotonic()
        # A transactional test before this one in the worker flushed the catalogs the migrations load.
        load_catalogs(ViolationType, SanctionType, DeadlineRule)
        call_command("setup_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - the demo's own loader
        print(f"\nnational season loaded in {time.monotonic() - started:.1f}s")
        base = live_server.url
        desktop = browser.new_context(viewport=VERIFIER_VIEW, locale="id-ID", timezone_id="Asia/Jakarta")
        phone = browser.new_context(
            viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", is_mobile=True, has_touch=True
        )
        try:
            _verifier(desktop.new_page(), phone.new_page(), base)
            desktop.clear_cookies()
            phone.clear_cookies()
            _minister(desktop.new_page(), phone.new_page(), base)
            _public(desktop.new_page(), phone.new_page(), base)
        finally:
            desktop.close()
            phone.close()


def _verifier(page: Any, phone: Any, base: str) -> None:
    """Journey 2: Pak Hendra opens his queue (cases sorted by deadline, some red) and the first case."""
    _login(page, base, "satgas_sumsel")
    page.get_by_role("heading", name="Perlu tindakan saya").first.wait_for()
    assert page.locator(".badge.red").count() > 0
    assert_accessible(page, "season: verifier's queue")
    screenshot(page, "season-queue-desktop")
    page.locator("a[href*='/ruang-kerja/kasus/']").first.click()
    page.get_by_role("heading", name="Tindakan yang dapat Anda lakukan").wait_for()
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"verifier's first case view at 1366x768: {height} px")
    assert height < 1500
    # what can be done now comes before the case's facts; the rest is one click away
    order = page.evaluate(
        "[...document.querySelectorAll('main h2')].map(h => h.id).filter(Boolean).slice(0, 2)"
    )
    assert order == ["h-actions", "h-summary"]
    assert not page.locator("#riwayat").evaluate("d => d.open")
    assert_accessible(page, "season: verifier's first case")
    screenshot(page, "season-case-desktop")

    _login(phone, base, "satgas_sumsel")
    phone.get_by_role("heading", name="Perlu tindakan saya").first.wait_for()
    _fits_phone(phone)
    assert_accessible(phone, "season: verifier's queue, 360 px")
    screenshot(phone, "season-queue-360")
    phone.locator("a[href*='/ruang-kerja/kasus/']").first.click()
    phone.get_by_role("heading", name="Tindakan yang dapat Anda lakukan").wait_for()
    _fits_phone(phone)
    screenshot(phone, "season-case-360")


def _minister(page: Any, phone: Any, base: str) -> None:
    """Journey 5: the national dashboard shows the season's 1,158 reported ASN and the worst agencies."""
    _login(page, base, "pimpinan")
    page.wait_for_url("**/pemantauan/**")
    page.get_by_label("Pemilihan").select_option(label="Pemilihan Kepala Daerah Serentak 2024")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "1.158" in body
    assert "Sumatera Selatan" in body and "Sulawesi Selatan" in body
    assert_accessible(page, "season: national dashboard")
    screenshot(page, "season-dashboard-desktop")

    _login(phone, base, "pimpinan")
    phone.wait_for_url("**/pemantauan/**")
    assert "dilaporkan" in phone.locator("main").inner_text()
    _fits_phone(phone)  # wide tables scroll inside their box; nothing else (their hidden labels included)
    assert_accessible(phone, "season: national dashboard, 360 px")
    screenshot(phone, "season-dashboard-360")


def _public(page: Any, phone: Any, base: str) -> None:
    """Journey 6: anyone opens the public statistics and finds the open-data downloads."""
    page.goto(f"{base}/pemantauan/publik/")
    assert "1.158" in page.locator("main").inner_text()
    assert page.locator("a[href$='.csv']").count() > 0
    assert_accessible(page, "season: public statistics")
    screenshot(page, "season-public-desktop")
    phone.goto(f"{base}/pemantauan/publik/")
    _fits_phone(phone)
    screenshot(phone, "season-public-360")
