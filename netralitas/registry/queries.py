"""Reads on the personnel master data for people outside the agencies (the public report form).

The Employee table holds ~4.3 million rows. Every search here is bounded: by agency (the index on
(agency, name) narrows the scan to one agency's staff), or by region plus a name prefix of at least four
characters; nothing scans the whole table for a short fragment.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .identifiers import IdentifierError, normalize_digits, parse_nik
from .models import Agency, Employee, Region

MIN_CHARS_WITH_AGENCY = 3
MIN_CHARS_WITHOUT_AGENCY = 4
MAX_RESULTS = 10


def _active() -> QuerySet[Employee]:
    return Employee.objects.filter(status=Employee.Status.ACTIVE).select_related("agency", "agency__region")


def employee_by_identifier(text: str) -> Employee | None:
    """The active employee with this NIP (18 digits) or NIK (16 digits); separators are ignored."""
    number = normalize_digits(text or "")
    if not number.isdigit():
        return None
    if len(number) == 18:
        return _active().filter(nip=number).first()
    if len(number) == 16:
        try:
            parse_nik(number)
        except IdentifierError:
            return None
        return _active().filter(nik=number).order_by("pk").first()
    return None


def search_employees(
    *, name: str, agency_id: int | None = None, region_id: int | None = None, limit: int = MAX_RESULTS
) -> list[Employee]:
    """Active employees whose name matches, at most ``limit`` (≤ 10), ordered by name.

    With an agency: the name may appear anywhere (≥ 3 characters), within that agency's rows only (the
    region is then ignored: central agencies have none).
    Without one: a region is required and the name must start with ≥ 4 characters.
    """
    name = " ".join((name or "").split())
    limit = max(1, min(limit, MAX_RESULTS))
    if agency_id is not None:
        if len(name) < MIN_CHARS_WITH_AGENCY:
            return []
        rows = _active().filter(agency_id=agency_id, name__icontains=name)
    else:
        if region_id is None or len(name) < MIN_CHARS_WITHOUT_AGENCY:
            return []
        rows = _active().filter(
            Q(agency__region_id=region_id) | Q(agency__region__province_id=region_id),
            name__istartswith=name,
        )
    return list(rows.order_by("name", "pk")[:limit])


def employee_region(employee: Employee) -> Region | None:
    return employee.agency.region


def agencies_for_search() -> QuerySet[Agency]:
    return Agency.objects.order_by("name").only("pk", "code", "name")


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.PROVINCE).order_by("name")


def regions_of_province(province_code: str) -> QuerySet[Region]:
    return Region.objects.filter(province__code=province_code).order_by("name")
