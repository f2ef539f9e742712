"""The demo season `make run` loads: published figures reproduced exactly, every rung present at AS_OF in
the demo logins' scope, idempotent, valid identifiers, KASN recommending for the KASN seasons.

The season is loaded once for the module inside a transaction that is rolled back afterwards, so the
other test modules still start from an empty database."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.test import override_settings

from netralitas.audit.verification import verify_chain
from netralitas.cases.models import Case, CaseEvent, DeadlineRule, Evidence
from netralitas.cases.workflow import STAGE_OF_STATUS, Status, transition_for
from netralitas.core.workdays import working_days_left
from netralitas.demo.season import (
    AS_OF,
    CATEGORIES,
    DEMO_AGENCIES,
    DEMO_CENTRAL,
    JAKARTA,
    PILKADA_2024_ASN,
    PILKADA_2024_FIGURES,
    PROVEN,
    load_season,
)
from netralitas.registry.calendar import holiday_dates, seed_holidays
from netralitas.registry.demo_data import REFERENCE_DATE, generate_employees
from netralitas.registry.identifiers import check_nip_nik
from netralitas.registry.masterdata import load_master_data
from netralitas.registry.models import Employee
from netralitas.sanctions.catalog import load_catalogs
from netralitas.sanctions.models import ControlAction, Decision, Recommendation, SanctionType, ViolationType

Kind, State = ControlAction.Kind, ControlAction.State
LOAD: dict[str, float] = {}


@pytest.fixture(scope="module")
def season(
    django_db_setup: None, django_db_blocker: object, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, dict[str, int]]]:
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            started = time.monotonic()
            # A transactional test in the same worker may have flushed the catalogs the migrations load.
            load_catalogs(ViolationType, SanctionType, DeadlineRule)
            load_master_data()
            seed_holidays(range(2019, 2027))
            generate_employees("season")
            LOAD["employees"] = time.monotonic() - started
            counts = load_season()
            LOAD["season"] = time.monotonic() - started - LOAD["employees"]
            print(f"\nseason fixture: master data + employees {LOAD['employees']:.1f}s, ", end="")
            print(f"season {LOAD['season']:.1f}s")
            yield counts
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _asn(cases: QuerySet[Case]) -> int:
    """Distinct reported ASN: identified employees once each, every unidentified report as one."""
    identified = set(cases.exclude(employee__isnull=True).values_list("employee_id", flat=True))
    return len(identified) + cases.filter(employee__isnull=True).count()


def _counted(code: str) -> QuerySet[Case]:
    return Case.objects.filter(election__code=code, merged_into__isnull=True).exclude(status=Status.CANCELLED)


@pytest.mark.django_db
def test_pilkada_2024_reproduces_kemendagri_per_category(season: dict[str, dict[str, int]]) -> None:
    counted = _counted("pilkada-2024")
    for category, statuses in CATEGORIES.items():
        assert _asn(counted.filter(status__in=statuses)) == PILKADA_2024_FIGURES[category], category
    assert _asn(counted) == PILKADA_2024_ASN == 1158
    assert sum(PILKADA_2024_FIGURES.values()) == 1206
    statuses = set(counted.values_list("status", flat=True))
    assert statuses == set().union(*CATEGORIES.values())
    # 1,206 counted reports plus the open duplicates, each about an ASN already counted in its category.
    open_duplicates = counted.count() - 1206
    assert 3 <= open_duplicates <= 20
    twice = Counter(counted.exclude(employee__isnull=True).values_list("employee_id", flat=True))
    assert sum(1 for n in twice.values() if n > 1) == 48 + open_duplicates
    merged = Case.objects.filter(election__code="pilkada-2024", merged_into__isnull=False)
    assert merged.count() == 27 and not merged.exclude(status=Status.CANCELLED).exists()
    assert all(c.employee_id == c.merged_into.employee_id for c in merged.select_related("merged_into"))
    unidentified = counted.filter(employee__isnull=True)
    assert unidentified.exists()
    assert set(unidentified.values_list("status", flat=True)) <= {
        Status.RECEIVED,
        Status.VERIFICATION,
        Status.REJECTED,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "reported", "proven", "sanctioned"),
    [("pemilu-2024", 403, 183, 97), ("pilkada-2020", 2034, 1597, 1450)],
)
def test_kasn_seasons_reproduce_their_figures(
    season: dict[str, dict[str, int]], code: str, reported: int, proven: int, sanctioned: int
) -> None:
    counted = _counted(code)
    assert _asn(counted) == reported == counted.count()
    assert _asn(counted.filter(status__in=PROVEN)) == proven
    assert _asn(counted.filter(status=Status.SANCTIONED)) == sanctioned
    assert Case.objects.filter(election__code=code, merged_into__isnull=False).count() > 0


@pytest.mark.django_db
def test_kasn_seasons_are_recommended_by_kasn_and_closed_in_time(season: dict[str, dict[str, int]]) -> None:
    for code in ("pemilu-2024", "pilkada-2020"):
        sent = Recommendation.objects.filter(case__election__code=code, sent_at__isnull=False)
        assert sent.exists()
        assert set(sent.values_list("sending_agency__code", flat=True)) == {"KASN"}
        assert max(sent.values_list("sent_at", flat=True)) < dt.datetime(2024, 9, 22, tzinfo=dt.UTC)
    pemilu = Case.objects.filter(election__code="pemilu-2024")
    assert max(pemilu.values_list("received_at", flat=True)) < dt.datetime(2024, 2, 6, tzinfo=JAKARTA)
    assert not pemilu.filter(status__in=[Status.RECEIVED, Status.VERIFICATION, Status.REVIEW]).exists()
    blocked = pemilu.filter(control_actions__kind=Kind.BLOCK, control_actions__state=State.DONE)
    assert blocked.filter(status=Status.AWAITING_FOLLOW_UP).exists()
    assert not Case.objects.filter(election__code="pilkada-2020", closed_at__isnull=True).exists()
    later = Recommendation.objects.filter(
        case__election__code="pilkada-2024", sent_at__gte=dt.datetime(2024, 9, 22, tzinfo=JAKARTA)
    )
    assert set(later.values_list("sending_agency__code", flat=True)) == {"BKN"}


def _in(cases: QuerySet[Case], agency: str, province: str) -> QuerySet[Case]:
    scoped = cases.filter(election__code="pilkada-2024", agency__code=agency)
    return scoped.filter(province__code=province) if agency == DEMO_CENTRAL else scoped


def _kinds(case: Case) -> dict[str, str]:
    return dict(case.control_actions.values_list("kind", "state"))


@pytest.mark.django_db
def test_every_ppk_rung_is_visible_at_as_of_for_every_demo_ppk(season: dict[str, dict[str, int]]) -> None:
    holidays = holiday_dates()
    block_after = dt.timedelta(days=settings.BLOCK_AFTER_WARNING_DAYS)
    awaiting = Case.objects.filter(status=Status.AWAITING_FOLLOW_UP).select_related("province")
    for province, agencies in DEMO_AGENCIES.items():
        per_province: Counter[str] = Counter()
        for agency in (*agencies, DEMO_CENTRAL):
            found: Counter[str] = Counter()
            for case in _in(awaiting, agency, province):
                kinds = _kinds(case)
                assert case.deadline_at is not None
                tz = ZoneInfo(case.province.timezone)
                reminded = kinds.get(Kind.REMINDER) == State.DONE and case.deadline_at > AS_OF
                if reminded and 1 <= working_days_left(AS_OF, case.deadline_at, holidays, tz) <= 2:
                    found["reminded"] += 1
                if kinds.get(Kind.WARNING) == State.DUE and case.deadline_at < AS_OF:
                    found["warning_due"] += 1
                if kinds.get(Kind.BLOCK) == State.DUE:
                    warning = case.control_actions.get(kind=Kind.WARNING)
                    assert warning.state == State.DONE and warning.done_at + block_after < AS_OF
                    found["block_due"] += 1
                if kinds.get(Kind.BLOCK) == State.PROPOSED:
                    found["block_proposed"] += 1
                if kinds.get(Kind.BLOCK) == State.DONE and Kind.UNBLOCK not in kinds:
                    assert case.employee is not None and case.employee.siasn_blocked
                    found["blocked"] += 1
            checks = _in(Case.objects.filter(status=Status.DECISION_CHECK), agency, province)
            found["decision_check"] = Decision.objects.filter(
                case__in=checks, checked_at__isnull=True
            ).count()
            for case in _in(Case.objects.filter(status=Status.SANCTIONED), agency, province):
                kinds = _kinds(case)
                if kinds.get(Kind.BLOCK) == State.DONE and kinds.get(Kind.UNBLOCK) == State.DONE:
                    assert case.decision.checked_at is not None and not case.employee.siasn_blocked
                    found["unblocked"] += 1
            rungs = ("reminded", "warning_due", "block_due", "block_proposed", "blocked", "decision_check",
                     "unblocked")  # fmt: skip
            assert all(found[r] >= (1 if agency == DEMO_CENTRAL else 2) for r in rungs), (agency, found)
            per_province.update(found)
        assert all(per_province[r] >= 3 for r in rungs), (province, per_province)


@pytest.mark.django_db
def test_every_early_rung_is_visible_at_as_of_in_both_demo_provinces(
    season: dict[str, dict[str, int]],
) -> None:
    today = AS_OF.date()
    holiday = dt.date(2024, 11, 27)
    for province in DEMO_AGENCIES:
        cases = Case.objects.filter(election__code="pilkada-2024", province__code=province)
        local = [c.received_at.astimezone(AS_OF.tzinfo).date() for c in cases.filter(status=Status.RECEIVED)]
        assert local.count(today) >= 3
        late = cases.filter(status__in=[Status.RECEIVED, Status.VERIFICATION], overdue_since__isnull=False)
        assert late.count() >= 3
        over_holiday = [
            c
            for c in cases.filter(status=Status.REVIEW)
            if c.deadline_at and c.stage_started_at.date() < holiday < c.deadline_at.date()
        ]
        assert len(over_holiday) >= 3
        assert cases.filter(status=Status.PROVEN).count() >= 3
        open_cases = cases.filter(status__in=[Status.RECEIVED, Status.VERIFICATION], employee__isnull=False)
        pairs = Counter(open_cases.values_list("employee_id", "description"))
        assert sum(1 for n in pairs.values() if n > 1) >= 3


@pytest.mark.django_db
def test_histories_replay_and_the_audit_chain_verifies(season: dict[str, dict[str, int]]) -> None:
    assert verify_chain().ok
    events: dict[int, list[CaseEvent]] = {}
    for event in CaseEvent.objects.order_by("at", "id"):
        events.setdefault(event.case_id, []).append(event)
    for case in Case.objects.all():
        status = Status.RECEIVED.value
        for event in events[case.pk][1:]:
            if event.from_status:
                t = transition_for(event.action)
                assert t is not None and event.from_status == status, (case.number, event.action)
                status = t.target
        assert status == case.status
        assert events[case.pk][-1].at <= AS_OF
        if case.status in STAGE_OF_STATUS:
            assert case.deadline_at is not None and case.closed_at is None


@pytest.mark.django_db
def test_employees_staff_every_agency_with_valid_identifiers(season: dict[str, dict[str, int]]) -> None:
    from netralitas.registry.models import Agency

    assert not Agency.objects.filter(employees__isnull=True).exists()
    assert 12_000 <= Employee.objects.count() <= 18_000
    for nip, nik, kind, sex in Employee.objects.values_list("nip", "nik", "kind", "sex"):
        check_nip_nik(nip, nik, kind=kind, sex=sex, today=REFERENCE_DATE)


@pytest.mark.django_db
def test_evidence_files_are_stored_with_their_hash_and_event(season: dict[str, dict[str, int]]) -> None:
    files = Evidence.objects.all()
    assert 100 <= files.count() <= 300
    assert (
        files.filter(content_type="image/png").exists()
        and files.filter(content_type="application/pdf").exists()
    )
    for evidence in files[:25]:
        data = Path(evidence.file.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == evidence.sha256 and len(data) == evidence.size
    assert CaseEvent.objects.filter(action="evidence_added").count() == files.count()


@pytest.mark.django_db
def test_a_second_load_creates_nothing(season: dict[str, dict[str, int]]) -> None:
    before = (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count())
    again = load_season()
    assert {code: counts["created"] for code, counts in again.items()} == dict.fromkeys(again, 0)
    assert (Case.objects.count(), CaseEvent.objects.count(), Evidence.objects.count()) == before


@pytest.mark.django_db
def test_the_deadline_sweep_at_as_of_finds_nothing_left_to_do(season: dict[str, dict[str, int]]) -> None:
    """The histories already hold every overdue mark and ladder rung the sweep would have written."""
    from netralitas.sanctions import control

    open_statuses = set(STAGE_OF_STATUS)
    unmarked = Case.objects.filter(
        status__in=open_statuses, deadline_at__lt=AS_OF, overdue_since__isnull=True
    )
    assert not unmarked.exists()
    with transaction.atomic():
        assert control.escalate(now=AS_OF) == {
            "reminders": 0,
            "warnings_due": 0,
            "blocks_due": 0,
            "conflict_escalations": 0,
        }
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_transfer_rules_end_with_each_pilkada_s_last_stage(season: dict[str, dict[str, int]]) -> None:
    from django.core.management import call_command

    from netralitas.transfers.models import TransferRule

    with transaction.atomic():
        call_command("derive_transfer_rules", stdout=io.StringIO())
        ends = dict(TransferRule.objects.values_list("election__code", "window_end"))
        assert ends == {"pilkada-2020": dt.date(2021, 2, 26), "pilkada-2024": dt.date(2025, 2, 20)}
        transaction.set_rollback(True)


# The season's figures as every interface publishes them (open data, the API, the leadership dashboard),
# each under its documented definition: per Kemendagri group and in total, reported ASN.
KEMENDAGRI = {
    "dalam_verifikasi_kajian": 667,
    "menunggu_ppk": 436,
    "disanksi": 19,
    "tidak_terbukti": 24,
    "ditolak": 60,
}
KASN = {"pemilu-2024": (403, 183, 97), "pilkada-2020": (2034, 1597, 1450)}


def test_open_data_publishes_the_season_s_figures(season: dict[str, dict[str, int]]) -> None:
    from django.test import Client

    http = Client()
    data = http.get("/pemantauan/publik/data.json", {"pemilihan": "pilkada-2024"}).json()
    summary = {row["Kode"]: row for row in data["tables"]["ringkasan"]["rows"]}
    assert {code: summary[code]["ASN terlapor"] for code in KEMENDAGRI} == KEMENDAGRI
    totals = {row["Kode"]: row for row in data["tables"]["jumlah"]["rows"]}
    assert totals["dilaporkan"]["ASN terlapor"] == PILKADA_2024_ASN
    for election, expected in KASN.items():
        data = http.get("/pemantauan/publik/data.json", {"pemilihan": election}).json()
        totals = {row["Kode"]: row for row in data["tables"]["jumlah"]["rows"]}
        assert tuple(totals[c]["ASN terlapor"] for c in ("dilaporkan", "terbukti", "disanksi")) == expected
    csv = http.get("/pemantauan/publik/ringkasan.csv", {"pemilihan": "pilkada-2024"}).content.decode()
    assert "667" in csv and "436" in csv


def test_the_api_and_the_dashboard_state_the_season_s_figures(season: dict[str, dict[str, int]]) -> None:
    from django.test import Client

    from netralitas.accounts.models import Role, RoleAssignment, User
    from netralitas.api.keys import api_client_issue_key
    from netralitas.api.models import ApiClient
    from netralitas.registry.models import Agency

    bkn = Agency.objects.get(code="BKN")
    reader = User.objects.create(username="uji-musim", agency=bkn)
    RoleAssignment.objects.create(user=reader, role=Role.BKN, national=True)
    key = api_client_issue_key(client=ApiClient(name="uji-musim", agency=bkn, user=reader))
    stats = Client().get("/api/v1/statistics", {"election": "pilkada-2024"}, HTTP_X_API_KEY=key).json()
    assert {b["code"]: b["asn"] for b in stats["summary"] if b["code"] in KEMENDAGRI} == KEMENDAGRI
    assert stats["totals_asn"]["dilaporkan"] == PILKADA_2024_ASN
    for election, expected in KASN.items():
        stats = Client().get("/api/v1/statistics", {"election": election}, HTTP_X_API_KEY=key).json()
        assert tuple(stats["totals_asn"][c] for c in ("dilaporkan", "terbukti", "disanksi")) == expected
    leader = (
        User.objects.get(username="kemendagri")
        if User.objects.filter(username="kemendagri").exists()
        else None
    )
    if leader is None:
        leader = User.objects.create(username="pimpinan-uji", agency=Agency.objects.get(code="KEMENDAGRI"))
        RoleAssignment.objects.create(user=leader, role=Role.LEADER, national=True)
    browser = Client()
    browser.force_login(leader)
    page = browser.get("/pemantauan/", {"pemilihan": "pilkada-2024"}).content.decode()
    assert "1.158" in page and "667" in page and "436" in page


@pytest.mark.django_db
def test_due_process_puts_demo_cases_at_every_point_and_loads_once(season: dict[str, dict[str, int]]) -> None:
    """Last in this module (it adds rows): journey 9's points of due process over the season."""
    from netralitas.demo.accounts import ensure_demo_users
    from netralitas.demo.season import AS_OF
    from netralitas.demo.season_hearings import load_due_process
    from netralitas.sanctions.models import Hearing, Remedy

    ensure_demo_users()
    with time_machine.travel(AS_OF, tick=False):
        assert load_due_process(today=AS_OF)["created"] >= 7
        assert load_due_process(today=AS_OF) == {"created": 0}
    states = set(Hearing.objects.values_list("state", flat=True))
    assert states == set(Hearing.State.values)
    assert set(Remedy.objects.values_list("outcome", flat=True)) >= {
        Remedy.Outcome.PENDING,
        Remedy.Outcome.REJECTED,
    }
    assert Hearing.objects.filter(case__agency__code="KAB-16.06").exists()
