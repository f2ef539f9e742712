"""API responses carry case data: no cache keeps them."""

from __future__ import annotations

import pytest

from tests.api.conftest import Callers
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    return "no-store" in response["Cache-Control"]  # type: ignore[index]


def test_api_case_responses_are_not_stored(world: World, api: Callers) -> None:
    case, _ = submit(world)
    response = api.verifier.get(f"/api/v1/cases/{case.code}")
    assert response.status_code == 200 and _no_store(response)
    assert _no_store(api.verifier.get("/api/v1/cases"))
