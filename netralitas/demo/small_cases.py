"""A few hundred demo cases created through the real services, so every event, deadline and audit entry
is what production would write. Open cases are recent (their deadlines run now); closed ones are older.
Idempotent: each demo case carries the idempotency key ``demo-small-<n>`` and is created once."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction

from netralitas.accounts.models import User
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_resolve_employee, case_submit, case_transition
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.demo.season_hearings import hear_in_demo
from netralitas.registry.models import Election, Employee, Region
from netralitas.sanctions import control
from netralitas.sanctions.models import SanctionType, ViolationType
from netralitas.sanctions.services import (
    decision_accept,
    decision_record,
    recommendation_send,
    review_conclude_proven,
)

# Target status → weight (domain.md §8: most reports are proven; PPK follow-up lags).
TARGETS: dict[str, int] = {
    Status.RECEIVED: 9,
    Status.VERIFICATION: 8,
    Status.REVIEW: 6,
    Status.PROVEN: 4,
    Status.AWAITING_FOLLOW_UP: 14,
    Status.SANCTIONED: 28,
    Status.REJECTED: 9,
    Status.CANCELLED: 4,
    Status.NOT_PROVEN: 14,
    Status.MOOT: 4,
}
OPEN = {Status.RECEIVED, Status.VERIFICATION, Status.REVIEW, Status.PROVEN, Status.AWAITING_FOLLOW_UP}
DESCRIPTIONS = [
    "Terlapor mengunggah ajakan memilih pasangan calon di akun Facebook pribadinya.",
    "Terlapor hadir dan berfoto dengan pose jari mendukung pasangan calon pada acara kampanye.",
    "Terlapor membagikan materi kampanye pasangan calon di grup WhatsApp pegawai.",
    "Terlapor memasang spanduk bergambar bakal calon di depan kantor kecamatan.",
    "Terlapor mengumpulkan kepala desa dan meminta dukungan untuk calon bupati.",
    "Terlapor memberikan komentar dan tanda suka pada unggahan tim pemenangan.",
]


def _actors() -> dict[str, User]:
    return {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "satgas_sumsel",
                "bawaslu_sumsel",
                "bkn_pusat",
                "ppk_muba",
                "ppk_palembang",
                "auditor_kanreg7",
            ]
        )
    }


def create_small_cases(count: int = 300, seed: int = 17) -> Counter[str]:
    rng = random.Random(seed)
    actors = _actors()
    election = Election.objects.get(code="pilkada-2024")
    employees = list(
        Employee.objects.filter(agency__code__in=["KAB-16.06", "KOTA-16.71"], status=Employee.Status.ACTIVE)
        .select_related("agency", "agency__region")
        .order_by("nip")[:400]
    )
    if not employees:
        raise RuntimeError("No employees of Musi Banyuasin or Palembang: run generate_employees first.")
    violation_ids = list(ViolationType.objects.values_list("pk", flat=True))
    social = ViolationType.objects.get(code="media-sosial").pk
    sanctions = {s.code: s for s in SanctionType.objects.all()}
    created: Counter[str] = Counter()
    now = clock.now()
    for n in range(count):
        target = rng.choices(list(TARGETS), weights=list(TARGETS.values()))[0]
        key = f"demo-small-{n}"
        if Case.objects.filter(idempotency_key=key).exists():
            continue
        employee = rng.choice(employees)
        start = now - (
            dt.timedelta(days=rng.uniform(0.2, 9))
            if target in OPEN
            else dt.timedelta(days=rng.uniform(40, 300))
        )
        step = (now - start) / 6
        with transaction.atomic():
            unresolved = target in (Status.RECEIVED, Status.VERIFICATION) and rng.random() < 0.3
            region = employee.agency.region or Region.objects.get(code="16")
            case, _, _ = case_submit(
                source=rng.choices([Source.PUBLIC, Source.AGENCY, Source.BAWASLU_FINDING], [80, 12, 8])[0],
                election=election,
                region=region,
                incident_date=(start - dt.timedelta(days=rng.randint(1, 5))).date(),
                description=rng.choice(DESCRIPTIONS),
                employee=None if unresolved else employee,
                reported_name=employee.name if unresolved else "",
                reported_agency=employee.agency,
                violation_type_ids=[social if rng.random() < 0.3 else rng.choice(violation_ids)],
                links=["https://www.facebook.com/permalink/demo"],
                idempotency_key=key,
                now=start,
                reporter_identity={"name": "Pelapor Demo", "phone": "08120000000"}
                if rng.random() < 0.4
                else None,
            )
            _advance(case, target, employee, start, step, actors, sanctions, rng)
        created[target] += 1
    return created


def _advance(
    case: Case,
    target: str,
    employee: Employee,
    start: dt.datetime,
    step: dt.timedelta,
    actors: dict[str, User],
    sanctions: dict[str, SanctionType],
    rng: random.Random,
) -> None:
    verifier, analyst, bkn = actors["satgas_sumsel"], actors["bawaslu_sumsel"], actors["bkn_pusat"]
    ppk = actors["ppk_muba"] if employee.agency.code == "KAB-16.06" else actors["ppk_palembang"]
    at = start
    if target == Status.RECEIVED:
        return
    at += step
    case = case_transition(case=case, actor=verifier, action="start_verification", now=at)
    if target == Status.VERIFICATION:
        return
    if target in (Status.REJECTED, Status.CANCELLED):
        action = "reject" if target == Status.REJECTED else "cancel"
        reason = "Bukti tidak cukup untuk ditindaklanjuti." if action == "reject" else "Ditarik oleh pelapor."
        case_transition(case=case, actor=verifier, action=action, reason=reason, now=at + step)
        return
    if case.employee_id is None:
        case = case_resolve_employee(case=case, actor=verifier, employee=employee)
    at += step
    case = case_transition(case=case, actor=verifier, action="forward", now=at)
    if target == Status.REVIEW:
        return
    at += step
    if target == Status.NOT_PROVEN:
        case_transition(
            case=case,
            actor=analyst,
            action="conclude_not_proven",
            now=at,
            reason="Tidak ditemukan bukti keterlibatan terlapor.",
        )
        return
    codes = ["moral-terbuka", "tukin-25-6", "tukin-25-6", "tukin-25-12", "penurunan-jabatan"]
    fitting = [c for c in codes if sanctions[c].applies_to in (SanctionType.AppliesTo.ALL, employee.kind)]
    sanction = sanctions[rng.choice(fitting)]
    case = review_conclude_proven(
        case=case,
        actor=analyst,
        violation_type_ids=list(case.violation_types.values_list("pk", flat=True)),
        track=sanction.track,
        level=sanction.level,
        sanction_type=sanction,
        now=at,
        rationale="Bukti unggahan dan keterangan saksi menunjukkan keberpihakan terlapor pada masa kampanye.",
    )
    if target == Status.PROVEN:
        return
    at += step
    case = recommendation_send(case=case, actor=bkn, now=at)
    if target == Status.AWAITING_FOLLOW_UP:
        if case.deadline_at and rng.random() < 0.3:
            control.escalate(now=min(case.deadline_at, clock.now()))
        return
    if target == Status.MOOT:
        Employee.objects.filter(pk=employee.pk).update(status=Employee.Status.RETIRED)
        case_transition(
            case=Case.objects.get(pk=case.pk),
            actor=bkn,
            action="mark_moot",
            now=at + step,
            reason="Terlapor telah pensiun sebelum keputusan PPK.",
        )
        return
    at += step
    if sanction.track == "disiplin":  # the ASN is heard before the PPK decides (PP 94/2021, ADR 0024)
        exam = at + dt.timedelta(days=15)
        if exam > clock.now():
            return  # stays with the PPK, to be examined
        hear_in_demo(case, ppk, letter_at=at, exam=exam)
        at = exam + step
    lighter = rng.random() < 0.15
    imposed = sanctions["moral-tertutup"] if lighter else sanction
    decision_record(
        case=case,
        actor=ppk,
        decree_number=f"800/{rng.randint(100, 999)}/BKPSDM/{at:%Y}",
        decree_date=at.date(),
        sanction_type=imposed,
        now=at,
    )
    decision_accept(case=Case.objects.get(pk=case.pk), actor=actors["auditor_kanreg7"], now=at + step)
