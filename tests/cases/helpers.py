from __future__ import annotations

import datetime as dt

from netralitas.accounts.models import User
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_resolve_employee, case_submit, case_transition
from netralitas.core import clock
from netralitas.sanctions import hearings
from netralitas.sanctions.models import Hearing, SanctionType, ViolationType
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


# A one-page PDF, as a scanned BAP would be.
BAP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def examination_time(after: dt.datetime | None = None) -> dt.datetime:
    """09.00 WIB three calendar weeks on: always more than seven working days after the summons."""
    base = (after or clock.now()) + dt.timedelta(days=21)
    return base.replace(hour=2, minute=0, second=0, microsecond=0)


def summon(
    world: World, case: Case, *, after: dt.datetime | None = None, actor: User | None = None
) -> dt.datetime:
    """The superior's (first or second) summons; returns the examination time."""
    at = examination_time(after)
    hearings.hearing_summon(
        case=case,
        actor=actor or world.superior,
        examination_at=at,
        place="Ruang rapat Sekretariat Daerah",
        examiner_names="Sekretaris Daerah Kabupaten Musi Banyuasin",
        now=after,
    )
    return at


def hear(world: World, case: Case, *, appears: bool = True, actor: User | None = None) -> Hearing:
    """Due process before the decree: summoned, appears and the BAP is uploaded; or stays away twice.
    ``actor``: who examines (default the Sekda of Musi Banyuasin; a PPK may act for the superior)."""
    import io

    by = actor or world.superior
    first = summon(world, case, actor=by)
    if appears:
        hearings.hearing_attendance(case=case, actor=by, attended=True, now=first)
        return hearings.hearing_minutes(
            case=case, actor=by, upload=io.BytesIO(BAP_PDF), name="bap.pdf", now=first
        )
    hearings.hearing_attendance(
        case=case, actor=by, attended=False, note="Tidak hadir tanpa alasan.", now=first
    )
    second = summon(world, case, after=first, actor=by)
    return hearings.hearing_attendance(
        case=case, actor=by, attended=False, note="Tidak hadir lagi.", now=second
    )


def submit_decree(world: World, case: Case, code: str = "tukin-25-6") -> Case:
    """The PPK's decree, waiting for the auditor's check (after the ASN was heard)."""
    if not Hearing.objects.filter(case=case).exists():
        hear(world, case, actor=None if case.agency_id == world.pemkab_muba.pk else world.ppk_makassar)
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
