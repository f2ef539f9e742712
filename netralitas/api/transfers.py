"""Transfer and appointment decisions through the API (BKN's I-Mut and the regions' own systems).

A batch of up to 500 decisions is checked as a whole first: every unknown NIP or agency is reported with
its path (``body.decisions.3.nip``) in Bahasa Indonesia and English, and nothing is recorded until all are
right, as with an uploaded sheet. Recording goes through ``transfers.services.transfer_record``, the same
service as the upload; a decree already recorded for an official is returned as it is, so a retry of the
whole batch is harmless.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from netralitas.cases.queries import visible_cases
from netralitas.registry.models import Agency, Employee
from netralitas.transfers.queries import may_import
from netralitas.transfers.services import TransferError, transfer_record

from .models import ApiClient
from .problems import ApiProblem, InvalidInput, field_error


def _check(client: ApiClient, items: list[dict[str, Any]]) -> tuple[dict[str, Employee], dict[str, Agency]]:
    if not may_import(client.user):
        raise ApiProblem(
            403,
            "forbidden",
            "Tidak berwenang",
            "Hanya klien Satgas Netralitas, BKN atau admin yang dapat mencatat keputusan mutasi.",
            "Only a Satgas, BKN or administrator client may record transfer decisions.",
        )
    employees = {e.nip: e for e in Employee.objects.filter(nip__in={i["nip"] for i in items})}
    agencies = {a.code: a for a in Agency.objects.filter(code__in={i["deciding_agency"] for i in items})}
    errors: list[dict[str, str]] = []
    for n, item in enumerate(items):
        where = f"body.decisions.{n}"
        if item["nip"] not in employees:
            errors.append(
                field_error(
                    f"{where}.nip",
                    "unknown",
                    f"NIP {item['nip']} tidak ada di data ASN.",
                    f"NIP {item['nip']} is not in the ASN records.",
                )
            )
        agency = agencies.get(item["deciding_agency"])
        if agency is None:
            errors.append(
                field_error(
                    f"{where}.deciding_agency",
                    "unknown",
                    f"Instansi “{item['deciding_agency']}” tidak dikenal; lihat /api/v1/catalogs/agencies.",
                    f"Unknown agency “{item['deciding_agency']}”; see /api/v1/catalogs/agencies.",
                )
            )
        elif agency.region_id is None:
            errors.append(
                field_error(
                    f"{where}.deciding_agency",
                    "not_regional",
                    "Penetap harus pemerintah daerah, bukan instansi pusat.",
                    "The deciding body must be a regional government, not a central agency.",
                )
            )
    if errors:
        raise InvalidInput(errors)
    return employees, agencies


def api_transfers_record(*, client: ApiClient, items: list[dict[str, Any]]) -> dict[str, Any]:
    employees, agencies = _check(client, items)
    out: list[dict[str, Any]] = []
    try:
        with transaction.atomic():
            for item in items:
                decision, created = transfer_record(
                    employee=employees[item["nip"]],
                    decision_number=item["decision_number"],
                    decision_date=item["decision_date"],
                    deciding_agency=agencies[item["deciding_agency"]],
                    to_position=item["to_position"],
                    from_position=item["from_position"],
                    from_level=item["from_level"],
                    to_level=item["to_level"],
                    approval_reference=item["approval_reference"],
                    actor=client.user,
                )
                out.append({"decision": decision, "nip": item["nip"], "created": created})
    except TransferError as exc:
        raise ApiProblem(422, "rule", "Ditolak oleh aturan", str(exc), "A rule refused a decision.") from None
    case_ids = {d["decision"].case_id for d in out if d["decision"].case_id}
    visible = dict(visible_cases(client.user).filter(pk__in=case_ids).values_list("pk", "code"))
    decisions = [
        {
            "code": d["decision"].code,
            "nip": d["nip"],
            "decision_number": d["decision"].decision_number,
            "created": d["created"],
            "flagged": d["decision"].flagged,
            "case": visible.get(d["decision"].case_id),
        }
        for d in out
    ]
    return {
        "created": sum(d["created"] for d in decisions),
        "existing": sum(not d["created"] for d in decisions),
        "flagged": sum(d["flagged"] and d["created"] for d in decisions),
        "decisions": decisions,
    }
