"""Every endpoint x every persona's API client x a case in and out of its scope.

Two cases: ``muba`` (Kab. Musi Banyuasin, Sumatera Selatan) and ``makassar`` (Kota Makassar, Sulawesi
Selatan), both waiting for the PPK's follow-up so that every persona's role may see a case in that state.
Expected: 200/201 where the persona may act, 403 where it sees the case but may not act (or the key is
read-only), 404 outside its scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_submit
from netralitas.sanctions.models import ViolationType
from tests.api.conftest import ApiCaller, Callers, report_body
from tests.cases.helpers import hear, submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db

PERSONAS = ["verifier", "analyst", "bkn", "ppk_muba", "ppk_makassar", "auditor", "leader", "read_only"]
# Who sees a case waiting for the PPK: by region (Sumsel roles) or agency (the PPK), or nationally.
SEES_MUBA = {"verifier", "analyst", "bkn", "ppk_muba", "auditor", "leader", "read_only"}
SEES_MAKASSAR = {"bkn", "ppk_makassar", "leader"}


def _makassar_case(world: World) -> Case:
    case, _receipt, _created = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.makassar,
        incident_date=dt.date(2024, 11, 24),
        description="Analis kebijakan membagikan materi kampanye di grup kantor.",
        employee=world.makassar_staff,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
    )
    return case


def _grant_sulsel(world: World, grant: bool) -> None:
    """The Sumsel verifier, analyst and auditor briefly cover Sulsel to move the Makassar case along."""
    from netralitas.accounts.models import Role, RoleAssignment

    for user in (world.verifier, world.analyst, world.auditor):
        assignment = RoleAssignment.objects.get(
            user=user, role__in=[Role.VERIFIER, Role.BAWASLU, Role.AUDITOR]
        )
        (assignment.regions.add if grant else assignment.regions.remove)(world.sulsel)
        for attr in [a for a in vars(user) if a.startswith("_scope_")]:
            delattr(user, attr)  # the per-request scope cache


def _to_follow_up_makassar(world: World, case: Case) -> Case:
    _grant_sulsel(world, True)
    case = to_follow_up(world, case)
    _grant_sulsel(world, False)
    return case


@pytest.fixture
def cases(world: World) -> dict[str, Case]:
    muba = to_follow_up(world, submit(world)[0])
    makassar = _to_follow_up_makassar(world, _makassar_case(world))
    hear(world, muba)  # the ASN is heard before any decree (ADR 0024)
    hear(world, makassar, actor=world.ppk_makassar)
    return {"muba": muba, "makassar": makassar}


def _call(caller: ApiCaller, method: str, path: str, body: dict[str, Any] | None = None) -> int:
    if method == "GET":
        return int(caller.get(path).status_code)
    return int(caller.post(path, body).status_code)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("where", ["muba", "makassar"])
def test_reading_a_case(api: Callers, cases: dict[str, Case], persona: str, where: str) -> None:
    visible = persona in (SEES_MUBA if where == "muba" else SEES_MAKASSAR)
    status = _call(getattr(api, persona), "GET", f"/api/v1/cases/{cases[where].code}")
    assert status == (200 if visible else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("where", ["muba", "makassar"])
def test_listing_shows_exactly_the_cases_in_scope(
    api: Callers, cases: dict[str, Case], persona: str, where: str
) -> None:
    visible = persona in (SEES_MUBA if where == "muba" else SEES_MAKASSAR)
    codes = {item["code"] for item in getattr(api, persona).get("/api/v1/cases").json()["items"]}
    assert (cases[where].code in codes) == visible


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("where", ["muba", "makassar"])
def test_recording_the_decision(api: Callers, cases: dict[str, Case], persona: str, where: str) -> None:
    """Only the PPK of the employee's agency records the decree; others who see the case get 403."""
    visible = persona in (SEES_MUBA if where == "muba" else SEES_MAKASSAR)
    body = {"decree_number": "800/9/2024", "decree_date": "2024-12-02", "sanction_type": "tukin-25-6"}
    status = _call(getattr(api, persona), "POST", f"/api/v1/cases/{cases[where].code}/decision", body)
    owner = {"muba": "ppk_muba", "makassar": "ppk_makassar"}[where]
    assert status == (404 if not visible else 200 if persona == owner else 403)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("transitions", {"action": "start_verification"}),
        ("employee", {"nip": "198603132010011003"}),
        (
            "conclusion",
            {
                "violation_types": ["media-sosial"],
                "track": "disiplin",
                "level": "sedang",
                "sanction_type": "tukin-25-6",
                "rationale": "Pertimbangan kajian yang cukup panjang untuk diterima.",
            },
        ),
        ("recommendation", {}),
        ("control", {"action": "block_propose"}),
    ],
    ids=["transitions", "employee", "conclusion", "recommendation", "control"],
)
@pytest.mark.parametrize("where", ["muba", "makassar"])
def test_other_actions_answer_404_outside_scope_and_403_for_read_only(
    api: Callers, cases: dict[str, Case], persona: str, path: str, body: dict[str, Any], where: str
) -> None:
    """On a case waiting for the PPK these actions are out of turn: 409/422 where the persona may act at
    all in principle, 403 where it may not; never 200, and never anything but 404 outside scope."""
    visible = persona in (SEES_MUBA if where == "muba" else SEES_MAKASSAR)
    status = _call(getattr(api, persona), "POST", f"/api/v1/cases/{cases[where].code}/{path}", body)
    if not visible:
        assert status == 404
    elif persona == "read_only":
        assert status == 403
    else:
        assert status in (403, 409, 422)


@pytest.mark.parametrize("persona", PERSONAS)
def test_submitting(api: Callers, persona: str) -> None:
    status = _call(getattr(api, persona), "POST", "/api/v1/cases", report_body())
    assert status == (403 if persona == "read_only" else 201)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("nip", "sees"),
    [("198603132010011003", SEES_MUBA), ("199001022015032001", SEES_MAKASSAR)],
    ids=["muba", "makassar"],
)
def test_employee_lookup(api: Callers, persona: str, nip: str, sees: set[str]) -> None:
    assert _call(getattr(api, persona), "GET", f"/api/v1/employees/{nip}") == (
        200 if persona in sees else 404
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/statistics",
        "/api/v1/catalogs/violation-types",
        "/api/v1/catalogs/sanction-types",
        "/api/v1/catalogs/deadline-rules",
        "/api/v1/catalogs/regions",
        "/api/v1/catalogs/agencies",
        "/api/v1/catalogs/elections",
    ],
)
def test_catalogs_and_statistics_are_open_to_every_client(api: Callers, persona: str, path: str) -> None:
    assert _call(getattr(api, persona), "GET", path) == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_statistics_count_only_the_cases_in_scope(api: Callers, cases: dict[str, Case], persona: str) -> None:
    expected = (persona in SEES_MUBA) + (persona in SEES_MAKASSAR)
    assert getattr(api, persona).get("/api/v1/statistics").json()["totals"]["dilaporkan"] == expected
