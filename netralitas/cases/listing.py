"""Reads for the workspace queue: filters, search and the choices the filter form offers.

Scoping stays in ``queries`` (``my_queue``/``visible_cases``); this module only narrows a scoped queryset.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q

from netralitas.accounts.models import RoleAssignment, User
from netralitas.core import clock
from netralitas.registry.models import Agency, Election, Employee, Region

from . import queries
from .models import Case, CaseQuerySet
from .workflow import Status

_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class QueueFilter:
    status: str = ""
    election: str = ""  # Election.code
    region: str = ""  # Region.code (a province covers its kabupaten/kota)
    agency: str = ""  # Agency.code
    violation: str = ""  # ViolationType.code
    overdue: bool = False
    q: str = ""
    scope: str = "queue"  # "queue" (perlu tindakan saya) or "all" (everything in scope)

    @property
    def is_empty(self) -> bool:
        return (
            not (self.status or self.election or self.region or self.agency or self.violation or self.overdue)
            and not self.q.strip()
        )


def search_cases(cases: CaseQuerySet, text: str) -> CaseQuerySet:
    """By complaint number (whole or the digits of it), NIP (spaces allowed) or name."""
    text = text.strip()
    if not text:
        return cases
    digits = _DIGITS.sub("", text)
    where = Q(number__iexact=text) | Q(employee__name__icontains=text) | Q(reported_name__icontains=text)
    if len(digits) == 18:
        where |= Q(employee__nip=digits)
    elif len(digits) == 16:
        where |= Q(employee__nik=digits)
    elif digits and len(digits) <= 6 and text.replace("-", "").replace(" ", "").isdigit():
        where |= Q(number__endswith=digits.zfill(6))
    if text.upper().startswith("SBT"):
        where |= Q(number__istartswith=text)
    return cases.filter(where)


def filter_cases(cases: CaseQuerySet, f: QueueFilter, now: dt.datetime | None = None) -> CaseQuerySet:
    if f.status:
        cases = cases.filter(status=f.status)
    if f.election:
        cases = cases.filter(election__code=f.election)
    if f.region:
        cases = cases.filter(Q(region__code=f.region) | Q(province__code=f.region))
    if f.agency:
        cases = cases.filter(agency__code=f.agency)
    if f.violation:
        cases = cases.filter(violation_types__code=f.violation).distinct()
    if f.overdue:
        cases = cases.filter(deadline_at__lt=now or clock.now())
    return search_cases(cases, f.q)


def workspace_cases(user: User, f: QueueFilter) -> CaseQuerySet:
    """The queue (or everything in scope) with the filter applied, soonest deadline first."""
    base = (
        queries.my_queue(user)
        if f.scope != "all"
        else queries.visible_cases(user).order_by("deadline_at", "-received_at")
    )
    return filter_cases(base, f).select_related(
        "employee", "region", "province", "agency", "election", "deadline_rule", "assignee"
    )


@dataclass(frozen=True)
class FilterChoices:
    statuses: list[tuple[str, str]]
    elections: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    agencies: list[tuple[str, str]]
    violations: list[tuple[str, str]]


def filter_choices(user: User) -> FilterChoices:
    """Only values that occur among the cases the user may see (no empty options, no foreign names)."""
    visible = queries.visible_cases(user)
    election_ids = visible.values("election_id")
    province_ids = set(visible.values_list("province_id", flat=True).distinct())
    region_ids = set(visible.values_list("region_id", flat=True).distinct())
    agency_ids = visible.exclude(agency__isnull=True).values("agency_id")
    violations = (
        visible.exclude(violation_types__isnull=True)
        .values_list("violation_types__code", "violation_types__number", "violation_types__name")
        .order_by("violation_types__order")
        .distinct()
    )
    return FilterChoices(
        statuses=[(s.value, str(s.label)) for s in Status],
        elections=list(Election.objects.filter(pk__in=election_ids).values_list("code", "name")),
        regions=list(
            Region.objects.filter(pk__in=province_ids | region_ids)
            .order_by("code")
            .values_list("code", "name")
        ),
        agencies=list(Agency.objects.filter(pk__in=agency_ids).order_by("name").values_list("code", "name")),
        violations=list(dict.fromkeys((code, f"{number}. {name}") for code, number, name in violations)),
    )


def employee_by_nip(nip: str) -> Employee | None:
    """The employee with this NIP (spaces and dots allowed in the input), or None."""
    digits = _DIGITS.sub("", nip)
    if len(digits) != 18:
        return None
    return Employee.objects.select_related("agency").filter(nip=digits).first()


def other_cases_of_employee(user: User, case: Case) -> CaseQuerySet:
    """The reported employee's other cases, within the user's scope."""
    if case.employee_id is None:
        return Case.objects.none()
    return (
        queries.visible_cases(user)
        .filter(employee_id=case.employee_id)
        .exclude(pk=case.pk)
        .order_by("-received_at")
    )


def assignable_colleagues(user: User) -> list[User]:
    """Active colleagues of the same agency who hold one of the user's roles over a scope that meets the
    user's (bulk assignment targets: the second verifier of a Satgas team, not the agency's auditor)."""
    if user.agency_id is None:
        return []
    mine = list(user.role_assignments.prefetch_related("regions", "agencies"))
    colleagues = (
        User.objects.filter(
            agency_id=user.agency_id, is_active=True, role_assignments__role__in=[a.role for a in mine]
        )
        .exclude(pk=user.pk)
        .distinct()
        .prefetch_related("role_assignments__regions", "role_assignments__agencies")
        .order_by("first_name", "username")
    )
    return [c for c in colleagues if any(_meets(a, b) for a in mine for b in c.role_assignments.all())]


def _meets(a: RoleAssignment, b: RoleAssignment) -> bool:
    """Same role, and scopes that share something (a national scope meets every scope)."""
    if a.role != b.role:
        return False
    if a.national or b.national:
        return True
    mine, theirs = set(a.regions.all()), set(b.regions.all())
    covers = {r.pk for r in mine} | {r.province_id for r in mine if r.province_id}
    covered = {r.pk for r in theirs} | {r.province_id for r in theirs if r.province_id}
    # A province covers its kabupaten/kota: scopes meet when one holds the other's region or province.
    regions = ({r.pk for r in mine} & covered) | ({r.pk for r in theirs} & covers)
    agencies = {x.pk for x in a.agencies.all()} & {x.pk for x in b.agencies.all()}
    return bool(regions or agencies)


def case_by_number_for_user(user: User, number: str) -> Case | None:
    return queries.visible_cases(user).filter(number__iexact=number.strip()).first()
