"""Evidence in S3-compatible object storage (ADR 0016), against moto's server on a loopback port.

The server is started from the ``moto[server]`` dev dependency on a free port; the tests skip when it
cannot start. Files are written private and only ever read back through the app's authorised views.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.storage import storages
from django.test import Client, override_settings
from django.urls import reverse

from netralitas.cases.evidence import evidence_add
from tests.cases.helpers import submit
from tests.portal.helpers import photo
from tests.world import World

BUCKET = "netralitas-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError as error:  # pragma: no cover — the dev dependency is missing
        pytest.skip(f"moto[server] is not installed: {error}")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    try:
        server.start()
    except Exception as error:  # pragma: no cover — no loopback, port taken...
        pytest.skip(f"moto's S3 server could not start: {error}")
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, **_credentials()).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def _credentials() -> dict[str, str]:
    return {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}


@pytest.fixture
def s3_storage(s3_endpoint: str, tmp_path: Any) -> Iterator[Any]:
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        "access_key": "test",
        "secret_key": "test",
        "location": "media",
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 300,
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    configured = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=configured, MEDIA_ROOT=str(tmp_path / "must-stay-empty")):
        yield storages["default"]


def _objects(endpoint: str) -> list[str]:
    import boto3

    listing = boto3.client("s3", endpoint_url=endpoint, **_credentials()).list_objects_v2(Bucket=BUCKET)
    return [item["Key"] for item in listing.get("Contents", [])]


@pytest.mark.django_db
def test_evidence_is_stored_in_the_bucket_and_streamed_through_the_authorised_view(
    world: World, client: Client, s3_storage: Any, s3_endpoint: str, tmp_path: Any
) -> None:
    case, _ = submit(world)
    upload = photo()
    evidence = evidence_add(case=case, upload=upload, from_reporter=True)
    key = f"media/{evidence.file.name}"
    assert key in _objects(s3_endpoint)
    assert not (tmp_path / "must-stay-empty").exists()

    client.force_login(world.verifier)
    response = client.get(reverse("workspace:evidence", args=[case.code, evidence.sha256]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with s3_storage.open(evidence.file.name, "rb") as handle:
        assert body == handle.read()
    assert response["Cache-Control"] == "private, no-store"
    assert s3_endpoint not in response.get("Location", "")


@pytest.mark.django_db
def test_a_user_outside_the_case_scope_gets_404_not_the_object(
    world: World, client: Client, s3_storage: Any
) -> None:
    case, _ = submit(world)
    evidence = evidence_add(case=case, upload=photo(), from_reporter=True)
    client.force_login(world.ppk_makassar)
    response = client.get(reverse("workspace:evidence", args=[case.code, evidence.sha256]))
    assert response.status_code == 404
    anonymous = Client().get(reverse("workspace:evidence", args=[case.code, evidence.sha256]))
    assert anonymous.status_code == 302 and "/akun/" in anonymous["Location"]


@pytest.mark.django_db
def test_objects_are_private_and_never_overwritten(world: World, s3_storage: Any, s3_endpoint: str) -> None:
    import boto3

    first = s3_storage.save("evidence/same.txt", _content(b"one"))
    second = s3_storage.save("evidence/same.txt", _content(b"two"))
    assert first != second
    acl = boto3.client("s3", endpoint_url=s3_endpoint, **_credentials()).get_object_acl(
        Bucket=BUCKET, Key=f"media/{first}"
    )
    grantees = [grant["Grantee"].get("URI", "") for grant in acl["Grants"]]
    assert not any("AllUsers" in uri or "AuthenticatedUsers" in uri for uri in grantees)


def test_readyz_reports_the_s3_backend(s3_storage: Any) -> None:
    from netralitas.core.health import _storage

    assert _storage() == {"ok": True, "backend": "S3Storage"}


def _content(data: bytes) -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(data)
