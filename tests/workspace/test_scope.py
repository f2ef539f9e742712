"""Every workspace URL answers 404 to a user outside the case's scope: the PPK of another agency and the
Bawaslu analyst of another province; evidence is streamed only after that check."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from netralitas.cases.models import Case, Evidence
from netralitas.sanctions.models import Decision
from tests.cases.helpers import sanction, submit, to_follow_up
from tests.workspace.helpers import analyst_of_another_province
from tests.world import World

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _evidence(case: Case) -> Evidence:
    data = _png()
    return Evidence.objects.create(
        case=case,
        file=ContentFile(data, name="bukti.png"),
        original_name="tangkapan-layar.png",
        content_type="image/png",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_at=timezone.now(),
        from_reporter=True,
    )


def _urls(case: Case, evidence: Evidence) -> list[tuple[str, str]]:
    return [
        ("get", reverse("workspace:case", args=[case.code])),
        ("get", reverse("cases:detail", args=[case.code])),
        ("post", reverse("workspace:action", args=[case.code, "record_sanction"])),
        ("post", reverse("workspace:action", args=[case.code, "warning"])),
        ("post", reverse("workspace:note", args=[case.code])),
        ("post", reverse("workspace:identity", args=[case.code])),
        ("get", reverse("workspace:evidence", args=[case.code, evidence.sha256])),
        ("get", reverse("workspace:recommendation_letter", args=[case.code])),
        ("get", reverse("workspace:warning_letter", args=[case.code])),
        ("get", reverse("workspace:control_letter", args=[case.code, "blokir"])),
        ("get", reverse("workspace:decree", args=[case.code])),
    ]


@pytest.fixture
def recommended(world: World) -> tuple[Case, Evidence]:
    case, _ = submit(world)
    evidence = _evidence(case)
    return to_follow_up(world, case), evidence


@pytest.mark.parametrize("outsider", ["ppk_makassar", "analyst_sulsel"])
def test_every_case_url_is_404_outside_the_scope(
    client: Client, world: World, recommended: tuple[Case, Evidence], outsider: str
) -> None:
    case, evidence = recommended
    user = world.ppk_makassar if outsider == "ppk_makassar" else analyst_of_another_province(world)
    client.force_login(user)
    for method, url in _urls(case, evidence):
        response = getattr(client, method)(url, {"expected_version": case.version, "reason": "x" * 12})
        assert response.status_code == 404, (method, url)
    assert case.number not in client.get(reverse("workspace:queue"), {"scope": "all"}).content.decode()


def test_evidence_is_streamed_to_the_verifier_after_the_access_check(client: Client, world: World) -> None:
    case, _ = submit(world)
    evidence = _evidence(case)
    client.force_login(world.verifier)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    url = reverse("workspace:evidence", args=[case.code, evidence.sha256])
    assert f'<img src="{url}"' in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == evidence.file.open("rb").read()  # type: ignore[attr-defined]
    assert response["Cache-Control"] == "private, no-store"


def test_evidence_of_another_case_is_not_reachable_through_a_visible_case(
    client: Client, world: World
) -> None:
    mine, _ = submit(world)
    other, _ = submit(world, description="Kasus lain")
    evidence = _evidence(other)
    client.force_login(world.verifier)
    assert client.get(reverse("workspace:evidence", args=[mine.code, evidence.sha256])).status_code == 404


def test_the_ppk_downloads_the_letter_of_its_own_case(
    client: Client, world: World, recommended: tuple[Case, Evidence]
) -> None:
    case, _ = recommended
    client.force_login(world.ppk_muba)
    response = client.get(reverse("workspace:recommendation_letter", args=[case.code]))
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200 and content.startswith(b"%PDF")


def test_pages_need_a_login(client: Client, world: World, recommended: tuple[Case, Evidence]) -> None:
    case, evidence = recommended
    extra = [("get", reverse("workspace:queue")), ("post", reverse("workspace:bulk_assign"))]
    for method, url in [*_urls(case, evidence), *extra]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_the_leader_reads_the_sanctioned_case_but_cannot_write_notes(
    client: Client, world: World, recommended: tuple[Case, Evidence]
) -> None:
    case, _ = recommended
    case = sanction(world, case)
    assert Decision.objects.filter(case=case).exists()
    client.force_login(world.leader)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert case.number in page and "Simpan catatan" not in page
    response = client.post(
        reverse("workspace:note", args=[case.code]), {"text": "Catatan", "to_reporter": "0"}
    )
    assert response.status_code == 403 and "tidak berwenang" in response.content.decode()
