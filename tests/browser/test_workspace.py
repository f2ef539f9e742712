"""The workspace in a real browser: Pak Hendra's backlog (journey 2), Ibu Dewi's review (journey 3) and
the two-factor enrolment. Screenshots: workspace-queue (+ -phone), workspace-case, workspace-review,
login-2fa."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from tests.browser.conftest import login, screenshot
from tests.cases.helpers import submit, to_review
from tests.workspace.helpers import code_for, verifier_colleague
from tests.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Page = Any


def _backlog(world: World) -> tuple[Case, Case, list[Case]]:
    """Rina's unresolved report, a second report about the same post, and older cases, 4 of them late."""
    older = []
    for i in range(8):
        case, _ = submit(
            world, description=f"Laporan lama nomor {i}: ASN memasang baliho calon di jalan desa {i}."
        )
        older.append(case)
    now = timezone.now()
    for i, case in enumerate(older):
        shift = dt.timedelta(days=-(i + 1)) if i < 4 else dt.timedelta(days=i)
        Case.objects.filter(pk=case.pk).update(deadline_at=now + shift)
    rina, _ = submit(
        world,
        employee=False,
        description="Camat Sekayu mengajak warga memilih calon bupati nomor 2 lewat unggahan Facebook.",
    )
    second, _ = submit(
        world,
        employee=False,
        description="Unggahan Facebook camat Sekayu mengajak warga memilih calon bupati nomor 2.",
    )
    return rina, second, older


def test_pak_hendra_works_through_his_queue(live_server: Any, page: Page, phone_page: Page) -> None:
    world = build_world()
    colleague = verifier_colleague(world)
    rina, second, older = _backlog(world)
    login(page, live_server.url, world.verifier.username)
    page.get_by_role("heading", name="Perlu tindakan saya").wait_for()
    rows = page.locator("table.ws-table tbody tr")
    assert rows.count() == 10
    assert page.locator("tr.ws-overdue").count() == 4
    first_numbers = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(4)]
    assert first_numbers == [c.number for c in reversed(older[:4])]  # most overdue first
    screenshot(page, "workspace-queue")

    page.get_by_label("Cari nomor aduan, NIP atau nama").fill(rina.number)
    page.get_by_label("Cari nomor aduan, NIP atau nama").press("Enter")
    page.locator("#queue-count", has_text="1 kasus").wait_for()
    page.get_by_role("link", name=rina.number).click()
    page.get_by_role("heading", name=rina.number).wait_for()
    page.get_by_role("button", name="Mulai verifikasi").click()
    page.get_by_label("NIP terlapor").fill("19860313 201001 1 003")
    page.get_by_role("button", name="Cocokkan terlapor dengan NIP").click()
    page.locator("#subject", has_text="Budi Santoso").wait_for()
    page.locator("#duplicates summary").click()  # folded below what can be done now (issue 13)
    page.locator("#duplicates").get_by_role("link", name=second.number).wait_for()
    screenshot(page, "workspace-case")

    page.locator("#duplicates").get_by_role("link", name=second.number).click()
    page.locator("#duplicates summary").click()
    page.get_by_role("button", name=f"Gabungkan ke {rina.number}").click()
    page.locator("#consequence", has_text=f"akan digabungkan ke {rina.number}").wait_for()
    page.locator("#confirm-action").click()
    page.locator("#case-status", has_text="Dibatalkan").wait_for()
    page.goto(f"{live_server.url}/ruang-kerja/kasus/{rina.code}/")
    page.get_by_role("button", name="Teruskan ke Bawaslu").click()
    page.locator("#case-status", has_text="Dikaji Bawaslu").wait_for()
    assert Case.objects.get(pk=second.pk).merged_into_id == rina.pk

    page.goto(f"{live_server.url}/ruang-kerja/")
    for case in older[4:]:
        page.get_by_label(f"Pilih {case.number}").check()
    page.get_by_label("Tugaskan kepada").select_option(colleague.username)
    page.get_by_role("button", name="Tugaskan kasus yang dicentang").click()
    page.get_by_text("4 kasus ditugaskan kepada Rekan").wait_for()
    assert Case.objects.filter(assignee=colleague).count() == 4

    login(phone_page, live_server.url, world.verifier.username)
    phone_page.get_by_role("heading", name="Perlu tindakan saya").wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the queue scrolls sideways at 360 px ({width} px)"
    screenshot(phone_page, "workspace-queue-phone")


def test_ibu_dewi_concludes_her_review(live_server: Any, page: Page) -> None:
    world = build_world()
    case, _ = submit(world)
    case = to_review(world, case)
    login(page, live_server.url, world.analyst.username)
    page.get_by_role("link", name=case.number).click()
    page.get_by_role("heading", name=case.number).wait_for()
    form = page.locator("#action-conclude_proven")
    form.get_by_label(
        "Kampanye atau sosialisasi (bakal) calon di media sosial/daring", exact=False
    ).first.check()
    form.get_by_label("Jalur").select_option("disiplin")
    form.get_by_label("Tingkat").select_option("sedang")
    form.get_by_label("Sanksi yang direkomendasikan").select_option(
        label="Pemotongan tunjangan kinerja 25% selama 6 bulan"
    )
    form.get_by_label("Pertimbangan kajian").fill(
        "Unggahan ajakan memilih dibuat oleh akun terlapor pada masa kampanye; terlapor mengakuinya."
    )
    screenshot(page, "workspace-review")
    form.get_by_role("button", name="Simpulkan: terbukti").click()
    page.locator("#case-status", has_text="Terbukti").wait_for()
    assert Case.objects.get(pk=case.pk).status == Status.PROVEN


def test_an_officer_enrols_a_second_factor_when_it_is_required(live_server: Any, page: Page) -> None:
    world = build_world()
    with override_settings(WORKSPACE_REQUIRE_2FA=True):
        login(page, live_server.url, world.verifier.username)
        page.get_by_role("heading", name="Aktifkan verifikasi dua langkah").wait_for()
        assert page.locator(".ws-qr svg").count() == 1
        screenshot(page, "login-2fa")
        device = TOTPDevice.objects.get(user=world.verifier, confirmed=False)
        page.get_by_label("Kode 6 angka").fill(code_for(device))
        page.get_by_role("button", name="Konfirmasi dan aktifkan").click()
        page.get_by_role("heading", name="Perlu tindakan saya").wait_for()
