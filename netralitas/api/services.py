"""Writes through the API: each resolves codes to objects, then calls the same service as the UI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from netralitas.accounts.models import Role
from netralitas.cases.intake_rules import incident_date_problem
from netralitas.cases.models import Case
from netralitas.cases.queries import user_scope
from netralitas.cases.services import (
    CaseError,
    NotAllowed,
    TransitionConflict,
    case_resolve_employee,
    case_submit,
    case_transition,
)
from netralitas.core import clock
from netralitas.registry.models import Employee
from netralitas.registry.queries import employee_by_nip
from netralitas.registry.reference import agency_by_code, election_by_code, region_by_code
from netralitas.sanctions import control
from netralitas.sanctions.models import SanctionType
from netralitas.sanctions.reference import active_violation_ids
from netralitas.sanctions.services import (
    decision_accept,
    decision_record,
    decision_return,
    recommendation_send,
    review_conclude_proven,
)

from .models import ApiClient
from .problems import ApiProblem, InvalidInput, field_error

IDEMPOTENCY_HEADER = "Idempotency-Key"


def _unknown(field: str, what: str, what_en: str, value: str) -> dict[str, str]:
    return field_error(
        field,
        "unknown",
        f"{what} “{value}” tidak dikenal; lihat /api/v1/catalogs.",
        f"Unknown {what_en} “{value}”; see /api/v1/catalogs.",
    )


def refused(exc: CaseError) -> ApiProblem:
    """A service's refusal as problem details: 403 not allowed, 409 conflict, 422 business rule."""
    if isinstance(exc, NotAllowed):
        return ApiProblem(
            403, "forbidden", "Tidak berwenang", str(exc), "This client may not perform the action."
        )
    if isinstance(exc, TransitionConflict):
        return ApiProblem(
            409,
            "conflict",
            "Konflik",
            str(exc),
            "The case changed or is not in a state where this action applies; fetch it again.",
        )
    return ApiProblem(
        422,
        "rule",
        "Ditolak oleh aturan",
        str(exc),
        "A business rule refused the action; see detail (Indonesian).",
    )


def _violation_ids(codes: list[str], field: str, errors: list[dict[str, str]]) -> list[int]:
    found = active_violation_ids()
    for i, code in enumerate(codes):
        if code not in found:
            errors.append(_unknown(f"{field}.{i}", "Jenis pelanggaran", "violation type", code))
    return [found[c] for c in codes if c in found]


def _sanction(code: str, field: str, errors: list[dict[str, str]]) -> SanctionType | None:
    sanction = SanctionType.objects.filter(code=code).first()
    if sanction is None:
        errors.append(_unknown(field, "Jenis sanksi", "sanction type", code))
    return sanction


def _request_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _submitted(case: Case) -> dict[str, Any]:
    return {
        "code": case.code,
        "number": case.number,
        "status": "diterima",
        "received_at": case.received_at.isoformat(),
        "url": f"/api/v1/cases/{case.code}",
    }


def _check_key(key: str) -> None:
    if not (1 <= len(key) <= 64) or not key.isascii() or not key.isprintable():
        raise InvalidInput(
            [
                field_error(
                    f"header.{IDEMPOTENCY_HEADER}",
                    "invalid",
                    "Idempotency-Key harus 1-64 karakter ASCII yang tercetak (mis. UUID).",
                    "Idempotency-Key must be 1-64 printable ASCII characters (e.g. a UUID).",
                )
            ]
        )


def _resolve_submission(client: ApiClient, data: dict[str, Any]) -> dict[str, Any]:
    errors: list[dict[str, str]] = []
    if data["source"] == "temuan_bawaslu" and not user_scope(client.user).has_role(Role.BAWASLU):
        raise ApiProblem(
            403,
            "forbidden",
            "Tidak berwenang",
            "Hanya klien Bawaslu yang dapat mengirim temuan Bawaslu; gunakan sumber “instansi”.",
            "Only a Bawaslu client may submit a Bawaslu finding; use source “instansi”.",
        )
    election = election_by_code(data["election"])
    if election is None:
        errors.append(_unknown("body.election", "Pemilihan", "election", data["election"]))
    region = region_by_code(data["region"])
    if region is None:
        errors.append(_unknown("body.region", "Wilayah", "region", data["region"]))
    employee = None
    if data.get("employee_nip"):
        employee = employee_by_nip(data["employee_nip"])
        if employee is None:
            errors.append(
                field_error(
                    "body.employee_nip",
                    "unknown",
                    f"NIP {data['employee_nip']} tidak ada di data ASN; "
                    "periksa angkanya atau kosongkan dan isi nama terlapor.",
                    f"NIP {data['employee_nip']} is not in the ASN records; "
                    "check it or leave it empty and give the name.",
                )
            )
    agency = None
    if data.get("reported_agency"):
        agency = agency_by_code(data["reported_agency"])
        if agency is None:
            errors.append(_unknown("body.reported_agency", "Instansi", "agency", data["reported_agency"]))
    date_problem = incident_date_problem(data["incident_date"], election)
    if date_problem:
        errors.append(
            field_error(
                "body.incident_date",
                "out_of_range",
                date_problem.in_language("id"),
                date_problem.in_language("en"),
            )
        )
    if not data.get("employee_nip") and not (
        data.get("reported_name", "").strip() or data.get("reported_description", "").strip()
    ):
        errors.append(
            field_error(
                "body.reported_name",
                "required",
                "Sebutkan terlapor: isi employee_nip, atau reported_name/reported_description.",
                "Identify the reported person: give employee_nip, or reported_name/reported_description.",
            )
        )
    for i, link in enumerate(data.get("links", [])):
        if not (link.startswith("https://") or link.startswith("http://")) or len(link) > 500:
            errors.append(
                field_error(
                    f"body.links.{i}",
                    "invalid_url",
                    "Tautan harus diawali http:// atau https:// dan maksimal 500 karakter.",
                    "A link must start with http:// or https:// and be at most 500 characters.",
                )
            )
    violation_ids = _violation_ids(data.get("violation_types", []), "body.violation_types", errors)
    if errors:
        raise InvalidInput(errors)
    return {
        "election": election,
        "region": region,
        "employee": employee,
        "reported_agency": agency,
        "violation_type_ids": violation_ids,
    }


def api_case_submit(
    *, client: ApiClient, data: dict[str, Any], idempotency_key: str | None
) -> tuple[int, dict[str, Any]]:
    """Files a report or a Bawaslu finding; with an Idempotency-Key a retry gets the first answer back.

    The key and a digest of the body are stored on the case itself, in the case's own transaction: a retry
    finds the case through the unique key (no look-up on a first request), gets the answer rebuilt from
    the case (its fields never change), and a reuse of the key with another body gets 409."""
    request_hash = ""  # only a submission with a key is ever compared with a retry
    if idempotency_key is not None:
        _check_key(idempotency_key)
        request_hash = _request_hash(data)
    resolved = _resolve_submission(client, data)
    try:
        case, _receipt, created = case_submit(
            source=data["source"],
            incident_date=data["incident_date"],
            description=data["description"],
            reported_name=data.get("reported_name", ""),
            reported_position=data.get("reported_position", ""),
            reported_description=data.get("reported_description", ""),
            links=data.get("links", []),
            reporter_user=client.user,
            idempotency_key=f"api:{client.pk}:{idempotency_key}" if idempotency_key else None,
            idempotency_hash=request_hash,
            **resolved,
        )
    except CaseError as exc:
        raise refused(exc) from None
    if not created and case.idempotency_hash and case.idempotency_hash != request_hash:
        raise ApiProblem(
            409,
            "idempotency-conflict",
            "Idempotency-Key sudah dipakai",
            "Idempotency-Key ini sudah dipakai untuk permintaan dengan isi lain; gunakan kunci baru.",
            "This Idempotency-Key was used for a request with a different body; use a new key.",
        )
    return 201, _submitted(case)


def _perform(call: Callable[[], Any]) -> None:
    try:
        call()
    except CaseError as exc:
        raise refused(exc) from None


def api_case_transition(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    _perform(
        lambda: case_transition(
            case=case,
            actor=client.user,
            action=data["action"],
            expected_version=data.get("expected_version"),
            reason=data.get("reason", ""),
            note=data.get("note", ""),
        )
    )


def api_case_resolve_employee(*, client: ApiClient, case: Case, nip: str, note: str) -> None:
    employee = Employee.objects.select_related("agency").filter(nip=nip).first()
    if employee is None:
        raise InvalidInput(
            [
                field_error(
                    "body.nip",
                    "unknown",
                    f"NIP {nip} tidak ada di data ASN; periksa angkanya.",
                    f"NIP {nip} is not in the ASN records; check the digits.",
                )
            ]
        )
    _perform(lambda: case_resolve_employee(case=case, actor=client.user, employee=employee, note=note))


def api_review_conclude(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    errors: list[dict[str, str]] = []
    violation_ids = _violation_ids(data["violation_types"], "body.violation_types", errors)
    sanction = _sanction(data["sanction_type"], "body.sanction_type", errors)
    if errors or sanction is None:
        raise InvalidInput(errors)
    _perform(
        lambda: review_conclude_proven(
            case=case,
            actor=client.user,
            violation_type_ids=violation_ids,
            track=data["track"],
            level=data["level"],
            sanction_type=sanction,
            rationale=data["rationale"],
            expected_version=data.get("expected_version"),
        )
    )


def api_recommendation_send(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    _perform(
        lambda: recommendation_send(
            case=case,
            actor=client.user,
            letter_number=data.get("letter_number", ""),
            expected_version=data.get("expected_version"),
        )
    )


def api_decision_record(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    errors: list[dict[str, str]] = []
    sanction = _sanction(data["sanction_type"], "body.sanction_type", errors)
    decree_date: dt.date = data["decree_date"]
    if decree_date > clock.localdate():
        errors.append(
            field_error(
                "body.decree_date",
                "future",
                "Tanggal keputusan tidak boleh di masa depan.",
                "The decree date cannot be in the future.",
            )
        )
    if errors or sanction is None:
        raise InvalidInput(errors)
    _perform(
        lambda: decision_record(
            case=case,
            actor=client.user,
            decree_number=data["decree_number"],
            decree_date=decree_date,
            sanction_type=sanction,
            expected_version=data.get("expected_version"),
        )
    )


def api_decision_check(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    """Accept or return the PPK's decree; the role and scope checks are the services' own."""
    reason = " ".join(data.get("reason", "").split())
    if data["outcome"] == "return" and not reason:
        raise InvalidInput(
            [
                field_error(
                    "body.reason",
                    "required",
                    "Alasan pengembalian wajib diisi.",
                    "A reason is required to return the decree.",
                )
            ]
        )
    if data["outcome"] == "accept":
        _perform(
            lambda: decision_accept(
                case=case,
                actor=client.user,
                note=data.get("note", "").strip(),
                expected_version=data.get("expected_version"),
            )
        )
        return
    _perform(
        lambda: decision_return(
            case=case, actor=client.user, reason=reason, expected_version=data.get("expected_version")
        )
    )


def api_control(*, client: ApiClient, case: Case, data: dict[str, Any]) -> None:
    user, number, note = client.user, data.get("number", ""), data.get("note", "")
    calls: dict[str, Callable[[], Any]] = {
        "warning": lambda: control.warning_issue(case=case, actor=user, number=number),
        "block_propose": lambda: control.block_propose(case=case, actor=user, note=note),
        "block_approve": lambda: control.block_approve(case=case, actor=user),
        "ppk_report": lambda: control.ppk_report_issue(case=case, actor=user, number=number),
        "unblock": lambda: control.unblock(case=case, actor=user, note=note),
    }
    _perform(calls[data["action"]])
