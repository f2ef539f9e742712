"""Issuing a letter: numbered, rendered with every part of a naskah dinas, hashed, signed and audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from netralitas.audit.models import AuditEvent
from netralitas.documents.models import Document, IssuingBody, LetterKind
from netralitas.documents.samples import SAMPLES
from netralitas.documents.services import document_issue, document_verifies

pytestmark = pytest.mark.usefixtures("bodies")

DAY = timezone.make_aware(dt.datetime(2024, 12, 5, 10, 0))


def issue(kind: str, **extra: object) -> Document:
    body_code, subject, addressee, copies, context = SAMPLES[kind]
    return document_issue(
        body=IssuingBody.objects.get(code=body_code),
        kind=kind,
        subject=subject,
        addressee=addressee,
        copies=copies,
        context=context,
        actor=None,
        reference="NET-2024-000123",
        now=DAY,
        **extra,  # type: ignore[arg-type]
    )


def text_of(document: Document) -> str:
    with document.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(handle).pages)


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_every_letter_has_the_parts_of_a_naskah_dinas(kind: str, tmp_path: Path) -> None:
    document = issue(kind)
    # The first page rasterises (what a printer or a viewer does) and poppler reads the same text.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-singlefile", document.file.path, str(tmp_path / "page")],
        capture_output=True,
        check=True,
    )
    assert (tmp_path / "page.png").read_bytes().startswith(b"\x89PNG")
    poppler = subprocess.run(
        ["pdftotext", document.file.path, "-"], capture_output=True, check=True, text=True
    )
    assert document.number in poppler.stdout and "Hal" in poppler.stdout
    text = " ".join(text_of(document).split())
    body = document.body
    for part in ("Nomor", "Sifat", "Lampiran", "Hal", "Yth.", document.number, "Jakarta, 5 Desember 2024"):
        assert part in text, part
    assert body.lines[0].upper() in text.upper()
    assert body.email in text
    assert document.signatory is not None
    assert document.signatory.name in text and f"NIP {document.signatory.nip}" in text
    assert "Halaman 1 dari" in text and document.code in text
    if SAMPLES[kind][3]:
        assert "Tembusan" in text


def test_the_stored_file_hashes_to_the_recorded_sha256_and_the_signature_verifies() -> None:
    document = issue(LetterKind.WARNING)
    with document.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
    assert document_verifies(document)
    document.sha256 = "0" * 64
    assert not document_verifies(document)


def test_each_issue_takes_the_next_number_and_is_audited() -> None:
    first, second = issue(LetterKind.WARNING), issue(LetterKind.WARNING)
    assert (first.number, second.number) == ("SP-1/BKN/XII/2024", "SP-2/BKN/XII/2024")
    assert first.code != second.code
    events = AuditEvent.objects.filter(action="document_issued").order_by("id")
    assert [e.data["number"] for e in events] == [first.number, second.number]


def test_a_new_version_supersedes_and_never_changes_the_old_file() -> None:
    first = issue(LetterKind.WARNING)
    before = first.sha256
    second = issue(LetterKind.WARNING, supersedes=first)
    first.refresh_from_db()
    assert first.sha256 == before and first.superseded_by == second
