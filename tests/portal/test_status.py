from __future__ import annotations

import datetime as dt
import os

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import case_merge, case_transition
from netralitas.portal.models import Draft
from tests.cases.helpers import submit, to_review
from tests.portal.helpers import fill_steps, photo, proof_of_work
from tests.world import World


def check(client: Client, number: str, code: str, **extra: str) -> object:
    return client.post("/status/", {"number": number, "code": code, **extra})


def test_reporter_sees_the_current_stage_and_only_public_messages(world: World, client: Client) -> None:
    case, code = submit(world)
    case = case_transition(
        case=case,
        actor=world.verifier,
        action="start_verification",
        note="CATATAN INTERNAL: pelapor mungkin tetangga terlapor",
        public_message="Kami sedang memeriksa unggahan yang Anda laporkan.",
    )
    response = check(client, case.number.lower(), str(code).lower())
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = client.get("/status/laporan/").content.decode()
    assert "Verifikasi Satgas" in page and "Diterima" in page
    assert "Kami sedang memeriksa unggahan yang Anda laporkan." in page
    assert "CATATAN INTERNAL" not in page
    assert "hendra" not in page and "Budi Santoso" not in page
    assert "WIB" in page


def test_reporter_follows_the_case_into_bawaslu_review(world: World, client: Client) -> None:
    case, code = submit(world)
    to_review(world, case)
    check(client, case.number, str(code))
    assert "Dikaji Bawaslu" in client.get("/status/laporan/").content.decode()


def test_wrong_code_and_unknown_number_give_the_same_generic_error(world: World, client: Client) -> None:
    case, _ = submit(world)
    wrong_code = check(client, case.number, "AAAA-BBBB-CCCC")
    unknown = check(client, "SBT-2024-999999", "AAAA-BBBB-CCCC")
    assert wrong_code.status_code == unknown.status_code == 400  # type: ignore[attr-defined]
    message = "Nomor aduan atau kode rahasia tidak cocok."
    assert message in wrong_code.content.decode() and message in unknown.content.decode()  # type: ignore[attr-defined]
    assert client.get("/status/laporan/").status_code == 404


def test_the_proof_of_work_is_asked_after_repeated_failures(
    world: World, client: Client, settings: object
) -> None:
    settings.PORTAL_STATUS_PROOF_AFTER = 2  # type: ignore[attr-defined]
    case, _code = submit(world)
    check(client, case.number, "AAAA-BBBB-CCCC")
    assert "<altcha-widget" not in client.get("/status/").content.decode()
    check(client, case.number, "AAAA-BBBB-CCCC")
    assert "<altcha-widget" in client.get("/status/").content.decode()


def test_after_failures_the_right_code_with_a_solved_proof_opens_the_status(
    world: World, client: Client, settings: object
) -> None:
    settings.PORTAL_STATUS_PROOF_AFTER = 1  # type: ignore[attr-defined]
    case, code = submit(world)
    check(client, case.number, "AAAA-BBBB-CCCC")
    response = check(client, case.number, str(code), altcha=proof_of_work())
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_after_failures_a_check_without_javascript_passes_within_the_unproven_budget(
    world: World, client: Client, settings: object
) -> None:
    settings.PORTAL_STATUS_PROOF_AFTER = 1  # type: ignore[attr-defined]
    settings.PORTAL_UNPROVEN_RATE = "1/h"  # type: ignore[attr-defined]
    case, code = submit(world)
    check(client, case.number, "AAAA-BBBB-CCCC")
    assert check(client, case.number, str(code)).status_code == 302  # type: ignore[attr-defined]
    client.post("/status/keluar/")
    assert check(client, case.number, str(code)).status_code == 429  # type: ignore[attr-defined]


def test_status_check_is_rate_limited(world: World, client: Client, settings: object) -> None:
    settings.PORTAL_STATUS_RATE = "2/h"  # type: ignore[attr-defined]
    settings.PORTAL_STATUS_CAPTCHA_AFTER = 99  # type: ignore[attr-defined]
    for _ in range(2):
        check(client, "SBT-2024-000001", "AAAA-BBBB-CCCC")
    response = check(client, "SBT-2024-000001", "AAAA-BBBB-CCCC")
    assert response.status_code == 429  # type: ignore[attr-defined]


def test_status_page_of_case_a_never_shows_case_b(world: World) -> None:
    case_a, code_a = submit(world, key="a")
    case_b, _ = submit(world, key="b", description="Kasus B: lurah membagikan sembako bergambar calon.")
    case_transition(
        case=case_b, actor=world.verifier, action="start_verification", public_message="Pesan khusus B"
    )
    reporter_a = Client()
    check(reporter_a, case_a.number, str(code_a))
    page = reporter_a.get("/status/laporan/").content.decode()
    assert case_a.number in page and case_b.number not in page and "Pesan khusus B" not in page


def test_a_visitor_without_a_checked_receipt_gets_404(world: World, client: Client) -> None:
    submit(world)
    assert client.get("/status/laporan/").status_code == 404
    assert client.post("/status/laporan/", {"text": "halo"}).status_code == 404


def test_reporter_adds_information_and_a_photo_to_their_own_report(world: World, client: Client) -> None:
    case, code = submit(world)
    check(client, case.number, str(code))
    response = client.post("/status/laporan/", {"text": "Unggahan dihapus pukul 20.00.", "files": [photo()]})
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, action="reporter_information")
    assert event.note == "Unggahan dihapus pukul 20.00."
    assert case.evidence.filter(from_reporter=True).count() == 1
    assert "keterangan tambahan Anda sudah kami terima" in client.get("/status/laporan/").content.decode()


def test_adding_nothing_is_explained(world: World, client: Client) -> None:
    case, code = submit(world)
    check(client, case.number, str(code))
    response = client.post("/status/laporan/", {"text": ""})
    assert response.status_code == 400
    assert "Tulis keterangan tambahan atau lampirkan berkas." in response.content.decode()


def test_purge_drafts_removes_old_drafts_and_their_files(world: World, client: Client) -> None:
    token = fill_steps(client, world, files=[photo()])
    draft = Draft.objects.get(token=token)
    stored = draft.files.get().file
    path = stored.path
    Draft.objects.filter(pk=draft.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    fresh = fill_steps(Client(), world)
    call_command("purge_drafts")
    assert not Draft.objects.filter(token=token).exists()
    assert Draft.objects.filter(token=fresh).exists()

    assert not os.path.exists(path)
    assert Case.objects.count() == 0


def test_the_reporter_of_a_merged_report_follows_the_case_it_joined(world: World, client: Client) -> None:
    kept, _ = submit(world, description="Camat Sekayu mengajak warga memilih calon bupati di Facebook.")
    merged, code = submit(world, description="Camat Sekayu mengajak memilih calon bupati lewat Facebook.")
    merged = case_transition(case=merged, actor=world.verifier, action="start_verification")
    case_merge(case=merged, actor=world.verifier, target=kept)
    to_review(world, kept)
    check(client, merged.number, str(code))
    page = client.get("/status/laporan/").content.decode()
    assert "Digabungkan dengan laporan lain" in page and "tidak dibuang" in page
    assert "Dikaji Bawaslu" in page.split('id="current-status"')[1][:80]
    assert kept.number not in page
    client.post("/status/laporan/", {"text": "Unggahan itu juga dibagikan di grup WhatsApp desa."})
    assert CaseEvent.objects.filter(case=kept, action="reporter_information").exists()
