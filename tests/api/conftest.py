from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.api.keys import api_client_issue_key
from netralitas.api.models import ApiClient
from tests.world import World


@dataclass
class ApiCaller:
    """A Django test client that sends one API client's key."""

    client: ApiClient
    key: str
    http: Client

    def get(self, path: str, **params: Any) -> Any:
        return self.http.get(path, params, HTTP_X_API_KEY=self.key)

    def post(self, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.http.post(
            path, body or {}, content_type="application/json", HTTP_X_API_KEY=self.key, **headers
        )


def make_caller(user: User, *, name: str, can_write: bool = True, rate: int = 10_000) -> ApiCaller:
    assert user.agency is not None
    client = ApiClient(
        name=name, agency=user.agency, user=user, can_write=can_write, rate_limit_per_minute=rate
    )
    key = api_client_issue_key(client=client)
    return ApiCaller(client=client, key=key, http=Client())


def read_only_user(world: World) -> User:
    user = User.objects.create_user("baca_sumsel", "baca@example.go.id", "x", agency=world.bkn)
    assignment = RoleAssignment.objects.create(user=user, role=Role.VERIFIER)
    assignment.regions.set([world.sumsel])
    return user


@dataclass
class Callers:
    verifier: ApiCaller
    analyst: ApiCaller
    bkn: ApiCaller
    ppk_muba: ApiCaller
    ppk_makassar: ApiCaller
    auditor: ApiCaller
    leader: ApiCaller
    read_only: ApiCaller


@pytest.fixture
def api(world: World) -> Callers:
    return Callers(
        verifier=make_caller(world.verifier, name="satgas-sumsel"),
        analyst=make_caller(world.analyst, name="bawaslu-sumsel"),
        bkn=make_caller(world.bkn_officer, name="bkn-pusat"),
        ppk_muba=make_caller(world.ppk_muba, name="simpeg-muba"),
        ppk_makassar=make_caller(world.ppk_makassar, name="simpeg-makassar"),
        auditor=make_caller(world.auditor, name="auditor-k7"),
        leader=make_caller(world.leader, name="dasbor-menpan"),
        read_only=make_caller(read_only_user(world), name="baca-sumsel", can_write=False),
    )


def report_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "instansi",
        "election": "pilkada-2024",
        "region": "16.06",
        "incident_date": "2024-11-24",
        "description": "Camat mengajak warga memilih calon bupati lewat Facebook.",
        "employee_nip": "198603132010011003",
        "violation_types": ["media-sosial"],
        "links": ["https://facebook.com/post/1"],
    }
    body.update(overrides)
    return body
