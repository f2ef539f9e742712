"""Employees by NIP, catalogs, statistics and reconciliation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, UploadedFile

from netralitas.cases.models import DeadlineRule
from netralitas.cases.queries import visible_cases
from netralitas.registry.identifiers import nip_only_problem, normalize_digits
from netralitas.registry.models import Agency, Election, Region
from netralitas.sanctions.models import SanctionType, ViolationType

from .auth import audit_read, client_of, require_read
from .media import MULTIPART, accepts
from .problems import InvalidInput, field_error, responses
from .queries import employee_for_user, employee_out, statistics
from .reconcile import ReconcileFileError, reconcile
from .schemas import (
    AgencyOut,
    DeadlineRuleOut,
    ElectionOut,
    EmployeeOut,
    ReconciliationOut,
    RegionOut,
    SanctionTypeOut,
    Statistics,
    ViolationTypeOut,
)

router = Router()
router.add_decorator(accepts(MULTIPART), mode="view")
READ = responses(401, 403, 422, 429)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@router.get(
    "/employees/{nip}",
    response={200: EmployeeOut, **responses(401, 403, 404, 422, 429)},
    tags=["pegawai / employees"],
    summary="Look up an ASN by NIP (minimal fields)",
)
def employee(request: HttpRequest, nip: str) -> dict[str, Any]:
    """A malformed NIP is explained (422, the importer's words) before any look-up, never "not found"."""
    client = client_of(request)
    if problem := nip_only_problem(nip):
        raise InvalidInput(
            [field_error("path.nip", "invalid_nip", problem, f"Not a valid NIP (18 digits): {problem}")]
        )
    return employee_out(employee_for_user(client.user, normalize_digits(nip)))


@router.get(
    "/catalogs/violation-types", response={200: list[ViolationTypeOut], **READ}, tags=["katalog / catalogs"]
)
def violation_types(request: HttpRequest) -> Any:
    return ViolationType.objects.filter(active=True)


@router.get(
    "/catalogs/sanction-types", response={200: list[SanctionTypeOut], **READ}, tags=["katalog / catalogs"]
)
def sanction_types(request: HttpRequest) -> Any:
    return SanctionType.objects.filter(active=True)


@router.get(
    "/catalogs/deadline-rules", response={200: list[DeadlineRuleOut], **READ}, tags=["katalog / catalogs"]
)
def deadline_rules(request: HttpRequest) -> Any:
    return DeadlineRule.objects.all()


@router.get("/catalogs/regions", response={200: list[RegionOut], **READ}, tags=["katalog / catalogs"])
def regions(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "province": r.province.code if r.province else None,
            "timezone": r.timezone,
        }
        for r in Region.objects.select_related("province")
    ]


@router.get("/catalogs/agencies", response={200: list[AgencyOut], **READ}, tags=["katalog / catalogs"])
def agencies(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"code": a.code, "name": a.name, "kind": a.kind, "region": a.region.code if a.region else None}
        for a in Agency.objects.select_related("region")
    ]


@router.get("/catalogs/elections", response={200: list[ElectionOut], **READ}, tags=["katalog / catalogs"])
def elections(request: HttpRequest) -> Any:
    return Election.objects.all()


@router.get(
    "/statistics",
    response={200: Statistics, **responses(401, 403, 404, 422, 429)},
    tags=["statistik / statistics"],
    summary="Counts by the published buckets, over the client's scope",
)
def stats(request: HttpRequest, election: str | None = Query(default=None, max_length=40)) -> dict[str, Any]:
    return statistics(client_of(request).user, election)


@router.post(
    "/reconciliations",
    response={200: ReconciliationOut, **responses(400, 401, 403, 413, 415, 422, 429)},
    tags=["rekonsiliasi / reconciliation"],
    summary="Compare an agency's CSV export with our cases",
)
def reconciliation(
    request: HttpRequest,
    agency: str = Form(..., max_length=16),
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja's parameter marker
) -> dict[str, Any]:
    client = client_of(request)
    require_read(client)
    if not Agency.objects.filter(code=agency).exists():
        raise InvalidInput(
            [
                field_error(
                    "form.agency",
                    "unknown",
                    f"Instansi “{agency}” tidak dikenal; lihat /api/v1/catalogs/agencies.",
                    f"Unknown agency “{agency}”; see /api/v1/catalogs/agencies.",
                )
            ]
        )
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            [
                field_error(
                    "form.file",
                    "too_large",
                    "Berkas maksimal 5 MB; pecah menjadi beberapa berkas.",
                    "The file may be at most 5 MB; split it.",
                )
            ]
        )
    try:
        report = reconcile(agency, visible_cases(client.user).filter(agency__code=agency), file.read())
    except ReconcileFileError as exc:
        raise InvalidInput([field_error("form.file", exc.code, str(exc), exc.detail_en)]) from None
    audit_read(request, client)
    return report
