from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from netralitas.cases.models import Case, CaseEvent, CaseNumberSequence, Source
from netralitas.cases.queries import visible_cases
from netralitas.cases.services import case_submit
from netralitas.cases.workflow import FINAL_STATUSES, STAGE_OF_STATUS, Status, transition_for
from netralitas.demo.national_cases import AS_OF, generate_national_cases
from netralitas.registry.models import Agency, Election, ElectionStage, Employee, Region
from netralitas.sanctions.models import ControlAction, Decision, Recommendation
from tests.world import World

COUNT = 300  # enough for every status in realistic proportions
SMALL_COUNT = 60  # enough for the per-case invariants
PROVEN = {Status.PROVEN, Status.AWAITING_FOLLOW_UP, Status.SANCTIONED, Status.MOOT}
ELECTIONS = Path(__file__).resolve().parents[2] / "netralitas" / "registry" / "data" / "elections.json"


def _add_pemilu_and_staff(world: World) -> None:
    """Pemilu 2024 with its real stages, West Java, a central agency and some PNS and PPPK staff."""
    spec = next(e for e in json.loads(ELECTIONS.read_text())["elections"] if e["code"] == "pemilu-2024")
    pemilu = Election.objects.create(
        code="pemilu-2024", name=spec["name"], kind="pemilu", voting_date=dt.date(2024, 2, 14)
    )
    for stage in spec["stages"]:
        ElectionStage.objects.create(
            election=pemilu, code=stage["code"], name=stage["name"], start=stage["start"], end=stage["end"]
        )
    jabar = Region.objects.create(code="32", name="Jawa Barat", level=Region.Level.PROVINCE)
    bandung = Region.objects.create(
        code="32.73", name="Kota Bandung", level=Region.Level.CITY, province=jabar
    )
    agencies = [
        world.pemkab_muba,
        world.pemkot_makassar,
        Agency.objects.create(
            code="KOTA-32.73", name="Pemkot Bandung", kind="kota", region=bandung, ppk_title="Wali Kota"
        ),
        Agency.objects.create(
            code="PROV-16", name="Pemprov Sumsel", kind="provinsi", region=world.sumsel, ppk_title="Gubernur"
        ),
        Agency.objects.create(
            code="KEMENAG", name="Kementerian Agama", kind="pusat", ppk_title="Menteri Agama"
        ),
    ]
    for n in range(40):
        Employee.objects.create(
            nip=f"1980010120050110{n:02d}",
            name=f"Pegawai Demo {n}",
            sex="L",
            birth_date=dt.date(1980, 1, 1),
            kind="PPPK" if n % 5 == 0 else "PNS",
            agency=agencies[n % len(agencies)],
            position="Kepala Seksi",
            position_type="pengawas",
        )


@pytest.fixture
def national_full(world: World) -> dict[str, int]:
    _add_pemilu_and_staff(world)
    return generate_national_cases(count=COUNT, seed=7, stdout=io.StringIO())


@pytest.fixture
def national(world: World) -> dict[str, int]:
    _add_pemilu_and_staff(world)
    return generate_national_cases(count=SMALL_COUNT, seed=7, stdout=io.StringIO())


def test_every_status_is_present_in_realistic_proportions(national_full: dict[str, int]) -> None:
    statuses = Counter(Case.objects.values_list("status", flat=True))
    # The history's decrees are all checked already: none waits in keputusan_diperiksa (journey 4).
    expected = set(Status.values) - {Status.DECISION_CHECK}
    assert set(statuses) == expected and sum(statuses.values()) == COUNT == national_full["created"]
    proven = sum(statuses[s] for s in PROVEN)
    assert 0.6 <= proven / (proven + statuses[Status.NOT_PROVEN]) <= 0.78
    assert 0.55 <= statuses[Status.SANCTIONED] / proven <= 0.9
    waiting = statuses[Status.RECEIVED] + statuses[Status.VERIFICATION] + statuses[Status.AWAITING_FOLLOW_UP]
    assert waiting / COUNT > 0.25  # the backlog the SBT exists to shrink
    elections = Counter(Case.objects.values_list("election__code", flat=True))
    assert elections["pilkada-2024"] > elections["pemilu-2024"] > 0
    social = Case.objects.filter(violation_types__code__in=["media-sosial", "interaksi-medsos"]).distinct()
    assert 0.2 <= social.count() / COUNT <= 0.45
    unresolved = Case.objects.filter(employee__isnull=True)
    assert 0.04 <= unresolved.count() / COUNT <= 0.2
    assert not unresolved.exclude(
        status__in=[Status.RECEIVED, Status.VERIFICATION, Status.REJECTED, Status.CANCELLED]
    ).exists()
    assert all(c.reported_name for c in unresolved)
    sources = Counter(Case.objects.values_list("source", flat=True))
    assert sources[Source.PUBLIC] > sources[Source.AGENCY] > 0 and sources[Source.BAWASLU_FINDING] > 0
    assert Case.objects.filter(status=Status.CANCELLED, merged_into__isnull=False).exists()
    assert Decision.objects.filter(is_lighter=True).exists()
    assert Case.objects.filter(overdue_since__isnull=False).exists()
    kinds = set(ControlAction.objects.values_list("kind", flat=True))
    assert {ControlAction.Kind.REMINDER, ControlAction.Kind.WARNING, ControlAction.Kind.BLOCK} <= kinds
    assert Employee.objects.filter(siasn_blocked=True).exists()


def test_every_history_replays_through_the_transition_table(national: dict[str, int]) -> None:
    events: dict[int, list[CaseEvent]] = {}
    for event in CaseEvent.objects.order_by("at", "id"):
        events.setdefault(event.case_id, []).append(event)
    for case in Case.objects.select_related("election_stage"):
        timeline = events[case.pk]
        first = timeline[0]
        assert (first.action, first.from_status, first.to_status) == ("submitted", "-", Status.RECEIVED)
        assert first.at == case.received_at <= timeline[-1].at <= AS_OF
        status, version = Status.RECEIVED.value, 0
        for event in timeline[1:]:
            if event.action == "employee_resolved":
                version += 1
            if not event.from_status:
                continue
            t = transition_for(event.action)
            assert t is not None and event.from_status == status and status in t.sources
            assert event.to_status == t.target
            status, version = t.target, version + 1
        assert status == case.status and version == case.version
        stage = case.election_stage
        assert stage is not None and stage.start <= case.incident_date <= stage.end
        assert case.incident_date <= case.received_at.date() + dt.timedelta(days=1)


def test_deadline_fields_match_the_status(national: dict[str, int]) -> None:
    for case in Case.objects.all():
        if case.status in FINAL_STATUSES:
            assert case.closed_at is not None and case.deadline_at is None and case.overdue_since is None
            assert case.stage_started_at == case.closed_at
        else:
            assert case.closed_at is None and case.deadline_at is not None and case.deadline_rule is not None
            assert case.deadline_rule.stage == STAGE_OF_STATUS[case.status].value
            if case.deadline_at < AS_OF - dt.timedelta(minutes=20):  # the sweep has run since
                assert case.overdue_since is not None
            elif case.deadline_at >= AS_OF:
                assert case.overdue_since is None
            if case.overdue_since is not None:
                assert case.deadline_at < case.overdue_since <= AS_OF


def test_audit_chain_holds_one_entry_per_case_event_and_verifies(national: dict[str, int]) -> None:
    assert verify_chain().ok
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().startswith("OK")
    audits = AuditEvent.objects.filter(target_type="cases.case")
    assert audits.count() == CaseEvent.objects.count() == national["events"]
    event = CaseEvent.objects.filter(action="forward").select_related("case").first()
    assert event is not None
    audit = audits.get(data__event_id=event.pk)
    assert audit.action == "case.forward" and audit.target_id == str(event.case_id)
    assert audit.data == {
        "number": event.case.number,
        "from": "verifikasi",
        "to": "kajian_bawaslu",
        "event_id": event.pk,
    }
    assert audit.actor_id == event.actor_id and audit.actor_label == event.actor_label


def test_a_second_run_with_the_same_seed_creates_nothing(national: dict[str, int]) -> None:
    before = (Case.objects.count(), CaseEvent.objects.count(), AuditEvent.objects.count())
    again = generate_national_cases(count=SMALL_COUNT, seed=7, stdout=io.StringIO())
    assert again["created"] == 0
    assert (Case.objects.count(), CaseEvent.objects.count(), AuditEvent.objects.count()) == before


def test_recommendation_exists_iff_proven_and_decision_iff_sanctioned(national: dict[str, int]) -> None:
    with_rec = set(Recommendation.objects.values_list("case_id", flat=True))
    assert with_rec == set(Case.objects.filter(status__in=PROVEN).values_list("pk", flat=True))
    sent = Recommendation.objects.filter(sent_at__isnull=False).values_list("case_id", flat=True)
    assert set(sent) == set(
        Case.objects.filter(status__in=PROVEN - {Status.PROVEN}).values_list("pk", flat=True)
    )
    decided = set(Decision.objects.values_list("case_id", flat=True))
    assert decided == set(Case.objects.filter(status=Status.SANCTIONED).values_list("pk", flat=True))
    for decision in Decision.objects.select_related("case__recommendation__sanction_type", "sanction_type"):
        recommended = decision.case.recommendation.sanction_type
        assert decision.is_lighter == (decision.sanction_type.severity < recommended.severity)
        assert decision.case.incident_date <= decision.decree_date
    moot = Employee.objects.filter(cases__status=Status.MOOT).distinct()
    assert not moot.filter(status=Employee.Status.ACTIVE).exists()
    for case in Case.objects.filter(status=Status.CANCELLED, merged_into__isnull=False):
        assert case.events.filter(action="merge").exists()
        assert case.merged_into is not None and case.merged_into.events.filter(action="merged_from").exists()


def test_later_cases_filed_through_the_services_get_fresh_numbers(
    national: dict[str, int], world: World
) -> None:
    year = dt.date.today().year
    top = {n.rsplit("-", 1)[1] for n in Case.objects.values_list("number", flat=True)}
    assert min(top) >= "100001"
    for seq in CaseNumberSequence.objects.all():
        assert Case.objects.filter(number=f"SBT-{seq.year}-{seq.last:06d}").exists() or seq.year == year
    case, _, _ = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.muba,
        incident_date=dt.date(2024, 11, 20),
        description="Kasus baru",
        employee=world.camat,
    )
    assert Case.objects.filter(number=case.number).count() == 1


def test_a_ppk_sees_only_its_agencys_recommended_cases(national: dict[str, int], world: World) -> None:
    visible = visible_cases(world.ppk_muba)
    assert visible.exists()
    assert set(visible.values_list("agency_id", flat=True)) == {world.pemkab_muba.pk}
    assert set(visible.values_list("status", flat=True)) <= {
        Status.AWAITING_FOLLOW_UP,
        Status.SANCTIONED,
        Status.MOOT,
    }
    all_followed = Case.objects.filter(
        agency=world.pemkab_muba, status__in=[Status.AWAITING_FOLLOW_UP, Status.SANCTIONED, Status.MOOT]
    )
    assert visible.count() == all_followed.count()
    per_status = dict(visible.values_list("status").annotate(n=Count("pk")))
    assert sum(per_status.values()) == visible.count()
