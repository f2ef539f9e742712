"""Every read of cases, and all scoping by agency and region.

A user's scope is the union of their valid role assignments. A case is in a role's scope when the role is
national, or the case's province or kabupaten/kota is one of the role's regions, or the reported person's
agency is one of the role's agencies. Some roles only see cases from a given status on: a PPK never sees
an unverified report about their staff (the reporter's protection starts there).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import Http404

from netralitas.accounts.models import FunctionHolder, Role, RoleAssignment, User
from netralitas.core import clock
from netralitas.registry.models import Employee, Region

from .models import Case, CaseEvent, CaseQuerySet
from .workflow import FINAL_STATUSES, Status, Transition, transitions_from

# Statuses a role may see at all (None: every status).
_FOLLOW_UP_ON = frozenset({Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK, Status.SANCTIONED, Status.MOOT})
VISIBLE_STATUSES: dict[str, frozenset[str] | None] = {
    Role.VERIFIER: None,
    Role.BAWASLU: frozenset(
        {
            Status.REVIEW,
            Status.PROVEN,
            Status.NOT_PROVEN,
            Status.AWAITING_FOLLOW_UP,
            Status.DECISION_CHECK,
            Status.SANCTIONED,
            Status.MOOT,
        }
    ),
    Role.BKN: None,
    Role.PPK: _FOLLOW_UP_ON,
    # The superior who examines the reported ASN (PP 94/2021) sees what the PPK sees, never earlier.
    Role.SUPERIOR: _FOLLOW_UP_ON,
    Role.AUDITOR: frozenset({Status.PROVEN, *_FOLLOW_UP_ON}),
    Role.LEADER: None,
    Role.ADMIN: None,
}


@dataclass(frozen=True)
class RoleScope:
    role: str
    agency_id: int | None
    national: bool = False
    province_ids: frozenset[int] = frozenset()
    region_ids: frozenset[int] = frozenset()
    agency_ids: frozenset[int] = frozenset()

    def case_filter(self) -> Q:
        statuses = VISIBLE_STATUSES.get(self.role)
        # Never an empty Q(): OR-ing an empty Q() into a filter silently drops it.
        status_q = Q(pk__isnull=False) if statuses is None else Q(status__in=statuses)
        if self.national:
            return status_q
        where = Q(pk__in=[])
        if self.province_ids:
            where |= Q(province_id__in=self.province_ids)
        if self.region_ids:
            where |= Q(region_id__in=self.region_ids)
        if self.agency_ids:
            where |= Q(agency_id__in=self.agency_ids)
        return status_q & where

    def covers_region(self, region: Region) -> bool:
        """A province covers itself and its kabupaten/kota; a kabupaten/kota covers itself."""
        return (
            self.national
            or region.pk in self.province_ids
            or region.pk in self.region_ids
            or (region.province_id is not None and region.province_id in self.province_ids)
        )

    def covers(self, case: Case) -> bool:
        statuses = VISIBLE_STATUSES.get(self.role)
        if statuses is not None and case.status not in statuses:
            return False
        return (
            self.national
            or case.province_id in self.province_ids
            or case.region_id in self.region_ids
            or (case.agency_id is not None and case.agency_id in self.agency_ids)
        )


@dataclass(frozen=True)
class UserScope:
    user_id: int | None
    roles: tuple[RoleScope, ...] = field(default_factory=tuple)

    def has_role(self, role: str) -> bool:
        return any(r.role == role for r in self.roles)


@functools.cache
def _assignment_sql() -> str:
    """The user's assignments valid on a day, each with its regions (and their level) and agencies."""
    quote = connection.ops.quote_name
    meta = RoleAssignment._meta
    ra, region = quote(meta.db_table), quote(Region._meta.db_table)
    regions, agencies = meta.get_field("regions"), meta.get_field("agencies")
    rr, aa = quote(regions.m2m_db_table()), quote(agencies.m2m_db_table())
    own_r, own_a = quote(regions.m2m_column_name()), quote(agencies.m2m_column_name())
    region_id = quote(regions.m2m_reverse_name())
    agency_id = quote(agencies.m2m_reverse_name())
    valid = (
        f"{ra}.user_id = %s AND ({ra}.valid_from IS NULL OR {ra}.valid_from <= %s) "
        f"AND ({ra}.valid_until IS NULL OR {ra}.valid_until >= %s)"
    )
    return (
        f"SELECT {ra}.id, {ra}.role, {ra}.national, {region}.id, {region}.level, NULL FROM {ra} "  # noqa: S608
        f"LEFT JOIN {rr} ON {rr}.{own_r} = {ra}.id LEFT JOIN {region} ON {region}.id = {rr}.{region_id} "
        f"WHERE {valid} "
        f"UNION ALL SELECT {ra}.id, {ra}.role, {ra}.national, NULL, NULL, {aa}.{agency_id} FROM {ra} "
        f"JOIN {aa} ON {aa}.{own_a} = {ra}.id WHERE {valid}"
    )


def _assignment_rows(user_id: int, day: dt.date) -> list[tuple[Any, ...]]:
    # Read on every request of a signed-in user or API client: one statement, built once (the ORM's own
    # query building cost more than the three queries it replaced).
    on = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(_assignment_sql(), [user_id, on, on, user_id, on, on])
        return cursor.fetchall()


def user_scope(user: User, on: dt.date | None = None) -> UserScope:
    """The user's valid role assignments as plain data (cached on the user object per request)."""
    if not user.is_authenticated or not user.is_active:
        return UserScope(user_id=None)
    day = on or clock.localdate()
    cache_key = f"_scope_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    rows = _assignment_rows(user.pk, day)
    assignments: dict[int, tuple[str, bool, set[int], set[int], set[int]]] = {}
    for pk, role, national, region_id, level, agency_id in rows:
        _role, _national, provinces, regions, agencies = assignments.setdefault(
            pk, (role, bool(national), set(), set(), set())
        )
        if region_id is not None:
            (provinces if level == Region.Level.PROVINCE else regions).add(region_id)
        if agency_id is not None:
            agencies.add(agency_id)
    scopes = [
        RoleScope(
            role=role,
            agency_id=user.agency_id,
            national=national,
            province_ids=frozenset(provinces),
            region_ids=frozenset(regions),
            agency_ids=frozenset(agencies),
        )
        for _pk, (role, national, provinces, regions, agencies) in sorted(assignments.items())
    ]
    scope = UserScope(user_id=user.pk, roles=tuple(scopes))
    setattr(user, cache_key, scope)
    return scope


def covering_roles(user: User, case: Case, on: dt.date | None = None) -> frozenset[str]:
    """The user's roles whose assignment covers the case (its regions, agencies or national, and the
    statuses the role may see): the one role-and-scope check behind every act on a case."""
    return frozenset(r.role for r in user_scope(user, on).roles if r.covers(case))


def visible_cases(user: User) -> CaseQuerySet:
    """All cases the user may see; the reporter of an agency also sees their own reports."""
    scope = user_scope(user)
    if any(r.national and VISIBLE_STATUSES.get(r.role) is None for r in scope.roles):
        # Sees every case: no filter at all, so aggregates can use the (x, status) indexes alone.
        return Case.objects.all()
    where = Q(pk__in=[])
    for role_scope in scope.roles:
        where |= role_scope.case_filter()
    if scope.user_id is not None:
        where |= Q(reporter_user_id=scope.user_id)
    return Case.objects.filter(where)


def get_case_for_user(user: User, code: str) -> Case:
    """The one access helper for a case fetched from a URL: 404 outside the user's scope."""
    case = (
        visible_cases(user)
        .select_related(
            "employee",
            "employee__agency",
            "region",
            "province",
            "agency",
            "election",
            "election_stage",
            "deadline_rule",
            "assignee",
            "merged_into",
        )
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404("Kasus tidak ditemukan.")
    return case


def function_holder_ids(function: str, on: dt.date) -> set[int]:
    rows = FunctionHolder.objects.filter(function=function).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
    )
    return set(rows.values_list("body_id", flat=True))


def may_perform(user: User, case: Case, transition: Transition, on: dt.date | None = None) -> bool:
    """Role, scope and function guard of one transition for one user on one case."""
    day = on or clock.localdate()
    if transition.role not in covering_roles(user, case, day):
        return False
    if transition.function is None:
        return True
    return user.agency_id is not None and user.agency_id in function_holder_ids(transition.function, day)


def allowed_transitions(user: User, case: Case) -> list[Transition]:
    return [t for t in transitions_from(case.status) if may_perform(user, case, t)]


def my_queue(user: User) -> CaseQuerySet:
    """ "Perlu tindakan saya": open cases in scope where one of the user's roles acts next, by deadline."""
    scope = user_scope(user)
    where = Q(pk__in=[])
    from .workflow import TRANSITIONS, Requirement

    ppk = any(r.role == Role.PPK for r in scope.roles)

    for role_scope in scope.roles:
        # A transition the role can take only when the reported ASN has left service (declaring the case
        # moot) queues only such cases: otherwise every case awaiting a PPK would be BKN's work too.
        mine = [t for t in TRANSITIONS if t.role == role_scope.role]
        left = Requirement.EMPLOYEE_LEFT_SERVICE
        statuses = {s for t in mine if left not in t.requires for s in t.sources}
        left_service = {s for t in mine if left in t.requires for s in t.sources}
        if statuses:
            where |= role_scope.case_filter() & Q(status__in=statuses)
        if left_service:
            where |= (
                role_scope.case_filter()
                & Q(status__in=left_service, employee__isnull=False)
                & ~Q(employee__status=Employee.Status.ACTIVE)
            )
        # Escalation rungs waiting on a person (sanctions.ControlAction, named by lookup so this lower
        # layer does not import it): the auditor's due steps, the BKN officer's blocks to approve.
        if role_scope.role == Role.AUDITOR:
            where |= role_scope.case_filter() & Q(control_actions__state="jatuh_tempo")
        # The superior examines every case recommended to the PPK whose examination is not finished
        # (sanctions.Hearing, by lookup): summons, attendance, BAP (issue 15).
        if role_scope.role == Role.SUPERIOR:
            where |= (
                role_scope.case_filter()
                & Q(status=Status.AWAITING_FOLLOW_UP)
                & ~Q(hearing__state__in=["diperiksa", "tidak_hadir_2"])
            )
        if role_scope.role == Role.BKN:
            where |= role_scope.case_filter() & Q(
                control_actions__kind="blokir", control_actions__state="diusulkan"
            )
        # A case whose PPK is a candidate, escalated to BKN's control and to Kemendagri (ADR 0025).
        recipient = (
            "bkn"
            if role_scope.role == Role.BKN
            else "kemendagri"
            if user.agency is not None and user.agency.code == settings.CONFLICT_ESCALATION_AGENCY
            else None
        )
        if recipient is not None and not ppk:
            where |= role_scope.case_filter() & Q(
                conflict_escalations__recipient=recipient, conflict_escalations__acknowledged_at__isnull=True
            )
    return (
        Case.objects.filter(pk__in=Case.objects.filter(where).exclude(status__in=FINAL_STATUSES).values("pk"))
        .select_related("employee", "region", "agency", "election", "deadline_rule")
        .order_by("deadline_at", "received_at")
    )


DUPLICATE_WINDOW_DAYS = 14
DUPLICATE_MIN_SCORE = 60.0


def _date_range_around(day: dt.date, window: dt.timedelta) -> tuple[dt.date, dt.date]:
    """``day ± window`` clamped to the calendar, so that a stored year-1 or year-9999 date (from before
    the intake rules bounded them) cannot break a page with OverflowError."""
    low = day - window if day - dt.date.min > window else dt.date.min
    high = day + window if dt.date.max - day > window else dt.date.max
    return low, high


def duplicate_candidates(case: Case, *, user: User, limit: int = 5) -> list[tuple[Case, float]]:
    """Other live cases about the same person (or the same described person in the same agency) within
    two weeks of the incident, ranked by text similarity of the description and the reported name; only
    cases ``user`` may see (an employee of a central agency is reported in every province)."""
    from rapidfuzz import fuzz

    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    others = (
        Case.objects.exclude(pk=case.pk)
        .exclude(status=Status.CANCELLED)
        .filter(incident_date__range=_date_range_around(case.incident_date, window))
    )
    if case.employee_id is not None:
        others = others.filter(
            Q(employee_id=case.employee_id) | Q(employee__isnull=True, agency_id=case.agency_id)
        )
    elif case.agency_id is not None:
        others = others.filter(agency_id=case.agency_id)
    else:
        others = others.filter(region_id=case.region_id)
    others = others.filter(pk__in=visible_cases(user).values("pk"))
    scored: list[tuple[Case, float]] = []
    for other in others.select_related("employee")[:200]:
        text = fuzz.token_set_ratio(case.description.lower(), other.description.lower())
        same_person = case.employee_id is not None and other.employee_id == case.employee_id
        if same_person:
            person = 100.0
        else:
            person = fuzz.token_set_ratio(case.subject_name.lower(), other.subject_name.lower())
        days_apart = abs((case.incident_date - other.incident_date).days)
        closeness = 100.0 * (1 - days_apart / (DUPLICATE_WINDOW_DAYS + 1))
        score = round(0.5 * text + 0.3 * person + 0.2 * closeness, 1)
        if score >= DUPLICATE_MIN_SCORE:
            scored.append((other, score))
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored[:limit]


@dataclass(frozen=True)
class Countdown:
    days: int
    unit_label: str
    overdue: bool

    def __str__(self) -> str:
        if self.overdue:
            return f"terlambat {abs(self.days)} {self.unit_label}" if self.days else "terlambat"
        if self.days == 0:
            return "batas akhir hari ini"
        return f"{self.days} {self.unit_label} lagi"


def countdown(case: Case, now: dt.datetime | None = None) -> Countdown | None:
    """Days left in the unit of the stage's rule ("2 hari kerja lagi"), in the case region's time zone."""
    from zoneinfo import ZoneInfo

    from netralitas.core.workdays import DayUnit, calendar_days_left, working_days_left
    from netralitas.registry.calendar import holiday_dates

    if case.deadline_at is None or case.deadline_rule is None:
        return None
    now = now or clock.now()
    tz = ZoneInfo(case.province.timezone or "Asia/Jakarta")
    if case.deadline_rule.unit == DayUnit.WORKING:
        days = working_days_left(now, case.deadline_at, holiday_dates(), tz)
        label = "hari kerja"
    else:
        days = calendar_days_left(now, case.deadline_at, tz)
        label = "hari kalender"
    return Countdown(days=days, unit_label=label, overdue=now > case.deadline_at)


def out_of_scope_references(user: User, case: Case, events: list[CaseEvent]) -> set[str]:
    """Numbers of other cases this case's page would mention (merge target, merged duplicates) that the
    user may not see: the page names them as outside the user's scope instead."""
    numbers = {case.merged_into.number} if case.merged_into is not None else set()
    for event in events:
        for key in ("merged_into", "merged_from"):
            value = (event.data or {}).get(key)
            if isinstance(value, str) and value:
                numbers.add(value)
    if not numbers:
        return set()
    seen = set(visible_cases(user).filter(number__in=numbers).values_list("number", flat=True))
    return numbers - seen
