"""Journeys 11 and 12 (journeys.md) in a real browser.

11: Sari reports her superior with her NIK; a transfer decree moving her arrives through the API; the BKN
auditor sees the protected alert, the regency's login sees nothing; Sari reports retaliation herself on
the status page. 12: the page Rina linked, served on loopback, is captured after her report and then
deleted; the case page still shows the capture with its SHA-256, time and RFC 3161 timestamp."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import override_settings

from netralitas.captures.models import LinkCapture
from netralitas.captures.services import captures_run_due
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_submit
from netralitas.protection.models import ProtectedAlert, ProtectedDisclosure
from tests.api.conftest import make_caller
from tests.browser.axe import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.browser.test_portal import _describe_incident, _find_camat, _wait_for_proof
from tests.captures.test_timestamps import tsa  # noqa: F401 (the loopback TSA)
from tests.protection.helpers import SARI_NIK, SARI_NIP, sari
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_journey_11_sari_is_protected_after_reporting_her_superior(
    live_server: Any, page: Any, browser: Any
) -> None:
    world = build_world()
    sari(world)
    base = live_server.url
    page.goto(f"{base}/lapor/")
    _find_camat(page)
    page.get_by_role("button", name="Lanjut: kejadian").click()
    _describe_incident(page, world, "Atasan saya, Pak Camat, mengajak staf memilih calon bupati nomor 2.")
    page.get_by_role("button", name="Lanjut: pelapor").click()
    page.get_by_label("Dengan identitas: saya ingin dihubungi (identitas dienkripsi)").check()
    page.get_by_label("Nama lengkap").fill("Sari Wulandari")
    page.get_by_label("NIK (16 angka)").fill(SARI_NIK)
    page.get_by_label("Nomor telepon/WhatsApp").fill("081200001111")
    page.get_by_label("Saya menyatakan laporan ini benar", exact=False).check()
    _wait_for_proof(page)
    page.get_by_role("button", name="Kirim laporan").click()
    number = page.locator("#complaint-number").inner_text()
    code = page.locator("#receipt-code").inner_text()
    case = Case.objects.get(number=number)
    assert ProtectedDisclosure.objects.filter(case=case).exists()

    # Three months later the regency's system sends the transfer decree through the API.
    bkn = make_caller(world.bkn_officer, name="i-mut")
    body = {
        "decisions": [
            {
                "nip": SARI_NIP,
                "decision_number": "821/311/BKPSDM/2025",
                "decision_date": "2025-03-03",
                "deciding_agency": "KAB-16.06",
                "from_position": "Pengelola Data Kecamatan Sekayu",
                "to_position": "Pengelola Data Kecamatan Lalan",
            }
        ]
    }
    answer = bkn.post("/api/v1/transfers", body)
    assert answer.status_code == 200 and "lindung" not in answer.content.decode()
    alert = ProtectedAlert.objects.get(kind=ProtectedAlert.Kind.TRANSFER)

    # The auditor sees it, without Sari's name until she opens the identity with a reason.
    auditor = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta").new_page()
    login(auditor, base, world.auditor.username)
    auditor.get_by_role("link", name="Perlindungan pelapor").click()
    assert_accessible(auditor, "protected alerts")
    auditor.get_by_role("link", name="Mutasi", exact=True).click()
    assert "Menyangkut pelapor yang dilindungi" in auditor.content() and "Sari" not in auditor.content()
    assert "821/311/BKPSDM/2025" in auditor.locator("dl.facts").first.inner_text()
    assert_accessible(auditor, "protected alert")
    auditor.get_by_label("Alasan membuka identitas pelapor").fill("Memeriksa dugaan pembalasan atas mutasi")
    auditor.get_by_role("button", name="Buka identitas").click()
    assert "Sari Wulandari" in auditor.locator("#revealed").inner_text()
    assert_accessible(auditor, "protected alert, identity shown")
    auditor.goto(f"{base}/perlindungan-pelapor/{alert.code}/")
    auditor.get_by_role("button", name="Tandai sedang ditangani").click()
    assert auditor.locator("#alert-state").inner_text() == "Sedang ditangani"
    screenshot(auditor, "protection-alert")
    auditor.goto(f"{base}/perlindungan-pelapor/")
    auditor.get_by_role("link", name="Jumlah alarm dan penanganannya (pemantauan)").click()
    assert "&lt;5" in auditor.locator("#protection-counts").inner_html()
    assert_accessible(auditor, "protected alert counts")
    auditor.context.close()

    # The regency's login sees nothing of it.
    regency = browser.new_context(locale="id-ID").new_page()
    login(regency, base, world.ppk_muba.username)
    assert regency.get_by_role("link", name="Perlindungan pelapor").count() == 0
    assert regency.goto(f"{base}/perlindungan-pelapor/").status == 404
    assert regency.goto(f"{base}/perlindungan-pelapor/{alert.code}/").status == 404
    assert "lindung" not in regency.goto(f"{base}/mutasi/").text()
    regency.context.close()

    # Sari says it herself on the status page.
    page.goto(f"{base}/status/")
    page.get_by_label("Nomor aduan").fill(number)
    page.get_by_label("Kode rahasia").fill(code)
    page.get_by_role("button", name="Lihat status").click()
    page.get_by_label("Apa yang terjadi pada Anda sejak melapor?").fill(
        "Saya dimutasi ke Kecamatan Lalan tiga bulan setelah melapor atasan saya."
    )
    _wait_for_proof(page)
    assert_accessible(page, "status page with the retaliation form")
    page.get_by_role("button", name="Kirim aduan pembalasan").click()
    assert "diteruskan kepada auditor BKN" in page.content()
    claim = ProtectedAlert.objects.get(kind=ProtectedAlert.Kind.CLAIM)
    assert claim.case == case and claim.disclosure is not None


class _Post(BaseHTTPRequestHandler):
    gone = False

    def do_GET(self) -> None:
        if _Post.gone:
            self.send_response(404)
            self.end_headers()
            return
        body = b"<!doctype html><html lang=id><title>Unggahan camat</title><h1>Ayo pilih paslon nomor 2</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _capture_then_close() -> None:
    from django.db import connection

    try:
        captures_run_due()
    finally:
        connection.close()


@pytest.fixture
def post_site() -> Iterator[str]:
    _Post.gone = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Post)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/camat.sekayu/posts/4217"
    server.shutdown()


def test_journey_12_the_deleted_post_is_still_held_as_captured(
    live_server: Any,
    page: Any,
    post_site: str,
    tsa: Any,  # noqa: F811
) -> None:
    world = build_world()
    url, cert, _other = tsa
    case, _receipt, _created = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.muba,
        incident_date=dt.date(2024, 11, 24),
        description="Camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook.",
        employee=world.camat,
        links=[post_site],
    )
    with override_settings(
        CAPTURE_ALLOW_PRIVATE=True,
        CAPTURE_TIMEOUT_SECONDS=15,
        CAPTURE_TSA_URL=url,
        CAPTURE_TSA_CERT=str(cert),
    ):
        # The capture worker's own Playwright cannot run inside this test's (the browser's event loop):
        # it runs in a thread of its own, as the worker process would.
        worker = threading.Thread(target=_capture_then_close)
        worker.start()
        worker.join(120)
    capture = LinkCapture.objects.get(case=case)
    assert capture.state == LinkCapture.State.DONE and capture.tst_at is not None, capture.error
    _Post.gone = True  # the next morning the post is deleted

    login(page, live_server.url, world.verifier.username)
    page.goto(f"{live_server.url}/ruang-kerja/kasus/{case.code}/")
    section = page.locator("section[aria-labelledby=h-captures]").inner_text()
    assert capture.screenshot_sha256 in section and capture.html_sha256 in section
    assert "Ditangkap" in section and "Cap waktu RFC 3161" in section
    assert_accessible(page, "case page with a capture")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh semua tangkapan", exact=False).click()
    assert download.value.suggested_filename == f"tangkapan-{case.number}.zip"
