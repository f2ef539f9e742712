"""Building blocks for portal tests: photos with GPS in their EXIF, and a client walking the three steps."""

from __future__ import annotations

import io
from typing import Any

import altcha
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from netralitas.portal.proof import challenge_new
from tests.world import World

GPS_IFD = 0x8825


def jpeg_with_gps(color: str = "red", size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    exif[GPS_IFD] = {1: "S", 2: (2.0, 55.0, 12.0), 3: "E", 4: (104.0, 45.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def gps_of(data: bytes) -> dict[int, Any]:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(GPS_IFD))


def photo(name: str = "foto1.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_with_gps(), content_type="image/jpeg")


def proof_of_work(challenge: dict[str, Any] | None = None) -> str:
    """Solves a portal anti-robot challenge in Python, as the browser widget would (the test profile makes
    it cheap: PORTAL_POW_COST=10, prefix "0"). This is how tests, fuzzers included, pass the check; a form
    without it goes through the no-JavaScript budget PORTAL_UNPROVEN_RATE instead."""
    issued = altcha.Challenge.from_dict(challenge or challenge_new())
    solution = altcha.solve_challenge(issued)
    assert solution is not None
    return altcha.Payload(issued, solution).to_base64()


def start(client: Client) -> str:
    response = client.get("/lapor/")
    assert response.status_code == 302
    return str(response["Location"]).rstrip("/").split("/")[-2]


def who_by_description() -> dict[str, str]:
    return {"mode": "uraikan", "reported_name": "Pak Budi, camat Sekayu", "reported_position": "Camat"}


def what(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "violation_types": ["media-sosial"],
        "incident_date": "2024-11-24",
        "province": world.sumsel.code,
        "region": world.muba.code,
        "election": world.pilkada.code,
        "description": "Camat mengajak warga memilih salah satu calon bupati lewat unggahan Facebook.",
        "links": "https://facebook.com/camat.sekayu/posts/123",
    }
    data.update(overrides)
    return data


def reporter(token: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "identity": "anonim",
        "consent": "on",
        "altcha": proof_of_work(),
        "token": token,
    }
    data.update(overrides)
    return data


def fill_steps(
    client: Client, world: World, *, who: dict[str, Any] | None = None, files: list[Any] | None = None
) -> str:
    token = start(client)
    assert client.post(f"/lapor/{token}/siapa/", who or who_by_description()).status_code == 302
    response = client.post(f"/lapor/{token}/apa/", {**what(world), "files": files or []})
    assert response.status_code == 302, response.content.decode()[:3000]
    return token
