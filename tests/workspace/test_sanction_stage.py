"""Ibu Dewi's review, BKN's recommendation letter, the PPK's decree and the auditor's escalation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime
from netralitas.cases.workflow import Status
from netralitas.documents.services import document_rendered
from netralitas.registry.models import Employee
from netralitas.sanctions import control
from netralitas.sanctions.models import ControlAction, Recommendation, SanctionType, ViolationType
from tests.cases.helpers import hear, submit, to_review
from tests.cases.helpers import to_follow_up as _recommended
from tests.world import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def to_follow_up(world: World, case: Case) -> Case:
    """Recommended to the PPK, and the camat already heard: a decree needs the examination (ADR 0024)."""
    case = _recommended(world, case)
    hear(world, case)
    return Case.objects.get(pk=case.pk)


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def act(client: Client, case: Case, name: str, data: dict[str, object]) -> object:
    return client.post(reverse("workspace:action", args=[case.code, name]), data)


def _review_data(case: Case, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "expected_version": case.version,
        "violation_types": [ViolationType.objects.get(code="media-sosial").pk],
        "track": "disiplin",
        "level": "sedang",
        "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
        "rationale": "Unggahan ajakan memilih terbukti dibuat terlapor pada masa kampanye.",
    }
    data.update(changes)
    return data


def test_analyst_concludes_proven_with_track_level_sanction_and_rationale(
    client: Client, world: World
) -> None:
    case, _ = submit(world)
    case = to_review(world, case)
    client.force_login(world.analyst)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Simpulkan: terbukti" in page and "BKN menyampaikan rekomendasi kepada PPK" in page
    assert act(client, case, "conclude_proven", _review_data(case)).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.PROVEN and Recommendation.objects.get(case=case).level == "sedang"


def test_a_sanction_of_another_level_is_refused_and_the_rationale_kept(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_review(world, case)
    client.force_login(world.analyst)
    response = act(client, case, "conclude_proven", _review_data(case, level="berat"))
    page = response.content.decode()
    assert response.status_code == 400 and "bukan sanksi jalur" in page
    assert "Unggahan ajakan memilih terbukti" in page and 'value="berat" selected' in page
    assert Case.objects.get(pk=case.pk).status == Status.REVIEW


def test_analyst_concludes_not_proven_with_a_reason(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_review(world, case)
    client.force_login(world.analyst)
    empty = act(client, case, "conclude_not_proven", {"expected_version": case.version, "reason": ""})
    assert empty.status_code == 400 and "Tuliskan alasannya." in empty.content.decode()
    act(client, case, "conclude_not_proven", {"expected_version": case.version, "reason": "Akun palsu."})
    assert Case.objects.get(pk=case.pk).status == Status.NOT_PROVEN


def test_bkn_sends_the_recommendation_and_the_letter_is_a_numbered_pdf(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_review(world, case)
    client.force_login(world.analyst)
    act(client, case, "conclude_proven", _review_data(case))
    case.refresh_from_db()
    client.force_login(world.bkn_officer)
    act(
        client,
        case,
        "send_recommendation",
        {"expected_version": case.version, "letter_number": "R-77/BKN/2024"},
    )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_FOLLOW_UP
    response = client.get(reverse("workspace:recommendation_letter", args=[case.code]))
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200 and content.startswith(b"%PDF")
    recommendation = Recommendation.objects.get(case=case)
    assert recommendation.letter is not None and recommendation.letter_number == "R-77/BKN/2024"
    plain = pdf_text(content)
    for text in (
        case.number,
        "R-77/BKN/2024",
        "PPK Pemerintah Kabupaten Musi Banyuasin",
        "198603132010011003",
        "Badan Kepegawaian Negara".upper(),
        recommendation.letter.code,
    ):
        assert text in plain, text
    assert "PP 94/2021" in plain or "PP 42/2004" in plain


def test_ppk_records_the_decree_with_its_pdf(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_muba)
    data = {
        "expected_version": case.version,
        "decree_number": "800/123/BKPSDM/2024",
        "decree_date": "2024-12-02",
        "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
    }
    not_pdf = act(
        client, case, "submit_decision", {**data, "document": SimpleUploadedFile("sk.pdf", b"GIF89a...")}
    )
    page = not_pdf.content.decode()
    assert not_pdf.status_code == 400 and "harus PDF" in page and 'value="800/123/BKPSDM/2024"' in page
    ok = act(client, case, "submit_decision", {**data, "document": SimpleUploadedFile("sk.pdf", PDF)})
    assert ok.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.DECISION_CHECK
    decree = client.get(reverse("workspace:decree", args=[case.code]))
    assert b"".join(decree.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_stale_decision_form_gets_the_conflict_message(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_muba)
    data = {
        "expected_version": case.version - 1,
        "decree_number": "800/1/2024",
        "decree_date": "2024-12-02",
        "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
        "document": SimpleUploadedFile("sk.pdf", PDF),
    }
    response = act(client, case, "submit_decision", data)
    assert response.status_code == 409 and "telah diubah oleh pengguna lain" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_FOLLOW_UP


def test_auditor_escalates_warning_block_report_then_unblocks(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    Case.objects.filter(pk=case.pk).update(deadline_at=timezone.now() - dt.timedelta(days=1))
    case.refresh_from_db()
    client.force_login(world.auditor)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Terbitkan surat peringatan kepada PPK" in page and "mengusulkan pemblokiran" in page
    act(client, case, "warning", {"expected_version": case.version, "number": "P-12/BKN/2024"})
    warning = ControlAction.objects.get(case=case, kind="teguran")
    assert warning.state == "selesai" and warning.number == "P-12/BKN/2024"
    letter = client.get(reverse("workspace:warning_letter", args=[case.code]))
    assert b"".join(letter.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    # A week passes (the warning is back-dated: travelling a week would outlive the login session).
    ControlAction.objects.filter(pk=warning.pk).update(done_at=timezone.now() - dt.timedelta(days=7))
    act(client, case, "block_propose", {"expected_version": case.version, "note": "PPK tidak menanggapi."})
    client.force_login(world.bkn_officer)
    assert (
        "Setujui pemblokiran SIASN"
        in client.get(reverse("workspace:case", args=[case.code])).content.decode()
    )
    asked = act(client, case, "block_approve", {"expected_version": case.version}).content.decode()
    assert "akan diblokir di SIASN" in asked and not Employee.objects.get(pk=world.camat.pk).siasn_blocked
    act(client, case, "block_approve", {"expected_version": case.version, "confirmed": "1"})
    assert Employee.objects.get(pk=world.camat.pk).siasn_blocked
    client.force_login(world.auditor)
    act(client, case, "ppk_report", {"expected_version": case.version, "number": "L-3/BKN/2024"})
    early = act(
        client, case, "unblock", {"expected_version": case.version, "note": "SK diterima.", "confirmed": "1"}
    )
    assert early.status_code == 400 and "setelah keputusan PPK tercatat" in early.content.decode()
    client.force_login(world.ppk_muba)
    act(
        client,
        case,
        "submit_decision",
        {
            "expected_version": case.version,
            "decree_number": "800/9/2024",
            "decree_date": "2024-12-02",
            "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
            "document": SimpleUploadedFile("sk.pdf", PDF),
        },
    )
    case.refresh_from_db()
    client.force_login(world.auditor)
    assert act(client, case, "record_sanction", {"expected_version": case.version}).status_code == 302
    assert not Employee.objects.get(pk=world.camat.pk).siasn_blocked
    assert Case.objects.get(pk=case.pk).status == Status.SANCTIONED


def test_warning_letter_is_numbered_by_the_scheme_and_names_the_case_the_deadline_and_the_ppk(
    world: World,
) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    Case.objects.filter(pk=case.pk).update(deadline_at=timezone.now() - dt.timedelta(days=1))
    action = control.warning_issue(case=case, actor=world.auditor)
    assert action.letter is not None and action.number == action.letter.number
    assert action.number.startswith("SP-1/BKN/")
    with document_rendered(action.letter).file.open("rb") as handle:
        text = pdf_text(handle.read())
    for part in (case.number, action.number, "WIB", "PPK Pemerintah Kabupaten Musi Banyuasin", "Tembusan"):
        assert part in text, part


def test_the_block_is_refused_and_its_date_shown_until_seven_days_after_the_warning(
    client: Client, world: World
) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    assert case.deadline_at is not None
    warned_at = case.deadline_at + dt.timedelta(hours=1)
    with time_machine.travel(warned_at, tick=False):
        client.force_login(world.auditor)
        act(client, case, "warning", {"expected_version": case.version, "number": "P-13/BKN/2024"})
        page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
        possible = local_datetime(warned_at + dt.timedelta(days=7), "Asia/Jakarta")
        assert f"Pemblokiran dapat diusulkan mulai {possible}." in page
        refused = act(client, case, "block_propose", {"expected_version": case.version, "note": ""})
        assert refused.status_code == 400
        assert f"Pemblokiran baru dapat diusulkan mulai {possible}" in refused.content.decode()
    assert not ControlAction.objects.filter(case=case, kind="blokir").exists()


def _submitted(client: Client, world: World) -> Case:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    client.force_login(world.ppk_muba)
    data = {
        "expected_version": case.version,
        "decree_number": "800/77/BKPSDM/2024",
        "decree_date": "2024-12-02",
        "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
        "document": SimpleUploadedFile("sk.pdf", PDF),
    }
    assert act(client, case, "submit_decision", data).status_code == 302
    return Case.objects.get(pk=case.pk)


def test_the_decree_waits_in_the_auditor_queue_and_acceptance_closes_the_case(
    client: Client, world: World
) -> None:
    case = _submitted(client, world)
    assert case.status == Status.DECISION_CHECK and case.closed_at is None
    client.force_login(world.auditor)
    queue = client.get(reverse("workspace:queue")).content.decode()
    assert case.number in queue
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Terima keputusan PPK" in page and "Kembalikan keputusan ke PPK" in page
    assert "menunggu pemeriksaan auditor" in page
    assert act(client, case, "record_sanction", {"expected_version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SANCTIONED and case.closed_at is not None


def test_a_returned_decree_goes_back_to_the_ppk_with_the_reason(client: Client, world: World) -> None:
    case = _submitted(client, world)
    client.force_login(world.auditor)
    no_reason = act(client, case, "return_decision", {"expected_version": case.version, "reason": ""})
    assert no_reason.status_code == 400
    reason = "Nomor keputusan tidak sesuai dengan dokumen yang diunggah."
    back = act(client, case, "return_decision", {"expected_version": case.version, "reason": reason})
    assert back.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AWAITING_FOLLOW_UP and case.closed_at is None
    client.force_login(world.ppk_muba)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert reason in page and 'id="action-submit_decision"' in page
