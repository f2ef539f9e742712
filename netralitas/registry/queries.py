"""Reads on the personnel master data for people outside the agencies (the public report form).

The Employee table holds ~4.3 million rows. Every search here is bounded: by agency (the index on
(agency, name) narrows the scan to one agency's staff), or by region plus a name prefix of at least four
characters; nothing scans the whole table for a short fragment.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .identifiers import IdentifierError, normalize_digits, parse_nik
from .models import Agency, Employee, Region
from .reference import with_cached_agency

MIN_CHARS_WITH_AGENCY = 3
MIN_CHARS_WITHOUT_AGENCY = 4
MAX_RESULTS = 10


def _active() -> QuerySet[Employee]:
    return Employee.objects.filter(status=Employee.Status.ACTIVE).select_related("agency", "agency__region")


def employee_by_nip(nip: str) -> Employee | None:
    """The employee (any status) with this exact NIP, their agency from the reference cache."""
    employee = Employee.objects.filter(nip=nip).first()
    return with_cached_agency(employee) if employee is not None else None


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


def _prefix_variants(name: str) -> list[str]:
    """The spellings a name is likely stored in (as typed, Title Case, UPPER CASE): each becomes one index
    range scan on (agency, name), which is exact under a binary collation (PostgreSQL C.UTF-8, SQLite)."""
    return list(dict.fromkeys([name, name.title(), name.upper(), name.lower()]))


def _by_prefix(rows: QuerySet[Employee], name: str, limit: int) -> list[Employee]:
    found: dict[int, Employee] = {}
    for variant in _prefix_variants(name):
        upper_bound = variant[:-1] + chr(ord(variant[-1]) + 1)
        for employee in rows.filter(name__gte=variant, name__lt=upper_bound).order_by("name", "pk")[:limit]:
            found[employee.pk] = employee
    return sorted(found.values(), key=lambda e: (e.name.upper(), e.pk))[:limit]


def search_employees(
    *, name: str, agency_id: int | None = None, region_id: int | None = None, limit: int = MAX_RESULTS
) -> list[Employee]:
    """Active employees whose name matches, at most ``limit`` (≤ 10), ordered by name.

    With an agency: names starting with the text (index range scans), topped up with names containing it
    (≥ 3 characters; a scan of that agency's rows only). The region is then ignored: central agencies
    have none. Without an agency: a region is required and the name must start with ≥ 4 characters.
    """
    name = " ".join((name or "").split())
    limit = max(1, min(limit, MAX_RESULTS))
    if agency_id is not None:
        if len(name) < MIN_CHARS_WITH_AGENCY:
            return []
        rows = _active().filter(agency_id=agency_id)
        found = _by_prefix(rows, name, limit)
        if len(found) < limit:
            seen = {e.pk for e in found}
            more = rows.filter(name__icontains=name).exclude(pk__in=seen).order_by("name", "pk")
            found += list(more[: limit - len(found)])
        return found
    if region_id is None or len(name) < MIN_CHARS_WITHOUT_AGENCY:
        return []
    rows = _active().filter(Q(agency__region_id=region_id) | Q(agency__region__province_id=region_id))
    return _by_prefix(rows, name, limit)


def agencies_for_search() -> QuerySet[Agency]:
    return Agency.objects.order_by("name").only("pk", "code", "name")


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.PROVINCE).order_by("name")


def regions_of_province(province_code: str) -> QuerySet[Region]:
    return Region.objects.filter(province__code=province_code).order_by("name")
