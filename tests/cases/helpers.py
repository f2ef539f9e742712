from __future__ import annotations

import datetime as dt

from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_resolve_employee, case_submit, case_transition
from netralitas.sanctions.models import SanctionType, ViolationType
from netralitas.sanctions.services import (
    decision_accept,
    decision_record,
    recommendation_send,
    review_conclude_proven,
)
from tests.world import World


def submit(
    world: World,
    *,
    employee: bool = True,
    identity: dict[str, str] | None = None,
    description: str = "Camat mengajak warga memilih calon bupati lewat Facebook.",
    key: str | None = None,
    incident: dt.date = dt.date(2024, 11, 24),
) -> tuple[Case, str | None]:
    case, receipt, _ = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.muba,
        incident_date=incident,
        description=description,
        employee=world.camat if employee else None,
        reported_name="" if employee else "Budi, camat Sekayu",
        reported_agency=world.pemkab_muba,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
        links=["https://facebook.com/post/1"],
        reporter_identity=identity,
        idempotency_key=key,
    )
    return case, receipt


def to_review(world: World, case: Case) -> Case:
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    if case.employee_id is None:
        case = case_resolve_employee(case=case, actor=world.verifier, employee=world.camat)
    return case_transition(case=case, actor=world.verifier, action="forward")


def to_follow_up(world: World, case: Case) -> Case:
    case = to_review(world, case)
    case = review_conclude_proven(
        case=case,
        actor=world.analyst,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
        track="disiplin",
        level="sedang",
        sanction_type=SanctionType.objects.get(code="tukin-25-6"),
        rationale="Unggahan ajakan memilih terbukti dibuat oleh terlapor pada masa kampanye.",
    )
    return recommendation_send(case=case, actor=world.bkn_officer)


def submit_decree(world: World, case: Case, code: str = "tukin-25-6") -> Case:
    """The PPK's decree, waiting for the auditor's check."""
    return decision_record(
        case=case,
        actor=world.ppk_muba,
        decree_number="800/123/BKPSDM/2024",
        decree_date=dt.date(2024, 12, 2),
        sanction_type=SanctionType.objects.get(code=code),
    )


def sanction(world: World, case: Case, code: str = "tukin-25-6") -> Case:
    """The PPK's decree, accepted by the auditor: the case closes as sanctioned."""
    return decision_accept(case=submit_decree(world, case, code), actor=world.auditor)
