"""Reads of the API. Case scoping is ``cases.queries`` (the same as the UI); employees are scoped here by
the agencies and regions the client's roles cover."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from netralitas.accounts.models import User
from netralitas.cases.buckets import (
    ASN_DEFINITION,
    ASN_DEFINITION_EN,
    BUCKET_OF_STATUS,
    BUCKETS,
    COUNTED_DEFINITION,
    COUNTED_DEFINITION_EN,
    SUMMARY,
    TOTALS,
    Bucket,
)
from netralitas.cases.figures import counted, figures
from netralitas.cases.models import Case, CaseQuerySet
from netralitas.cases.queries import user_scope, visible_cases
from netralitas.registry.models import Election, Employee

from .problems import InvalidInput, field_error, not_found

CASE_RELATED = (
    "employee",
    "employee__agency",
    "region",
    "province",
    "agency",
    "election",
    "recommendation__sanction_type",
    "decision__sanction_type",
)
MAX_LIMIT = 200


def api_cases(user: User) -> CaseQuerySet:
    return visible_cases(user).select_related(*CASE_RELATED).prefetch_related("violation_types")


def api_case(user: User, code: str) -> Case:
    """The access helper: 404 (as problem details) outside the client's scope, same scoping as the UI."""
    case = api_cases(user).filter(code=code).first()
    if case is None:
        raise not_found()
    return case


def case_out(case: Case) -> dict[str, Any]:
    recommendation = getattr(case, "recommendation", None)
    decision = getattr(case, "decision", None)
    employee = case.employee
    return {
        "code": case.code,
        "number": case.number,
        "source": case.source,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "bucket": BUCKET_OF_STATUS[case.status].code,
        "version": case.version,
        "election": case.election.code,
        "region": case.region.code,
        "province": case.province.code,
        "agency": case.agency.code if case.agency else None,
        "employee": employee_out(employee) if employee else None,
        "reported_name": case.reported_name,
        "description": case.description,
        "violation_types": sorted(v.code for v in case.violation_types.all()),
        "received_at": case.received_at,
        "deadline_at": case.deadline_at,
        "overdue": case.overdue_since is not None,
        "closed_at": case.closed_at,
        "updated_at": case.updated_at,
        "recommendation": {
            "track": recommendation.track,
            "level": recommendation.level,
            "sanction_type": recommendation.sanction_type.code,
            "letter_number": recommendation.letter_number,
            "sent_at": recommendation.sent_at,
        }
        if recommendation
        else None,
        "decision": {
            "decree_number": decision.decree_number,
            "decree_date": decision.decree_date,
            "sanction_type": decision.sanction_type.code,
            "is_lighter": decision.is_lighter,
        }
        if decision
        else None,
    }


def encode_cursor(case: Case) -> str:
    return base64.urlsafe_b64encode(f"{case.updated_at.isoformat()}|{case.pk}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[dt.datetime, int]:
    try:
        stamp, pk = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        at = parse_datetime(stamp)
        if at is None or at.tzinfo is None:
            raise ValueError(stamp)
        return at, int(pk)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidInput(
            [
                field_error(
                    "query.cursor",
                    "invalid_cursor",
                    "Kursor tidak valid; gunakan nilai next_cursor dari halaman sebelumnya.",
                    "Invalid cursor; pass the next_cursor value of the previous page.",
                )
            ]
        ) from None


def case_page(
    user: User,
    *,
    status: str | None,
    bucket: str | None,
    election: str | None,
    province: str | None,
    agency: str | None,
    updated_since: dt.datetime | None,
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    """Oldest change first, keyed on (updated_at, id): a client stores next_cursor and resumes from it."""
    cases = api_cases(user)
    if status:
        cases = cases.filter(status=status)
    if bucket:
        chosen = next(b for b in BUCKETS if b.code == bucket)
        cases = cases.filter(status__in=chosen.statuses)
    if election:
        cases = cases.filter(election__code=election)
    if province:
        cases = cases.filter(province__code=province)
    if agency:
        cases = cases.filter(agency__code=agency)
    if updated_since is not None:
        cases = cases.filter(updated_at__gte=updated_since)
    if cursor:
        at, pk = decode_cursor(cursor)
        cases = cases.filter(Q(updated_at__gt=at) | Q(updated_at=at, pk__gt=pk))
    rows = list(cases.order_by("updated_at", "pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [case_out(c) for c in rows], "next_cursor": encode_cursor(rows[-1]) if more else None}


def employee_out(employee: Employee) -> dict[str, Any]:
    return {
        "nip": employee.nip,
        "name": employee.name,
        "agency": employee.agency.code,
        "agency_name": employee.agency.name,
        "position": employee.position,
    }


def employee_for_user(user: User, nip: str) -> Employee:
    """An employee whose agency lies in one of the user's role scopes (national, agency or region)."""
    employee = Employee.objects.select_related("agency", "agency__region").filter(nip=nip).first()
    if employee is None:
        raise not_found("Pegawai", "Employee")
    agency = employee.agency
    for scope in user_scope(user).roles:
        if (
            scope.national
            or agency.pk in scope.agency_ids
            or (agency.region is not None and scope.covers_region(agency.region))
        ):
            return employee
    raise not_found("Pegawai", "Employee")


def statistics(user: User, election: str | None) -> dict[str, Any]:
    """Reports and reported ASN by the shared bucket definitions over the counted cases the client may
    see (merged duplicates excluded): one aggregate query."""
    cases = counted(visible_cases(user))
    if election:
        if not Election.objects.filter(code=election).exists():
            raise not_found("Pemilihan", "Election")
        cases = cases.filter(election__code=election)
    counts = figures(cases)

    def bucket(b: Bucket) -> dict[str, Any]:
        f = counts[b.code]
        return {
            "code": b.code,
            "label": b.label,
            "statuses": sorted(b.statuses),
            "definition": b.definition,
            "definition_en": b.definition_en,
            "count": f.reports,
            "asn": f.asn,
        }

    return {
        "election": election,
        "buckets": [bucket(b) for b in BUCKETS],
        "summary": [bucket(b) for b in SUMMARY],
        "totals": {name: counts[name].reports for name in TOTALS},
        "totals_asn": {name: counts[name].asn for name in TOTALS},
        "definitions": {
            "counted": COUNTED_DEFINITION,
            "counted_en": COUNTED_DEFINITION_EN,
            "asn": ASN_DEFINITION,
            "asn_en": ASN_DEFINITION_EN,
        },
    }
