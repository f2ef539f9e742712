"""Building blocks for portal tests: photos with GPS in their EXIF, and a client walking the three steps."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

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
        "captcha_0": "x",
        "captcha_1": "passed",
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
