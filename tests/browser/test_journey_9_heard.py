"""Journey 9, the camat is heard: the Sekda summons him in writing; he does not come; a second summons; he
comes and the BAP is uploaded; the PPK decides citing it; two weeks later he files an objection and its
outcome is recorded. Each person does their own steps in their own browser; nothing the camat or the
Sekda receives names the reporter; the new pages have no axe violations."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.core import clock
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESKTOP, screenshot
from tests.cases.helpers import BAP_PDF, submit, to_follow_up
from tests.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPORTER = {"name": "Sari Kurniawati", "nik": "1606045505900001", "phone": "081299990000"}


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


def _open(page: Any, base: str, case: Case) -> None:
    page.goto(f"{base}/ruang-kerja/kasus/{case.code}/")


def _state(page: Any, text: str) -> None:
    page.locator("#hearing-state", has_text=text).wait_for()


def _pdf_text(body: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def _at(day: dt.date, hour_utc: int = 3) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour_utc, 0), tzinfo=dt.UTC)


def _summon(page: Any, day: dt.date, examiner: str = "") -> None:
    form = page.locator("#action-hearing_summon")
    if examiner:
        form.get_by_label("Pemeriksa: nama dan jabatan", exact=False).fill(examiner)
    form.get_by_label("Tanggal pemeriksaan").fill(day.isoformat())
    form.get_by_label("Pukul (waktu setempat)").fill("09:00")
    form.get_by_label("Tempat pemeriksaan").fill("Ruang rapat Sekretariat Daerah, Sekayu")
    form.get_by_role("button", name="Panggil terlapor untuk diperiksa").click()


def _letter_has_no_reporter(page: Any, base: str, case: Case, ordinal: int) -> None:
    response = page.request.get(f"{base}/ruang-kerja/kasus/{case.code}/surat/panggilan-{ordinal}.pdf")
    assert response.ok
    text = _pdf_text(response.body())
    assert "Budi Santoso" in text
    for secret in (*REPORTER.values(), "Sari"):
        assert secret not in text


def test_the_camat_is_summoned_twice_heard_decided_and_objects(
    live_server: Any, browser: Any, phone_page: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    base = live_server.url
    case, receipt = submit(world, identity=REPORTER)
    case = to_follow_up(world, case)
    first = clock.localdate() + dt.timedelta(days=21)
    second = first + dt.timedelta(days=21)

    # The PPK cannot decide yet: the page says where due process stands.
    ppk = _officer(browser, base, world.ppk_muba.username)
    _open(ppk, base, case)
    _state(ppk, "Terlapor belum dipanggil")

    # The Sekda summons the camat in writing.
    sekda = _officer(browser, base, world.superior.username)
    _open(sekda, base, case)
    assert_accessible(sekda, "case page: superior before the summons")
    _summon(sekda, first, "Sekretaris Daerah Kabupaten Musi Banyuasin")
    _state(sekda, "Dipanggil untuk pemeriksaan")
    _letter_has_no_reporter(sekda, base, case, 1)

    # On the day he does not come; the Sekda records it and summons him again.
    with time_machine.travel(_at(first), tick=True):
        sekda = _officer(browser, base, world.superior.username)
        _open(sekda, base, case)
        form = sekda.locator("#action-hearing_attendance")
        form.get_by_label("Tidak hadir", exact=True).check()
        form.get_by_label("Keterangan (wajib bila tidak hadir)").fill("Tidak hadir tanpa pemberitahuan.")
        form.get_by_role("button", name="Catat kehadiran pada pemeriksaan").click()
        _state(sekda, "Tidak hadir pada panggilan pertama")
        assert_accessible(sekda, "case page: superior after the first absence")
        _summon(sekda, second)
        _state(sekda, "Dipanggil kedua kali")
        _letter_has_no_reporter(sekda, base, case, 2)

    # He comes; the BAP is uploaded; the PPK decides citing it; the auditor accepts the decree.
    with time_machine.travel(_at(second), tick=True):
        sekda = _officer(browser, base, world.superior.username)
        _open(sekda, base, case)
        form = sekda.locator("#action-hearing_attendance")
        form.get_by_label("Hadir dan diperiksa", exact=True).check()
        form.get_by_role("button", name="Catat kehadiran pada pemeriksaan").click()
        _state(sekda, "Hadir dan diperiksa; menunggu berita acara")
        bap = tmp_path / "bap-camat-sekayu.pdf"
        bap.write_bytes(BAP_PDF)
        form = sekda.locator("#action-hearing_minutes")
        form.get_by_label("Berita acara pemeriksaan", exact=False).set_input_files(str(bap))
        form.get_by_role("button", name="Unggah berita acara pemeriksaan (BAP)").click()
        _state(sekda, "Diperiksa; berita acara pemeriksaan tercatat")
        screenshot(sekda, "workspace-due-process-examined")

        ppk = _officer(browser, base, world.ppk_muba.username)
        _open(ppk, base, case)
        assert ppk.get_by_role("link", name="Unduh BAP").count() == 1
        assert_accessible(ppk, "case page: PPK after the examination")
        decree = tmp_path / "sk.pdf"
        decree.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        form = ppk.locator("#action-submit_decision")
        form.get_by_label("Nomor keputusan").fill("800/45/BKPSDM/2027")
        form.get_by_label("Tanggal keputusan").fill(second.isoformat())
        form.get_by_label("Sanksi yang dijatuhkan").select_option(
            label="Pemotongan tunjangan kinerja 25% selama 6 bulan"
        )
        form.get_by_label("Unggah keputusan", exact=False).set_input_files(str(decree))
        form.get_by_role("button", name="Catat keputusan sanksi").click()
        ppk.locator("#case-status", has_text=str(Status.DECISION_CHECK.label)).wait_for()
        auditor = _officer(browser, base, world.auditor.username)
        _open(auditor, base, case)
        auditor.locator("#action-record_sanction").get_by_role("button", name="Terima keputusan PPK").click()
        auditor.locator("#case-status", has_text=str(Status.SANCTIONED.label)).wait_for()

    # Two weeks later the camat objects; the public status says only "dalam upaya administratif".
    later = second + dt.timedelta(days=14)
    with time_machine.travel(_at(later), tick=True):
        ppk = _officer(browser, base, world.ppk_muba.username)
        _open(ppk, base, case)
        form = ppk.locator("#action-remedy_file")
        form.get_by_label("Jenis upaya administratif").select_option("keberatan")
        form.get_by_label("Tanggal diajukan terlapor").fill(later.isoformat())
        form.get_by_label("Diajukan kepada", exact=False).fill("Gubernur Sumatera Selatan")
        form.get_by_label("Ringkasan alasan").fill(
            "Terlapor menyatakan unggahan dibuat sebelum masa kampanye."
        )
        form.get_by_role("button", name="Catat keberatan atau banding administratif").click()
        ppk.locator(".remedy", has_text="Sedang diproses").wait_for()

        phone_page.goto(f"{base}/status/")
        phone_page.get_by_label("Nomor aduan").fill(case.number)
        phone_page.get_by_label("Kode rahasia").fill(receipt or "")
        phone_page.get_by_role("button", name="Lihat status").click()
        assert phone_page.locator("#current-status").inner_text() == "Dalam upaya administratif"
        assert "Gubernur" not in phone_page.content()

        form = ppk.locator("#action-remedy_decide")
        form.get_by_label("Ditolak: hukuman tetap").check()
        form.get_by_label("Tanggal putusan").fill(later.isoformat())
        form.get_by_label("Pertimbangan putusan").fill(
            "BAP dan bukti unggahan menunjukkan pelanggaran terjadi."
        )
        form.get_by_role("button", name="Catat hasil upaya administratif").click()
        ppk.locator(".remedy", has_text="Ditolak: hukuman tetap").wait_for()
        assert_accessible(ppk, "case page: PPK after the objection's outcome")
    final = Case.objects.get(pk=case.pk)
    assert final.status == Status.SANCTIONED
    assert list(final.events.filter(action__startswith="remedy_").values_list("action", flat=True)) == [
        "remedy_filed",
        "remedy_decided",
    ]
