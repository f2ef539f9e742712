"""The holiday calendar as data: seeding it from the ``holidays`` package and reading it fast.

Non-working days are ``Holiday`` rows (national holidays, cuti bersama, voting days, days decreed by
other acts). ``seed_holidays`` fills them from ``holidays.country_holidays("ID")``; admins add or correct
the rest, and seeding never touches an admin row.

Caching: ``holiday_dates()`` keeps the whole set (a few dozen dates a year) in process memory, as a
``core.refcache.ReferenceCache``. Saving or deleting a ``Holiday`` through the ORM or the admin clears the
cache of *this* process at once, and replaces its token in ``core_referencestamp`` in the same transaction,
so other processes (gunicorn workers, the task worker) read the table again at their next request.
Bulk writes that send no signals (``bulk_create``,
``QuerySet.update``) must call ``core.refcache.reference_tables_changed``; ``seed_holidays`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import holidays as holidays_package
from django.db import transaction

from netralitas.core.refcache import ReferenceCache, reference_tables_changed
from netralitas.registry.models import Holiday

__all__ = ["SHIPPED_YEARS", "clear_holiday_cache", "holiday_dates", "seed_holidays"]

#: The years whose calendar we ship (``manage.py seed_holidays`` without ``--years``).
SHIPPED_YEARS = range(2023, 2027)

_ELECTION_WORDS = ("pemilihan", "pemilu", "pilkada", "pemungutan suara")
_CUTI_BERSAMA = "cuti bersama"


@dataclass(frozen=True)
class PackageHoliday:
    date: dt.date
    name: str
    kind: Holiday.Kind
    legal_basis: str


def _classify(name: str, is_public: bool, is_government: bool) -> Holiday.Kind:
    lowered = name.lower()
    if any(word in lowered for word in _ELECTION_WORDS):
        return Holiday.Kind.ELECTION
    # A date that is both a public holiday and cuti bersama is a public holiday first.
    if is_government and not is_public and _CUTI_BERSAMA in lowered:
        return Holiday.Kind.CUTI_BERSAMA
    return Holiday.Kind.PUBLIC


def package_holidays(years: Iterable[int]) -> list[PackageHoliday]:
    """What the ``holidays`` package says about Indonesia for ``years``, classified for our table."""
    year_list = sorted(set(years))
    if not year_list:
        return []
    version = getattr(holidays_package, "__version__", "?")
    public = holidays_package.country_holidays("ID", years=year_list, categories=("public",), language="id")
    government = holidays_package.country_holidays(
        "ID", years=year_list, categories=("government",), language="id"
    )
    both = holidays_package.country_holidays(
        "ID", years=year_list, categories=("public", "government"), language="id"
    )
    result = []
    for day, name in sorted(both.items()):
        kind = _classify(name, day in public, day in government)
        if kind is Holiday.Kind.CUTI_BERSAMA:
            basis = f"SKB 3 Menteri cuti bersama {day.year} (paket holidays {version})"
        else:
            basis = f"paket holidays {version}"
        result.append(PackageHoliday(date=day, name=name[:200], kind=kind, legal_basis=basis))
    return result


def seed_holidays(years: Iterable[int]) -> int:
    """Create the missing package holidays for ``years``; return how many rows were created.

    Idempotent. Rows whose source is ADMIN are never changed or deleted, even when the package lists the
    same date. Existing PACKAGE rows are refreshed (name, kind, legal basis) when the package changed.
    Nothing is deleted: a date the package no longer lists is left for an admin to review.
    """
    created, _updated = sync_holidays(years)
    return created


def sync_holidays(years: Iterable[int]) -> tuple[int, int]:
    """Like ``seed_holidays`` but returns ``(created, updated)``."""
    wanted = {item.date: item for item in package_holidays(years)}
    if not wanted:
        return 0, 0
    with transaction.atomic():
        existing = {row.date: row for row in Holiday.objects.select_for_update().filter(date__in=wanted)}
        new_rows = [
            Holiday(
                date=item.date,
                year=item.date.year,  # bulk_create bypasses Holiday.save(), which sets it
                name=item.name,
                kind=item.kind,
                source=Holiday.Source.PACKAGE,
                legal_basis=item.legal_basis,
            )
            for day, item in wanted.items()
            if day not in existing
        ]
        stale = []
        for day, row in existing.items():
            item = wanted[day]
            if row.source != Holiday.Source.PACKAGE:
                continue
            if (row.name, row.kind, row.legal_basis) != (item.name, item.kind, item.legal_basis):
                row.name, row.kind, row.legal_basis = item.name, item.kind, item.legal_basis
                stale.append(row)
        Holiday.objects.bulk_create(new_rows)
        if stale:
            Holiday.objects.bulk_update(stale, ["name", "kind", "legal_basis"])
        reference_tables_changed([Holiday])  # bulk writes send no signals; tell every process
    return len(new_rows), len(stale)


# --- Reading --------------------------------------------------------------------------------------

_holidays: ReferenceCache[frozenset[dt.date]] = ReferenceCache(
    "holidays",
    lambda: frozenset(Holiday.objects.values_list("date", flat=True)),
    [Holiday],
)


def holiday_dates() -> frozenset[dt.date]:
    """All non-working dates besides weekends (every ``Holiday`` row), cached in process memory."""
    return _holidays.get()


def clear_holiday_cache() -> None:
    """Forget the cached calendar of this process; the next ``holiday_dates()`` reads the table."""
    _holidays.clear()
