"""Evidence from the public is never rendered in the staff session's origin: PDFs and videos download as
attachments, and every evidence file answers under a sandboxing CSP with nosniff."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from netralitas.cases.evidence import evidence_add
from tests.cases.helpers import submit
from tests.portal.helpers import photo
from tests.world import World

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_evidence_downloads_as_an_attachment_under_a_sandbox(world: World, client: Client) -> None:
    case, _ = submit(world)
    evidence = evidence_add(case=case, upload=SimpleUploadedFile("a.pdf", _pdf()), from_reporter=True)
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:evidence", args=[case.code, evidence.sha256]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]


def test_photo_evidence_is_shown_inline_but_still_sandboxed(world: World, client: Client) -> None:
    case, _ = submit(world)
    evidence = evidence_add(case=case, upload=photo(), from_reporter=True)
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:evidence", args=[case.code, evidence.sha256]))
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("sandbox")
