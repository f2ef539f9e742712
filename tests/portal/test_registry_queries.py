from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from netralitas.registry.models import Employee
from netralitas.registry.queries import employee_by_identifier, search_employees
from tests.world import World


def test_employee_is_found_by_nip_typed_with_spaces(world: World) -> None:
    assert employee_by_identifier("19860313 201001 1 003") == world.camat


def test_employee_is_found_by_nik(world: World) -> None:
    assert employee_by_identifier("1606041303860002") == world.camat


def test_wrong_length_or_letters_find_nobody(world: World) -> None:
    assert employee_by_identifier("1986031320100110") is None
    assert employee_by_identifier("19860313201001100X") is None
    assert employee_by_identifier("") is None


def test_retired_employee_is_not_found(world: World) -> None:
    Employee.objects.filter(pk=world.camat.pk).update(status=Employee.Status.RETIRED)
    assert employee_by_identifier(world.camat.nip) is None
    assert search_employees(name="Budi", agency_id=world.pemkab_muba.pk) == []


def test_search_within_an_agency_matches_part_of_the_name(world: World) -> None:
    assert search_employees(name="santo", agency_id=world.pemkab_muba.pk) == [world.camat]
    assert search_employees(name="santo", agency_id=world.pemkot_makassar.pk) == []


def test_search_needs_three_characters_with_an_agency(world: World) -> None:
    assert search_employees(name="Bu", agency_id=world.pemkab_muba.pk) == []


def test_search_without_agency_needs_a_region_and_four_leading_characters(world: World) -> None:
    assert search_employees(name="Budi S") == []
    assert search_employees(name="Bud", region_id=world.sumsel.pk) == []
    assert search_employees(name="budi", region_id=world.sumsel.pk) == [world.camat]
    assert search_employees(name="budi", region_id=world.sulsel.pk) == []


def test_search_returns_at_most_ten(world: World) -> None:
    Employee.objects.bulk_create(
        Employee(
            nip=f"1990010220150310{i:02d}",
            name=f"Budi Lain {i:02d}",
            sex=Employee.Sex.MALE,
            birth_date=dt.date(1990, 1, 2),
            kind=Employee.Kind.PNS,
            agency=world.pemkab_muba,
            position_type=Employee.PositionType.PELAKSANA,
        )
        for i in range(15)
    )
    assert len(search_employees(name="Budi", agency_id=world.pemkab_muba.pk, limit=50)) == 10


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(separators=st.lists(st.sampled_from(["", " ", ".", "-", "  "]), min_size=18, max_size=18))
def test_nip_is_found_whatever_separators_are_typed(world: World, separators: list[str]) -> None:
    typed = "".join(digit + sep for digit, sep in zip(world.camat.nip, separators, strict=True))
    assert employee_by_identifier(typed) == world.camat
