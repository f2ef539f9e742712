"""The declaration certificate is an issued document of the signer's agency: kop, number, the holder's
name and NIP, the PAdES signature, a QR code and link to the public verification page under SITE_URL; the
same file at every download, and the verification page names no one."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from netralitas.declarations.documents import certificate_document
from netralitas.declarations.models import Campaign, Signature
from netralitas.documents import pades
from netralitas.documents.models import Document, LetterKind
from tests.declarations.test_public_pages import GOOD, _url


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://netralitas.example:8861"


def test_the_certificate_is_an_issued_signed_document(campaign: Campaign) -> None:
    Client().post(_url(campaign), GOOD)
    signature = Signature.objects.select_related("employee", "agency").get()
    response = Client().get(reverse("declarations:certificate", args=[signature.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    document = Document.objects.get(kind=LetterKind.DECLARATION)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    for part in (
        "SERTIFIKAT DEKLARASI NETRALITAS ASN",
        document.number,
        signature.employee.name,
        f"NIP {signature.employee.nip}",
        signature.agency.name.upper(),
        campaign.title,
        "Halaman 1 dari 1",
    ):
        assert part in text, part
    assert f"http://netralitas.example:8861/dokumen/verifikasi/{document.code}/" in text.replace(" ", "")
    assert pades.validate_pdf(data, pades.trust_roots(document.certificate)).valid  # type: ignore[arg-type]
    again = Client().get(reverse("declarations:certificate", args=[signature.code]))
    again_data = b"".join(again.streaming_content) if again.streaming else again.content  # type: ignore[attr-defined]
    assert again_data == data and Document.objects.filter(kind=LetterKind.DECLARATION).count() == 1
    assert certificate_document(signature) == document
    page = Client().get(f"/dokumen/verifikasi/{document.code}/").content.decode()
    assert (
        document.number in page and signature.employee.name not in page and signature.employee.nip not in page
    )
