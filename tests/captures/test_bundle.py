"""The case's captures as one export: files, RFC 3161 tokens and a manifest with their SHA-256."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from netralitas.audit.models import AuditEvent
from tests.captures.test_captures import _case, _done_capture
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_export_holds_each_capture_its_hashes_and_tokens_and_is_audited(world: World, client) -> None:  # type: ignore[no-untyped-def]
    case = _case(world, ["https://contoh.go.id/post"])
    capture = _done_capture(case)
    capture.screenshot_tst, capture.html_tst = b"token-layar", b"token-html"
    capture.save()
    client.force_login(world.verifier)
    response = client.get(f"/ruang-kerja/kasus/{case.code}/tangkapan.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    row = manifest["captures"][0]
    assert manifest["case"] == case.number and row["html_sha256"] == capture.html_sha256
    assert row["screenshot_sha256"] == capture.screenshot_sha256 and row["http_status"] == 200
    assert all(row["hash_matches"].values())
    assert archive.read(row["html"]) == capture.html.open("rb").read()
    assert archive.read(f"{capture.code}/layar.png.tsr") == b"token-layar"
    assert AuditEvent.objects.filter(action="capture.exported").count() == 1
    client.force_login(world.ppk_makassar)
    assert client.get(f"/ruang-kerja/kasus/{case.code}/tangkapan.zip").status_code == 404
