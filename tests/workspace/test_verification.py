"""Pak Hendra's actions on a case page: start, resolve the employee by NIP, forward, reject, merge."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import case_transition
from netralitas.cases.workflow import Status
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db


def act(client: Client, case: Case, name: str, data: dict[str, object]) -> object:
    return client.post(reverse("workspace:action", args=[case.code, name]), data)


def test_case_page_explains_each_action_and_who_owns_the_next_step(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Mulai verifikasi" in page and "Satgas memeriksa kelengkapan dan identitas terlapor." in page
    assert "Budi Santoso" in page and "198603132010011003" in page
    assert "WIB" in page


def test_start_verification_moves_the_case_and_a_stale_page_gets_the_conflict(
    client: Client, world: World
) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    assert act(client, case, "start_verification", {"expected_version": case.version}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.VERIFICATION
    stale = act(client, case, "forward", {"expected_version": case.version, "note": "catatan saya"})
    page = stale.content.decode()
    assert stale.status_code == 409 and "telah diubah oleh pengguna lain" in page and "catatan saya" in page
    assert Case.objects.get(pk=case.pk).status == Status.VERIFICATION


def test_resolving_by_nip_accepts_spaces_and_explains_a_wrong_length(client: Client, world: World) -> None:
    case, _ = submit(world, employee=False)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    client.force_login(world.verifier)
    short = act(client, case, "resolve", {"expected_version": case.version, "nip": "19860313201001100"})
    assert short.status_code == 400
    assert "NIP harus 18 angka; yang Anda ketik berisi 17 angka." in short.content.decode()
    assert 'value="19860313201001100"' in short.content.decode()
    unknown = act(client, case, "resolve", {"expected_version": case.version, "nip": "199912312020121001"})
    assert unknown.status_code == 400 and "tidak ditemukan di data ASN" in unknown.content.decode()
    ok = act(client, case, "resolve", {"expected_version": case.version, "nip": "19860313 201001 1 003"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.employee_id == world.camat.pk and case.agency_id == world.pemkab_muba.pk


def test_forward_needs_a_resolved_employee_and_says_so(client: Client, world: World) -> None:
    case, _ = submit(world, employee=False)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    client.force_login(world.verifier)
    response = act(client, case, "forward", {"expected_version": case.version})
    assert response.status_code == 400 and "cocokkan NIP terlebih dahulu" in response.content.decode()


def test_forward_sends_the_case_to_bawaslu(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    client.force_login(world.verifier)
    act(client, case, "forward", {"expected_version": case.version, "note": "Bukti lengkap."})
    case.refresh_from_db()
    assert case.status == Status.REVIEW
    assert CaseEvent.objects.filter(case=case, action="forward", note="Bukti lengkap.").exists()


def test_reject_takes_a_reason_from_the_list_and_tells_the_reporter(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    client.force_login(world.verifier)
    missing = act(client, case, "reject", {"expected_version": case.version, "reason": "lainnya"})
    assert missing.status_code == 400 and "Jelaskan alasan lain tersebut." in missing.content.decode()
    assert 'value="lainnya" selected' in missing.content.decode()
    asked = act(client, case, "reject", {"expected_version": case.version, "reason": "bukan_asn"})
    assert asked.status_code == 200 and "akan ditolak dan ditutup" in asked.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.VERIFICATION
    act(client, case, "reject", {"expected_version": case.version, "reason": "bukan_asn", "confirmed": "1"})
    case.refresh_from_db()
    event = CaseEvent.objects.get(case=case, action="reject")
    assert case.status == Status.REJECTED
    assert event.data["reason"] == "Terlapor bukan ASN" and "Terlapor bukan ASN" in event.public_message


def test_duplicate_is_suggested_and_merged_into_the_other_case(client: Client, world: World) -> None:
    first, _ = submit(world, description="Camat Sekayu mengajak warga memilih calon bupati di Facebook.")
    second, _ = submit(world, description="Camat Sekayu mengajak memilih calon bupati lewat Facebook.")
    client.force_login(world.verifier)
    page = client.get(reverse("workspace:case", args=[second.code])).content.decode()
    assert "Kemungkinan duplikat" in page and f"Gabungkan ke {first.number}" in page
    data = {"expected_version": second.version, "target": first.number}
    asked = act(client, second, "merge", data).content.decode()
    assert f"akan digabungkan ke {first.number}" in asked and 'name="confirmed" value="1"' in asked
    assert Case.objects.get(pk=second.pk).merged_into_id is None
    response = act(client, second, "merge", {**data, "confirmed": "1"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.CANCELLED and second.merged_into_id == first.pk


def test_merge_into_an_unknown_number_keeps_the_typed_number(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    response = act(client, case, "merge", {"expected_version": case.version, "target": "SBT-1999-000001"})
    page = response.content.decode()
    assert response.status_code == 400 and "tidak ditemukan dalam cakupan Anda" in page
    assert 'value="SBT-1999-000001"' in page


def test_an_action_the_user_may_not_take_is_refused(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.leader)
    response = act(client, case, "start_verification", {"expected_version": case.version})
    assert response.status_code == 403 and "tidak berwenang" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_identity_is_shown_once_to_the_verifier_with_a_reason_and_audited(
    client: Client, world: World
) -> None:
    case, _ = submit(world, identity={"nama": "Rina Wati", "telepon": "081234567890"})
    client.force_login(world.verifier)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Minta akses identitas pelapor" in page and "Rina Wati" not in page
    short = client.post(reverse("workspace:identity", args=[case.code]), {"reason": "perlu"})
    assert short.status_code == 400 and "minimal 10 karakter" in short.content.decode()
    shown = client.post(
        reverse("workspace:identity", args=[case.code]), {"reason": "Menghubungi pelapor untuk bukti asli."}
    )
    assert "Rina Wati" in shown.content.decode() and shown["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="reporter.identity_read").count() == 1
    assert "Rina Wati" not in client.get(reverse("workspace:case", args=[case.code])).content.decode()


def test_notes_are_internal_or_messages_to_the_reporter(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    url = reverse("workspace:note", args=[case.code])
    empty = client.post(url, {"text": "  ", "to_reporter": "1"})
    assert empty.status_code == 400 and "Tulis isi catatan" in empty.content.decode()
    client.post(url, {"text": "Cek akun Facebook camat.", "to_reporter": "0"})
    client.post(url, {"text": "Mohon kirim tangkapan layar asli.", "to_reporter": "1"})
    assert CaseEvent.objects.filter(case=case, action="note", note="Cek akun Facebook camat.").exists()
    message = CaseEvent.objects.get(case=case, action="message")
    assert message.public_message == "Mohon kirim tangkapan layar asli." and message.note == ""
