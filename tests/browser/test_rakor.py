"""A coordination meeting's action item travels to its owner (issue 7): the Satgas organiser adds it on the
meeting page, the PPK of Musi Banyuasin finds it in "Perlu tindakan saya" and marks it done, and the
leader's dashboard counts it while it is open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from netralitas.declarations.meeting_services import meeting_create
from netralitas.declarations.models import ActionItem, Meeting
from tests.browser.conftest import login
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Page = Any


def test_an_action_item_reaches_its_owners_queue_and_leaves_it_when_done(
    live_server: Any, page: Page, browser: Any
) -> None:
    world = build_world()
    meeting = meeting_create(
        actor=world.verifier,
        kind=Meeting.Kind.values[0],
        title="Rakor Pengawasan Netralitas Sumatera Selatan",
        held_at=timezone.now() - dt.timedelta(days=1),
        region=world.sumsel,
        organiser=world.bkn,
        invited=[world.pemkab_muba],
        place="Kantor Gubernur, Palembang",
    )
    base = live_server.url

    login(page, base, world.verifier.username)
    page.goto(f"{base}/deklarasi/rakor/{meeting.code}/")
    page.get_by_text("Tambah tindak lanjut").first.click()  # opens the <details> section
    page.get_by_label("Uraian tindak lanjut").fill("Laporkan tindak lanjut rekomendasi camat Sekayu.")
    page.get_by_label("Instansi penanggung jawab").select_option(world.pemkab_muba.code)
    page.get_by_label("Batas waktu").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Tambah tindak lanjut").click()
    page.wait_for_load_state()
    assert ActionItem.objects.filter(meeting=meeting, owner=world.pemkab_muba, done_at=None).count() == 1

    leader = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta").new_page()
    login(leader, base, world.leader.username)
    leader.goto(f"{base}/pemantauan/")
    panel = leader.locator("#tindak-lanjut-rakor")
    assert panel.locator(".mon-kpis li").first.inner_text().split() == ["1", "terbuka"]

    ppk = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta").new_page()
    login(ppk, base, world.ppk_muba.username)
    ppk.goto(f"{base}/ruang-kerja/")
    queue = ppk.locator("#tindak-lanjut-rakor")
    assert "Laporkan tindak lanjut rekomendasi camat Sekayu." in queue.inner_text()
    queue.get_by_role("link", name="Tandai selesai").first.click()
    ppk.get_by_label("Catatan penyelesaian").fill("Laporan dikirim ke BKN Kanreg VII.")
    ppk.get_by_role("button", name="Tandai selesai").click()
    ppk.wait_for_load_state()
    ppk.goto(f"{base}/ruang-kerja/")
    assert ppk.locator("#tindak-lanjut-rakor").count() == 0
    assert ActionItem.objects.get(meeting=meeting).done_at is not None
