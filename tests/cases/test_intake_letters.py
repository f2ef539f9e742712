"""The complaint receipt and the Satgas forwarding letter are issued by the acts themselves: the receipt
when a report is filed (the reporter downloads it from the status page, and only their own), the
forwarding letter when the case goes to Bawaslu (on the case page, numbered with the act)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from netralitas.cases.letters import forwarding_of, intake_letters, receipt_of
from netralitas.documents import pades
from netralitas.documents.models import Document, LetterKind
from tests.cases.helpers import submit, to_review
from tests.world import World


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_filing_a_report_issues_its_receipt_which_only_its_reporter_downloads(world: World) -> None:
    identity = {"name": "Hendra Wijaya", "email": "hendra@example.org", "phone": "081234567890"}
    case, code = submit(world, identity=identity)
    other, other_code = submit(world, description="Lurah membagikan kaos calon kepada warga di balai desa.")
    receipt = receipt_of(case)
    assert receipt is not None and receipt.kind == LetterKind.RECEIPT and "/SATGAS-NET/" in receipt.number
    assert receipt_of(other) is not None and receipt_of(other) != receipt

    reporter = Client()
    assert reporter.get("/status/tanda-terima.pdf").status_code == 404  # no proven report in the session
    reporter.post("/status/", {"number": case.number, "code": code})
    page = reporter.get("/status/laporan/").content.decode()
    assert "/status/tanda-terima.pdf" in page and receipt.number in page
    response = reporter.get("/status/tanda-terima.pdf")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    text = _text(data)
    assert case.number in text and receipt.number in text and "SATUAN TUGAS" in text.upper()
    assert other.number not in text
    for secret in ("Hendra", "hendra@example.org", "081234567890", str(code), str(other_code)):
        assert secret not in text, secret
    receipt = Document.objects.get(pk=receipt.pk)
    assert receipt.rendered and pades.validate_pdf(data, pades.trust_roots(receipt.certificate)).valid  # type: ignore[arg-type]


def test_a_rolled_back_submission_gives_back_its_receipt_number(world: World) -> None:
    first, _ = submit(world, key="same-key")
    again, _ = submit(world, key="same-key")  # a replay: the first case, no second receipt
    third, _ = submit(world, description="Kepala dinas hadir berseragam partai pada kampanye terbuka.")
    assert again == first
    numbers = sorted(Document.objects.filter(kind=LetterKind.RECEIPT).values_list("sequence", flat=True))
    assert numbers == [1, 2] and receipt_of(third) is not None


def test_forwarding_to_bawaslu_issues_the_satgas_letter_on_the_case_page(
    world: World, client: Client
) -> None:
    case, _ = submit(world)
    assert forwarding_of(case) is None
    case = to_review(world, case)
    letter = forwarding_of(case)
    assert letter is not None and letter.sequence == 1 and letter.body.code == "satgas"
    assert [d.kind for d in intake_letters(case)] == [LetterKind.FORWARDING, LetterKind.RECEIPT]
    client.force_login(world.verifier)
    page = client.get(f"/ruang-kerja/kasus/{case.code}/").content.decode()
    assert letter.number in page and f"/ruang-kerja/kasus/{case.code}/surat/penerusan.pdf" in page
    response = client.get(f"/ruang-kerja/kasus/{case.code}/surat/penerusan.pdf")
    assert response.status_code == 200
    text = _text(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert letter.number in text and world.camat.name in text and "Badan Pengawas Pemilihan Umum" in text
    assert "Tembusan" in text
