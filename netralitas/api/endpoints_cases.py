"""Case endpoints: submit, read, list (cursor + updated_since) and the workflow actions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Header, Query, Router, Status

from netralitas.cases.models import Case

from . import services
from .auth import client_of, require_write
from .media import JSON, accepts
from .problems import responses
from .queries import CASE_RELATED, MAX_LIMIT, api_case, case_out, case_page
from .schemas import (
    CaseOut,
    CasePage,
    CaseSubmitIn,
    CaseSubmitted,
    ConclusionIn,
    ControlIn,
    DecisionCheckIn,
    DecisionIn,
    RecommendationSendIn,
    ResolveEmployeeIn,
    TransitionIn,
)

router = Router(tags=["kasus / cases"])
router.add_decorator(accepts(JSON), mode="view")

StatusCode = Literal[
    "diterima",
    "verifikasi",
    "kajian_bawaslu",
    "terbukti",
    "menunggu_tindak_lanjut",
    "keputusan_diperiksa",
    "disanksi",
    "ditolak",
    "dibatalkan",
    "tidak_terbukti",
    "gugur",
]
BucketCode = Literal[
    "menunggu_verifikasi",
    "dikaji_bawaslu",
    "menunggu_rekomendasi",
    "menunggu_ppk",
    "disanksi",
    "tidak_terbukti",
    "ditolak",
    "dibatalkan",
    "gugur",
]
READ = responses(401, 403, 404, 422, 429)
WRITE = responses(400, 401, 403, 404, 409, 413, 415, 422, 429)


@router.post(
    "/cases",
    response={201: CaseSubmitted, **responses(400, 401, 403, 409, 413, 415, 422, 429)},
    summary="Submit a report or a Bawaslu finding",
)
def submit_case(
    request: HttpRequest,
    payload: CaseSubmitIn,
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key", max_length=64),
) -> Status[dict[str, Any]]:
    client = client_of(request)
    require_write(client)
    status, body = services.api_case_submit(
        client=client, data=payload.dict(), idempotency_key=idempotency_key
    )
    return Status(status, body)


@router.get(
    "/cases", response={200: CasePage, **READ}, summary="List cases (cursor pagination, incremental sync)"
)
def list_cases(
    request: HttpRequest,
    status: StatusCode | None = None,
    bucket: BucketCode | None = None,
    election: str | None = Query(default=None, max_length=40),
    province: str | None = Query(default=None, max_length=5),
    agency: str | None = Query(default=None, max_length=16),
    updated_since: dt.datetime | None = None,
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    return case_page(
        client_of(request).user,
        status=status,
        bucket=bucket,
        election=election,
        province=province,
        agency=agency,
        updated_since=updated_since,
        cursor=cursor,
        limit=limit,
    )


@router.get("/cases/{code}", response={200: CaseOut, **READ}, summary="Get a case by its opaque code")
def get_case(request: HttpRequest, code: str) -> dict[str, Any]:
    return case_out(api_case(client_of(request).user, code))


def _after(case: Case) -> dict[str, Any]:
    fresh = Case.objects.select_related(*CASE_RELATED).prefetch_related("violation_types").get(pk=case.pk)
    return case_out(fresh)


@router.post(
    "/cases/{code}/transitions", response={200: CaseOut, **WRITE}, summary="Perform a workflow transition"
)
def transition(request: HttpRequest, code: str, payload: TransitionIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_case_transition(client=client, case=case, data=payload.dict())
    return _after(case)


@router.post(
    "/cases/{code}/employee",
    response={200: CaseOut, **WRITE},
    summary="Match the reported person to an ASN by NIP",
)
def resolve_employee(request: HttpRequest, code: str, payload: ResolveEmployeeIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_case_resolve_employee(client=client, case=case, nip=payload.nip, note=payload.note)
    return _after(case)


@router.post(
    "/cases/{code}/conclusion",
    response={200: CaseOut, **WRITE},
    summary="Bawaslu: conclude proven, with the recommended sanction",
)
def conclude(request: HttpRequest, code: str, payload: ConclusionIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_review_conclude(client=client, case=case, data=payload.dict())
    return _after(case)


@router.post(
    "/cases/{code}/recommendation",
    response={200: CaseOut, **WRITE},
    summary="BKN: send the recommendation to the PPK",
)
def send_recommendation(request: HttpRequest, code: str, payload: RecommendationSendIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_recommendation_send(client=client, case=case, data=payload.dict())
    return _after(case)


@router.post(
    "/cases/{code}/decision", response={200: CaseOut, **WRITE}, summary="PPK: record the sanction decree"
)
def record_decision(request: HttpRequest, code: str, payload: DecisionIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_decision_record(client=client, case=case, data=payload.dict())
    return _after(case)


@router.post(
    "/cases/{code}/decision/check",
    response={200: CaseOut, **WRITE},
    summary="Auditor: accept the PPK's decree or return it with a reason",
)
def check_decision(request: HttpRequest, code: str, payload: DecisionCheckIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_decision_check(client=client, case=case, data=payload.dict())
    return _after(case)


@router.post(
    "/cases/{code}/control",
    response={200: CaseOut, **WRITE},
    summary="Control actions: warning, block, PPK report, unblock",
)
def control_action(request: HttpRequest, code: str, payload: ControlIn) -> dict[str, Any]:
    client = client_of(request)
    case = api_case(client.user, code)
    require_write(client)
    services.api_control(client=client, case=case, data=payload.dict())
    return _after(case)
