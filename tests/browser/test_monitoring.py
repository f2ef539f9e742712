from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.registry.models import Region
from tests.browser.conftest import screenshot
from tests.monitoring.data import bulk_cases
from tests.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVINCES = Path(__file__).resolve().parents[2] / "netralitas" / "registry" / "data" / "provinces.csv"


def _all_provinces() -> list[Region]:
    """The 38 provinces with their capitals' coordinates, so the map shows the whole country."""
    provinces = []
    with PROVINCES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, _ = Region.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "level": Region.Level.PROVINCE,
                    "timezone": row["timezone"],
                    "latitude": row["latitude"],
                    "longitude": row["longitude"],
                },
            )
            provinces.append(region)
    return provinces


def _world_with_cases() -> World:
    world = build_world()
    for index, province in enumerate(_all_provinces()):
        if province.code not in {"16", "73"} and index % 3 == 0:
            bulk_cases(
                election=world.pilkada,
                region=province,
                agency=None,
                statuses={Status.RECEIVED: 3 + index % 7, Status.REVIEW: index % 4},
                deadline_at=timezone.now() - dt.timedelta(days=index % 2),
            )
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 12, Status.AWAITING_FOLLOW_UP: 8, Status.SANCTIONED: 6},
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.REVIEW: 9, Status.NOT_PROVEN: 5},
    )
    return world


def _log_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/?next=/pemantauan/")  # type: ignore[attr-defined]
    page.get_by_label("Nama pengguna").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Kata sandi").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Masuk").click()  # type: ignore[attr-defined]


def test_leader_sees_the_dashboard_and_drills_down_to_the_case_list(
    live_server: object, page: object
) -> None:
    world = _world_with_cases()
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, world.leader.username)
    page.goto(f"{base}/pemantauan/")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Dasbor pemantauan netralitas ASN").wait_for()  # type: ignore[attr-defined]
    assert str(Case.objects.count()) in page.locator(".mon-kpis").inner_text()  # type: ignore[attr-defined]
    screenshot(page, "monitoring-dashboard")
    page.locator("#peta").screenshot(path=str(screenshot.__globals__["SCREENSHOTS"] / "monitoring-map.png"))  # type: ignore[attr-defined]
    # Keyboard: the Sumatera Selatan tile is a link that takes focus and opens the drill-down.
    tile = page.locator('svg.tile-map a[href*="provinsi=16"]')  # type: ignore[attr-defined]
    tile.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Daftar kasus").wait_for()  # type: ignore[attr-defined]
    assert "26 kasus" in page.locator("#daftar-kasus").inner_text()  # type: ignore[attr-defined]
    page.get_by_role("link", name="Kembali ke dasbor").click()  # type: ignore[attr-defined]
    page.locator("#tabel-tahapan summary").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("link", name="Lihat kasus Menunggu tindak lanjut PPK").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Daftar kasus").wait_for()  # type: ignore[attr-defined]
    assert "8 kasus" in page.locator("#daftar-kasus").inner_text()  # type: ignore[attr-defined]


def test_public_page_renders_on_desktop_and_phone(
    live_server: object, page: object, phone_page: object
) -> None:
    _world_with_cases()
    base = live_server.url  # type: ignore[attr-defined]
    for view, name in ((page, "monitoring-public"), (phone_page, "monitoring-public-phone")):
        view.goto(f"{base}/pemantauan/publik/")  # type: ignore[attr-defined]
        view.get_by_role("heading", name="Transparansi penanganan pelanggaran netralitas ASN").wait_for()  # type: ignore[attr-defined]
        assert "Sumatera Selatan" in view.locator("#tabel-provinsi").inner_text()  # type: ignore[attr-defined]
        width = view.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert width <= view.viewport_size["width"] + 1  # type: ignore[attr-defined]
        screenshot(view, name)
