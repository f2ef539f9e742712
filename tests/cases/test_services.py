from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.http import Http404

from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from netralitas.cases import queries
from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import (
    CaseError,
    NotAllowed,
    TransitionConflict,
    case_assign,
    case_merge,
    case_transition,
    reporter_identity_read,
)
from netralitas.cases.workflow import Status
from netralitas.core import crypto
from netralitas.registry.calendar import seed_holidays
from netralitas.registry.models import Employee
from tests.cases.helpers import sanction, submit, to_follow_up, to_review
from tests.world import World

pytestmark = pytest.mark.django_db


def test_submission_gets_a_number_a_receipt_and_a_verification_deadline(world: World) -> None:
    with time_machine.travel(dt.datetime(2024, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        case, receipt = submit(world)
    assert case.number == "SBT-2024-000001"
    assert receipt and crypto.receipt_matches(receipt, case.receipt_hash)
    assert receipt not in case.receipt_hash
    assert case.status == Status.RECEIVED
    assert case.province == world.sumsel and case.agency == world.pemkab_muba
    assert case.election_stage is not None and case.election_stage.code == "tenang"
    # 7 calendar days from Monday 25 Nov 2024 (WIB): end of Monday 2 Dec local time.
    assert case.deadline_at is not None
    assert case.deadline_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date() == dt.date(2024, 12, 2)
    assert CaseEvent.objects.filter(case=case, action="submitted").count() == 1


def test_numbers_increase_within_a_year(world: World) -> None:
    first, _ = submit(world)
    second, _ = submit(world)
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_a_retried_submission_with_the_same_key_returns_the_first_case(world: World) -> None:
    first, receipt = submit(world, key="abc-123")
    again, receipt_again = submit(world, key="abc-123")
    assert again.pk == first.pk and receipt and receipt_again is None
    assert Case.objects.count() == 1


def test_reporter_identity_is_encrypted_at_rest_and_each_read_is_audited(world: World) -> None:
    case, _ = submit(world, identity={"name": "Rina", "phone": "0812000111"})
    assert b"Rina" not in bytes(case.reporter_identity.ciphertext)
    identity = reporter_identity_read(
        case=case, actor=world.verifier, reason="Konfirmasi bukti tambahan pelapor"
    )
    assert identity == {"name": "Rina", "phone": "0812000111"}
    event = AuditEvent.objects.filter(action="reporter.identity_read").get()
    assert event.reason == "Konfirmasi bukti tambahan pelapor" and event.actor == world.verifier
    assert "Rina" not in str(event.data)


def test_reading_the_identity_needs_a_reason_and_a_verifier_or_bawaslu_role(world: World) -> None:
    case, _ = submit(world, identity={"name": "Rina"})
    with pytest.raises(CaseError):
        reporter_identity_read(case=case, actor=world.verifier, reason="")
    with pytest.raises(NotAllowed):
        reporter_identity_read(case=case, actor=world.bkn_officer, reason="Ingin tahu siapa pelapornya")
    assert not AuditEvent.objects.filter(action="reporter.identity_read").exists()


def test_full_life_cycle_writes_an_event_and_an_audit_entry_per_step(world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    assert case.status == Status.AWAITING_FOLLOW_UP
    assert case.recommendation.sending_agency == world.bkn
    case = sanction(world, case)
    assert case.status == Status.SANCTIONED and case.closed_at is not None and case.deadline_at is None
    actions = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "submitted",
        "start_verification",
        "forward",
        "conclude_proven",
        "send_recommendation",
        "hearing_summoned",
        "hearing_attended",
        "hearing_minutes",
        "submit_decision",
        "record_sanction",
    ]
    assert AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk)).count() == len(actions)
    assert verify_chain().ok


def test_forwarding_an_unresolved_report_is_refused_until_the_verifier_resolves_the_employee(
    world: World,
) -> None:
    case, _ = submit(world, employee=False)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    with pytest.raises(CaseError, match="NIP"):
        case_transition(case=case, actor=world.verifier, action="forward")
    from netralitas.cases.services import case_resolve_employee

    case = case_resolve_employee(case=case, actor=world.verifier, employee=world.camat)
    case = case_transition(case=case, actor=world.verifier, action="forward")
    assert case.status == Status.REVIEW and case.agency == world.pemkab_muba


def test_a_stale_version_is_a_conflict_not_a_second_transition(world: World) -> None:
    case, _ = submit(world)
    seen_version = case.version
    case_transition(
        case=case, actor=world.verifier, action="start_verification", expected_version=seen_version
    )
    with pytest.raises(TransitionConflict):
        case_transition(
            case=case, actor=world.verifier, action="cancel", reason="duplikat", expected_version=seen_version
        )
    with pytest.raises(TransitionConflict, match="tidak berlaku lagi"):
        case_transition(case=case, actor=world.verifier, action="start_verification")


def test_bawaslu_review_deadline_counts_working_days_around_the_pilkada_holiday(world: World) -> None:
    seed_holidays([2024])
    case, _ = submit(world)
    with time_machine.travel(dt.datetime(2024, 11, 25, 3, tzinfo=dt.UTC), tick=False):  # Monday 10:00 WIB
        case = to_review(world, case)
    # 3 working days after Mon 25 Nov, skipping Wed 27 Nov (voting day): Tue, Thu, Fri -> Fri 29 Nov.
    assert case.deadline_rule is not None and case.deadline_rule.unit == "hari_kerja"
    assert case.deadline_at is not None
    assert case.deadline_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date() == dt.date(2024, 11, 29)


def test_recommending_body_follows_the_calendar_kasn_before_bkn_after(world: World) -> None:
    from netralitas.accounts.models import Role, RoleAssignment, User
    from netralitas.cases.workflow import transition_for

    kasn_officer = User.objects.create_user("kasn", agency=world.kasn)
    RoleAssignment.objects.create(user=kasn_officer, role=Role.BKN, national=True)
    case, _ = submit(world)
    case.status = Status.PROVEN  # only to ask the guard; nothing is saved
    send = transition_for("send_recommendation")
    assert send is not None
    assert queries.may_perform(kasn_officer, case, send, on=dt.date(2024, 9, 1))
    assert not queries.may_perform(kasn_officer, case, send, on=dt.date(2024, 10, 1))
    assert queries.may_perform(world.bkn_officer, case, send, on=dt.date(2024, 10, 1))
    assert not queries.may_perform(world.bkn_officer, case, send, on=dt.date(2024, 9, 1))


def test_ppk_sees_only_recommended_cases_of_its_own_agency(world: World) -> None:
    case, _ = submit(world)
    assert not queries.visible_cases(world.ppk_muba).filter(pk=case.pk).exists()
    case = to_follow_up(world, case)
    assert queries.visible_cases(world.ppk_muba).filter(pk=case.pk).exists()
    assert queries.get_case_for_user(world.ppk_muba, case.code) == case
    with pytest.raises(Http404):
        queries.get_case_for_user(world.ppk_makassar, case.code)


def test_ppk_of_another_agency_cannot_record_a_sanction(world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    from netralitas.sanctions.models import SanctionType
    from netralitas.sanctions.services import decision_record

    with pytest.raises(NotAllowed):
        decision_record(
            case=case,
            actor=world.ppk_makassar,
            decree_number="1/2024",
            decree_date=dt.date(2024, 12, 1),
            sanction_type=SanctionType.objects.get(code="tukin-25-6"),
        )
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_FOLLOW_UP


def test_a_lighter_sanction_than_recommended_is_flagged(world: World) -> None:
    case, _ = submit(world)
    case = sanction(world, to_follow_up(world, case), code="moral-terbuka")
    assert case.decision.is_lighter
    other, _ = submit(world)
    other = sanction(world, to_follow_up(world, other), code="tukin-25-12")
    assert not other.decision.is_lighter


def test_out_of_region_verifier_cannot_see_or_act(world: World) -> None:
    from netralitas.accounts.models import Role, RoleAssignment, User

    outsider = User.objects.create_user("satgas_sulsel", agency=world.bkn)
    RoleAssignment.objects.create(user=outsider, role=Role.VERIFIER).regions.set([world.sulsel])
    case, _ = submit(world)
    with pytest.raises(Http404):
        queries.get_case_for_user(outsider, case.code)
    with pytest.raises(NotAllowed):
        case_transition(case=case, actor=outsider, action="start_verification")


def test_merge_closes_the_duplicate_and_both_timelines_point_at_each_other(world: World) -> None:
    first, _ = submit(world)
    duplicate, _ = submit(world, description="Camat Sekayu mengajak memilih calon bupati di Facebook")
    candidates = queries.duplicate_candidates(first, user=world.verifier)
    assert [c.pk for c, _score in candidates] == [duplicate.pk]
    merged = case_merge(case=duplicate, target=first, actor=world.verifier)
    assert merged.status == Status.CANCELLED and merged.merged_into == first
    assert CaseEvent.objects.filter(case=first, action="merged_from").exists()
    assert CaseEvent.objects.filter(case=duplicate, action="merge").exists()


def test_bulk_assignment_to_a_colleague(world: World) -> None:
    from netralitas.accounts.models import Role, RoleAssignment, User

    colleague = User.objects.create_user("rekan", agency=world.bkn)
    RoleAssignment.objects.create(user=colleague, role=Role.VERIFIER).regions.set([world.sumsel])
    cases = [submit(world)[0] for _ in range(3)]
    assert case_assign(cases=cases, assignee=colleague, actor=world.verifier) == 3
    assert set(Case.objects.filter(assignee=colleague).values_list("pk", flat=True)) == {c.pk for c in cases}
    with pytest.raises(NotAllowed):
        case_assign(cases=cases, assignee=world.analyst, actor=world.verifier)


def test_my_queue_is_sorted_by_deadline_and_holds_only_my_next_steps(world: World) -> None:
    late, _ = submit(world, incident=dt.date(2024, 11, 20))
    early, _ = submit(world)
    Case.objects.filter(pk=early.pk).update(deadline_at=late.deadline_at - dt.timedelta(days=1))
    assert list(queries.my_queue(world.verifier).values_list("pk", flat=True)) == [early.pk, late.pk]
    assert not queries.my_queue(world.analyst).exists()
    assert not queries.my_queue(world.ppk_muba).exists()


def test_national_roles_see_every_case(world: World) -> None:
    case, _ = submit(world)
    assert queries.visible_cases(world.leader).filter(pk=case.pk).exists()
    assert queries.visible_cases(world.bkn_officer).filter(pk=case.pk).exists()


def test_review_deadline_skips_the_idul_fitri_cuti_bersama_block(world: World) -> None:
    seed_holidays([2024])
    case, _ = submit(world, incident=dt.date(2024, 4, 1))
    with time_machine.travel(dt.datetime(2024, 4, 5, 3, tzinfo=dt.UTC), tick=False):  # Friday 10:00 WIB
        case = to_review(world, case)
    # Mon 8, Tue 9 (cuti bersama), Wed 10, Thu 11 (Idul Fitri), Fri 12 (cuti bersama), Mon 15 (cuti bersama):
    # the 3 working days are Tue 16, Wed 17, Thu 18 April.
    assert case.deadline_at is not None
    assert case.deadline_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date() == dt.date(2024, 4, 18)


def test_bkn_queues_a_case_awaiting_its_ppk_only_once_the_asn_has_left_service(world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    assert case.status == Status.AWAITING_FOLLOW_UP
    # Awaiting the PPK is the PPK's work; BKN's only step there (declaring the case moot) needs an ASN
    # who is no longer active, so the case is not in BKN's queue…
    assert not queries.my_queue(world.bkn_officer).filter(pk=case.pk).exists()
    assert queries.my_queue(world.ppk_muba).filter(pk=case.pk).exists()
    # …until the ASN retires.
    Employee.objects.filter(pk=case.employee_id).update(status=Employee.Status.RETIRED)
    assert queries.my_queue(world.bkn_officer).filter(pk=case.pk).exists()
