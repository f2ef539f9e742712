"""The whole life of a case as its people meet it: Rina reports anonymously with a photo through the
portal; the Satgas verifier, the Bawaslu analyst, BKN and the PPK each act in their workspace; after every
step Rina's status page shows the new stage; the PPK of another agency gets 404 on the case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_portal import _describe_incident, _find_camat, _photos, _wait_for_proof
from tests.cases.helpers import hear
from tests.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _officer(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Perlu tindakan saya").wait_for()
    return page


def _act(page: Any, base: str, case: Case, action: str, button: str, expect: str) -> None:
    page.goto(f"{base}/ruang-kerja/kasus/{case.code}/")
    page.locator(f"#action-{action}").get_by_role("button", name=button).click()
    page.locator("#case-status", has_text=expect).wait_for()


def _status(phone: Any, expected: str) -> None:
    phone.reload()
    assert phone.locator("#current-status").inner_text() == expected


def test_from_an_anonymous_report_with_a_photo_to_a_recorded_sanction(
    live_server: Any, browser: Any, phone_page: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    base = live_server.url
    phone = phone_page

    # Rina, on her phone, anonymous, with a photo.
    phone.goto(f"{base}/lapor/")
    _find_camat(phone)
    phone.get_by_role("button", name="Lanjut: kejadian").click()
    _describe_incident(phone, world, "Pak camat mengunggah ajakan memilih calon bupati nomor 2 di Facebook.")
    phone.get_by_label("Bukti: foto, PDF atau video").set_input_files(_photos(tmp_path)[:1])
    phone.get_by_role("button", name="Lanjut: pelapor").click()
    phone.get_by_label("Anonim: identitas saya tidak dicatat").check()
    phone.get_by_label("Saya menyatakan laporan ini benar", exact=False).check()
    _wait_for_proof(phone)
    phone.get_by_role("button", name="Kirim laporan").click()
    number = phone.locator("#complaint-number").inner_text()
    code = phone.locator("#receipt-code").inner_text()
    case = Case.objects.get(number=number)
    assert case.evidence.count() == 1

    phone.goto(f"{base}/status/")
    phone.get_by_label("Nomor aduan").fill(number)
    phone.get_by_label("Kode rahasia").fill(code)
    phone.get_by_role("button", name="Lihat status").click()
    assert phone.locator("#current-status").inner_text() == Status.RECEIVED.label

    # Pak Hendra verifies and forwards.
    verifier = _officer(browser, base, world.verifier.username)
    _act(verifier, base, case, "start_verification", "Mulai verifikasi", str(Status.VERIFICATION.label))
    _status(phone, str(Status.VERIFICATION.label))
    _act(verifier, base, case, "forward", "Teruskan ke Bawaslu", str(Status.REVIEW.label))
    _status(phone, str(Status.REVIEW.label))

    # Ibu Dewi concludes: proven, discipline, medium.
    analyst = _officer(browser, base, world.analyst.username)
    analyst.goto(f"{base}/ruang-kerja/kasus/{case.code}/")
    form = analyst.locator("#action-conclude_proven")
    form.get_by_label(
        "Kampanye atau sosialisasi (bakal) calon di media sosial/daring", exact=False
    ).first.check()
    form.get_by_label("Jalur").select_option("disiplin")
    form.get_by_label("Tingkat").select_option("sedang")
    form.get_by_label("Sanksi yang direkomendasikan").select_option(
        label="Pemotongan tunjangan kinerja 25% selama 6 bulan"
    )
    form.get_by_label("Pertimbangan kajian", exact=False).fill(
        "Unggahan ajakan memilih dibuat oleh akun terlapor pada masa kampanye; terlapor mengakuinya."
    )
    form.get_by_role("button", name="Simpulkan: terbukti").click()
    analyst.locator("#case-status", has_text=str(Status.PROVEN.label)).wait_for()
    _status(phone, str(Status.PROVEN.label))

    # BKN sends the recommendation; the letter is a PDF.
    bkn = _officer(browser, base, world.bkn_officer.username)
    _act(
        bkn,
        base,
        case,
        "send_recommendation",
        "Kirim rekomendasi ke PPK",
        str(Status.AWAITING_FOLLOW_UP.label),
    )
    _status(phone, str(Status.AWAITING_FOLLOW_UP.label))
    letter = bkn.request.get(f"{base}/ruang-kerja/kasus/{case.code}/surat/rekomendasi.pdf")
    assert letter.ok and letter.body().startswith(b"%PDF")

    # The PPK of another agency never sees it.
    other = _officer(browser, base, world.ppk_makassar.username)
    assert other.goto(f"{base}/ruang-kerja/kasus/{case.code}/").status == 404

    # The camat is heard first (journey 9 walks it through the pages: test_journey_9_heard.py).
    hear(world, Case.objects.get(pk=case.pk))

    # The PPK of Musi Banyuasin records the decree.
    decree = tmp_path / "sk-hukuman-disiplin.pdf"
    decree.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    ppk = _officer(browser, base, world.ppk_muba.username)
    ppk.goto(f"{base}/ruang-kerja/kasus/{case.code}/")
    form = ppk.locator("#action-submit_decision")
    form.get_by_label("Nomor keputusan").fill("800/123/BKPSDM/2024")
    form.get_by_label("Tanggal keputusan").fill("2024-12-02")
    form.get_by_label("Sanksi yang dijatuhkan").select_option(
        label="Pemotongan tunjangan kinerja 25% selama 6 bulan"
    )
    form.get_by_label("Unggah keputusan", exact=False).set_input_files(str(decree))
    screenshot(ppk, "workspace-ppk-decision")
    form.get_by_role("button", name="Catat keputusan sanksi").click()
    ppk.locator("#case-status", has_text=str(Status.DECISION_CHECK.label)).wait_for()

    # The auditor checks the decree and accepts it: the case closes as sanctioned.
    auditor = _officer(browser, base, world.auditor.username)
    _act(auditor, base, case, "record_sanction", "Terima keputusan PPK", str(Status.SANCTIONED.label))

    _status(phone, str(Status.SANCTIONED.label))
    phone.set_viewport_size(PHONE)
    screenshot(phone, "portal-status-sanctioned-360")
    assert Case.objects.get(pk=case.pk).status == Status.SANCTIONED
    assert "Budi Santoso" not in phone.content()
