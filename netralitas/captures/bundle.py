"""A case's link captures as one export: a ZIP with each screenshot and HTML, each RFC 3161 token (.tsr),
and manifest.json giving for each link its final URL, HTTP status, capture time and the SHA-256 of every
file, so that a court or another agency can check them without this system (ADR 0026 §4)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from typing import Any

from netralitas.cases.models import Case

from .models import LinkCapture


def capture_manifest(case: Case) -> list[dict[str, Any]]:
    """The captures of a case as plain data (the entry other exports of the case include)."""
    rows: list[dict[str, Any]] = []
    for capture in LinkCapture.objects.filter(case=case).order_by("pk"):
        done = capture.state == LinkCapture.State.DONE
        rows.append(
            {
                "code": capture.code,
                "url": capture.url,
                "state": capture.state,
                "final_url": capture.final_url or None,
                "redirects": capture.redirects,
                "http_status": capture.http_status,
                "captured_at": capture.captured_at.isoformat() if capture.captured_at else None,
                "screenshot": f"{capture.code}/layar.png" if done else None,
                "screenshot_sha256": capture.screenshot_sha256 or None,
                "html": f"{capture.code}/halaman.html" if done else None,
                "html_sha256": capture.html_sha256 or None,
                "html_truncated": capture.html_truncated,
                "screenshot_tst": base64.b64encode(bytes(capture.screenshot_tst)).decode() or None,
                "html_tst": base64.b64encode(bytes(capture.html_tst)).decode() or None,
                "tst_at": capture.tst_at.isoformat() if capture.tst_at else None,
                "error": capture.error or None,
            }
        )
    return rows


def capture_bundle(case: Case) -> bytes:
    """The ZIP; each stored file is re-hashed as it is packed, and a mismatch is written in the manifest."""
    manifest = capture_manifest(case)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for capture, row in zip(LinkCapture.objects.filter(case=case).order_by("pk"), manifest, strict=True):
            if capture.state != LinkCapture.State.DONE:
                continue
            for field, name, digest in (
                (capture.screenshot, row["screenshot"], capture.screenshot_sha256),
                (capture.html, row["html"], capture.html_sha256),
            ):
                with field.open("rb") as handle:
                    data = handle.read()
                row.setdefault("hash_matches", {})[name] = hashlib.sha256(data).hexdigest() == digest
                archive.writestr(name, data)
            for token, name in (
                (capture.screenshot_tst, "layar.png.tsr"),
                (capture.html_tst, "halaman.html.tsr"),
            ):
                if bytes(token):
                    archive.writestr(f"{capture.code}/{name}", bytes(token))
        archive.writestr(
            "manifest.json",
            json.dumps({"case": case.number, "captures": manifest}, indent=2, ensure_ascii=False),
        )
    return out.getvalue()
