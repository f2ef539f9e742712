from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from netralitas.registry.calendar import clear_holiday_cache, holiday_dates, seed_holidays
from netralitas.registry.management.commands.seed_holidays import parse_years
from netralitas.registry.models import Holiday

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    # Test transactions roll back without signals; never let a cached calendar leak between tests.
    clear_holiday_cache()
    yield
    clear_holiday_cache()


def test_seeding_2024_gives_cuti_bersama_around_idul_fitri() -> None:
    created = seed_holidays([2024])

    assert created == Holiday.objects.count() > 20
    rows = {h.date: h for h in Holiday.objects.all()}
    for day in (D(2024, 4, 8), D(2024, 4, 9), D(2024, 4, 12), D(2024, 4, 15)):
        assert rows[day].kind == Holiday.Kind.CUTI_BERSAMA
        assert "Cuti Bersama" in rows[day].name
        assert rows[day].legal_basis.startswith("SKB 3 Menteri")
    assert rows[D(2024, 4, 10)].kind == Holiday.Kind.PUBLIC  # Idul Fitri itself
    assert rows[D(2024, 4, 11)].kind == Holiday.Kind.PUBLIC
    assert all(h.year == 2024 and h.source == Holiday.Source.PACKAGE for h in rows.values())


def test_election_days_2024_are_voting_holidays() -> None:
    seed_holidays([2024])

    assert Holiday.objects.get(date=D(2024, 2, 14)).kind == Holiday.Kind.ELECTION
    assert Holiday.objects.get(date=D(2024, 11, 27)).kind == Holiday.Kind.ELECTION
    assert Holiday.objects.filter(kind=Holiday.Kind.ELECTION).count() == 2


def test_seeding_is_idempotent() -> None:
    first = seed_holidays([2024, 2025])
    before = list(Holiday.objects.values_list("date", "name", "kind", "year", "legal_basis"))

    assert first > 0
    assert seed_holidays([2024, 2025]) == 0
    assert list(Holiday.objects.values_list("date", "name", "kind", "year", "legal_basis")) == before


def test_admin_rows_survive_reseeding() -> None:
    admin_same_date = Holiday.objects.create(
        date=D(2024, 4, 8),
        name="Cuti bersama (koreksi SKB)",
        kind=Holiday.Kind.DECREED,
        legal_basis="SKB 2024 revisi",
    )
    admin_extra = Holiday.objects.create(date=D(2024, 7, 1), name="Libur daerah", kind=Holiday.Kind.DECREED)

    seed_holidays([2024])
    seed_holidays([2024])

    admin_same_date.refresh_from_db()
    assert (admin_same_date.name, admin_same_date.kind, admin_same_date.source) == (
        "Cuti bersama (koreksi SKB)",
        Holiday.Kind.DECREED,
        Holiday.Source.ADMIN,
    )
    assert Holiday.objects.filter(pk=admin_extra.pk, source=Holiday.Source.ADMIN).exists()


def test_reseeding_refreshes_package_rows_the_package_changed() -> None:
    seed_holidays([2024])
    Holiday.objects.filter(date=D(2024, 11, 27)).update(name="old name", kind=Holiday.Kind.PUBLIC)

    assert seed_holidays([2024]) == 0
    row = Holiday.objects.get(date=D(2024, 11, 27))
    assert row.kind == Holiday.Kind.ELECTION
    assert row.name != "old name"


def test_holiday_dates_reflects_an_added_admin_day() -> None:
    seed_holidays([2024])
    extra = D(2024, 7, 1)
    assert D(2024, 11, 27) in holiday_dates()
    assert extra not in holiday_dates()

    Holiday.objects.create(date=extra, name="Libur daerah", kind=Holiday.Kind.DECREED)
    assert extra in holiday_dates()

    Holiday.objects.get(date=extra).delete()
    assert extra not in holiday_dates()


def test_holiday_dates_is_served_from_memory(django_assert_num_queries) -> None:
    seed_holidays([2024])
    holiday_dates()
    with django_assert_num_queries(1):  # the reference tokens (core.refcache), not the holidays
        assert D(2024, 4, 10) in holiday_dates()


def test_command_seeds_the_shipped_years_by_default() -> None:
    out = StringIO()
    call_command("seed_holidays", stdout=out)

    assert set(Holiday.objects.values_list("year", flat=True).distinct()) == {2023, 2024, 2025, 2026}
    assert "ditambahkan" in out.getvalue()


def test_command_accepts_a_year_range() -> None:
    call_command("seed_holidays", "--years", "2024-2025", stdout=StringIO())
    assert set(Holiday.objects.values_list("year", flat=True).distinct()) == {2024, 2025}


def test_year_parser() -> None:
    assert parse_years("2024") == [2024]
    assert parse_years("2023-2026") == [2023, 2024, 2025, 2026]
    assert parse_years("2023, 2025") == [2023, 2025]
    with pytest.raises(CommandError):
        parse_years("2026-2023")
    with pytest.raises(CommandError):
        parse_years("tahun ini")
