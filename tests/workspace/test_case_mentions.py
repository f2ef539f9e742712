"""Persona x page: every place a staff page mentions a case (the duplicates list, the employee's other
cases, the queue, the monitoring lists and dashboard, their links) obeys the scope of the case page.

The reported employee works for a central agency (Kementerian PANRB), so the same person is reported in
Sumatera Selatan and in Sulawesi Selatan; a regional verifier must not learn of the other province's case
from the duplicates list (issue 18) or from any other list.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.cases import queries
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_submit
from netralitas.registry.models import Employee, Region
from netralitas.sanctions.models import ViolationType
from tests.world import PASSWORD, World

pytestmark = pytest.mark.django_db

PERSONAS = ["verifier", "verifier_sulsel", "analyst", "bkn_officer", "ppk_muba", "auditor", "leader"]


def _central_employee(world: World) -> Employee:
    return Employee.objects.create(
        nip="198805172014021002",
        name="Rudi Hartono",
        sex=Employee.Sex.MALE,
        birth_date=dt.date(1988, 5, 17),
        kind=Employee.Kind.PNS,
        agency=world.menpan,
        position="Analis SDM Aparatur",
        position_type=Employee.PositionType.FUNGSIONAL,
        grade="III/c",
    )


def _report(world: World, employee: Employee, region: Region) -> Case:
    case, _receipt, _created = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=region,
        incident_date=dt.date(2024, 11, 24),
        description="Pegawai kementerian mengajak warga memilih calon kepala daerah lewat Facebook.",
        employee=employee,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
    )
    return case


def _persona(world: World, name: str) -> User:
    if name == "verifier_sulsel":
        user = User.objects.create_user("verif_sulsel", "vs@example.go.id", PASSWORD, agency=world.bkn)
        RoleAssignment.objects.create(user=user, role=Role.VERIFIER).regions.set([world.sulsel])
        return user
    return getattr(world, name)  # type: ignore[no-any-return]


@pytest.fixture
def reported_twice(world: World) -> dict[str, Case]:
    employee = _central_employee(world)
    return {
        "sumsel": _report(world, employee, world.muba),
        "sulsel": _report(world, employee, world.makassar),
    }


def _pages(user: User, cases: dict[str, Case]) -> list[str]:
    urls = [
        reverse("workspace:queue") + "?scope=all",
        reverse("workspace:queue"),
        reverse("monitoring:cases"),
        reverse("monitoring:dashboard"),
    ]
    visible = set(queries.visible_cases(user).values_list("code", flat=True))
    urls += [reverse("workspace:case", args=[c.code]) for c in cases.values() if c.code in visible]
    return urls


def _national_verifier(world: World) -> User:
    national = User.objects.create_user("satgas_pusat", "sp@example.go.id", PASSWORD, agency=world.bkn)
    RoleAssignment.objects.create(user=national, role=Role.VERIFIER, national=True)
    return national


@pytest.mark.parametrize("merged", [False, True], ids=["open", "merged"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_mentions_or_links_a_case_outside_the_case_page_scope(
    world: World, reported_twice: dict[str, Case], persona: str, merged: bool
) -> None:
    if merged:  # a national verifier merges the Sumsel report into the Sulsel one: both timelines name it
        from netralitas.cases.services import case_merge

        case_merge(
            case=reported_twice["sumsel"], target=reported_twice["sulsel"], actor=_national_verifier(world)
        )
    user = _persona(world, persona)
    visible = set(queries.visible_cases(user).values_list("pk", flat=True))
    client = Client()
    client.force_login(user)
    every = Case.objects.all()
    for url in _pages(user, reported_twice):
        response = client.get(url)
        if response.status_code in (403, 404):
            continue  # a page this persona has no access to mentions nothing
        assert response.status_code == 200, url
        html = response.content.decode()
        for case in every:
            if case.pk in visible:
                continue
            assert case.number not in html, (persona, url, case.number)
            assert case.code not in html, (persona, url, case.code)
        for code in re.findall(r"/kasus/([^/\"?]+)/", html):
            assert (
                Case.objects.filter(code=code, pk__in=visible).exists()
                or not Case.objects.filter(code=code).exists()
            ), (persona, url, code)


def test_the_sumsel_verifier_sees_no_duplicate_from_another_province(
    world: World, reported_twice: dict[str, Case]
) -> None:
    sumsel, sulsel = reported_twice["sumsel"], reported_twice["sulsel"]
    assert queries.duplicate_candidates(sumsel, user=world.verifier) == []
    national = _national_verifier(world)
    assert [c for c, _score in queries.duplicate_candidates(sumsel, user=national)] == [sulsel]


@pytest.mark.parametrize("persona", PERSONAS)
def test_duplicates_and_other_cases_of_the_employee_are_within_the_case_page_scope(
    world: World, reported_twice: dict[str, Case], persona: str
) -> None:
    from netralitas.cases import listing

    user = _persona(world, persona)
    visible = set(queries.visible_cases(user).values_list("pk", flat=True))
    for case in reported_twice.values():
        mentioned = [c.pk for c, _score in queries.duplicate_candidates(case, user=user)]
        mentioned += list(listing.other_cases_of_employee(user, case).values_list("pk", flat=True))
        assert set(mentioned) <= visible, persona
