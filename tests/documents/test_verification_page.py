"""The public verification page: number, date, issuer, hal, hash, standing; never a reporter or employee."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from netralitas.accounts.models import User
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.samples import SAMPLES
from netralitas.documents.services import document_revoke
from tests.documents.test_issue import issue

pytestmark = pytest.mark.usefixtures("bodies")


def page(client: Client, document: Document) -> str:
    response = client.get(reverse("documents:verify", args=[document.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_number_date_issuer_subject_and_hash(client: Client) -> None:
    document = issue(LetterKind.RECOMMENDATION)
    html = page(client, document)
    for part in (
        document.number,
        "5 Desember 2024",
        "Badan Kepegawaian Negara",
        document.subject,
        document.sha256,
    ):
        assert part in html
    assert "asli dan berlaku" in html


def test_the_page_names_no_employee_no_case_and_no_reporter(client: Client) -> None:
    document = issue(LetterKind.RECEIPT)
    html = page(client, issue(LetterKind.RECOMMENDATION)) + page(client, document)
    employee = SAMPLES[LetterKind.RECOMMENDATION][4]["employee"]
    for secret in (employee["name"], employee["nip"], "NET-2024-000123", "Pelapor aduan"):
        assert secret not in html


def test_the_code_is_found_typed_in_lower_case_without_dashes(client: Client) -> None:
    document = issue(LetterKind.WARNING)
    typed = document.code.replace("-", "").lower()
    response = client.get(reverse("documents:lookup"), {"code": typed})
    assert response.status_code == 302 and response["Location"].endswith(f"/{document.code}/")


def test_an_unknown_code_is_404(client: Client) -> None:
    assert client.get(reverse("documents:verify", args=["ZZZZ-ZZZZ-ZZZZ"])).status_code == 404


def test_uploading_the_issued_file_says_identical_and_one_changed_byte_says_not(client: Client) -> None:
    document = issue(LetterKind.WARNING)
    with document.file.open("rb") as handle:
        content = handle.read()
    url = reverse("documents:verify", args=[document.code])
    same = client.post(url, {"file": SimpleUploadedFile("surat.pdf", content)})
    assert same.status_code == 200 and "sama persis" in same.content.decode()
    changed = content[:500] + bytes([content[500] ^ 1]) + content[501:]
    other = client.post(url, {"file": SimpleUploadedFile("surat.pdf", changed)})
    assert other.status_code == 409 and "TIDAK sama" in other.content.decode()


def test_a_revoked_letter_is_shown_as_revoked(client: Client, django_user_model: type[User]) -> None:
    document = issue(LetterKind.WARNING)
    admin = django_user_model.objects.create_user(username="admin-dok", password="x")
    document_revoke(document=document, actor=admin, reason="salah alamat")
    assert "telah dicabut" in page(client, document)


def test_a_superseded_letter_points_to_its_new_number(client: Client) -> None:
    old = issue(LetterKind.WARNING)
    new = issue(LetterKind.WARNING, supersedes=old)
    assert f"versi baru bernomor {new.number}" in page(client, old)


def test_a_row_altered_in_the_database_no_longer_verifies(client: Client) -> None:
    document = issue(LetterKind.WARNING)
    Document.objects.filter(pk=document.pk).update(sha256="f" * 64)
    html = page(client, document)
    assert "tidak cocok" in html and "asli dan berlaku" not in html


def test_the_page_names_the_pades_certificate_that_signed_the_file(client: Client) -> None:
    document = issue(LetterKind.WARNING)
    page = client.get(f"/dokumen/verifikasi/{document.code}/").content.decode()
    assert document.certificate is not None
    assert document.certificate.fingerprint in page and "bukan BSrE" in page
