"""Pages that show a receipt code, a reporter's data or case data are never kept by a browser cache."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.helpers import submit
from tests.portal.helpers import fill_steps, reporter
from tests.world import World

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    return "no-store" in response["Cache-Control"]  # type: ignore[index]


def test_report_steps_and_the_receipt_page_are_not_stored(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    assert _no_store(client.get(f"/lapor/{token}/pelapor/"))
    done = client.post(f"/lapor/{token}/pelapor/", reporter(token), follow=True)
    assert 'id="receipt-code"' in done.content.decode() and _no_store(done)


def test_status_page_of_a_case_is_not_stored(world: World, client: Client) -> None:
    case, code = submit(world)
    client.post("/status/", {"number": case.number, "code": str(code)})
    response = client.get("/status/laporan/")
    assert case.number in response.content.decode() and _no_store(response)


def test_staff_case_page_is_not_stored(world: World, client: Client) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:case", args=[case.code]))
    assert response.status_code == 200 and _no_store(response)
    assert _no_store(client.get(reverse("workspace:queue")))


def test_public_home_page_stays_cacheable(client: Client) -> None:
    assert "no-store" not in client.get("/").get("Cache-Control", "")
