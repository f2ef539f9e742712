"""Journey 10 as workflow: the Bupati is on the ballot. The Plt holds the PPK office during the campaign
and the letters name him; the case is reminded earlier and escalated to BKN and Kemendagri, never shown
to the regency's PPK."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from netralitas.accounts.models import Role
from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.queries import my_queue
from netralitas.cases.services import CaseError, NotAllowed
from netralitas.registry.holders import conflicted_agency_ids, ppk_conflict, ppk_holder_on, ppk_on
from netralitas.registry.models import Candidate, PpkHolder
from netralitas.sanctions import conflict, control
from netralitas.sanctions.models import ConflictEscalation, ControlAction, Recommendation
from tests.cases.helpers import submit, to_follow_up
from tests.sanctions.test_letters import _text
from tests.world import World, _user

pytestmark = pytest.mark.django_db
CAMPAIGN = (dt.date(2024, 9, 25), dt.date(2024, 11, 23))
SENT = dt.datetime(2024, 10, 14, 3, 0, tzinfo=dt.UTC)  # Monday 14 Oct 2024, 10.00 WIB, in the campaign


def _holders(world: World) -> tuple[PpkHolder, PpkHolder]:
    bupati = PpkHolder.objects.create(
        agency=world.pemkab_muba, kind=PpkHolder.Kind.DEFINITIVE, name="H. Dodi Reza", nik="1606011203750001",
        valid_from=dt.date(2021, 2, 26),
    )  # fmt: skip
    plt = PpkHolder.objects.create(
        agency=world.pemkab_muba, kind=PpkHolder.Kind.ACTING, name="Drs. Apriyadi, M.Si.",
        position="Sekretaris Daerah", email="plt.bupati@example.go.id",
        valid_from=CAMPAIGN[0], valid_until=CAMPAIGN[1],
    )  # fmt: skip
    return bupati, plt


def _running(world: World, incumbent: str = Candidate.Incumbency.HEAD, **extra: str) -> Candidate:
    world.pilkada.regions.add(world.muba)
    return Candidate.objects.create(
        election=world.pilkada, region=world.muba, ticket_number=1, position=Candidate.Position.HEAD,
        name="H. Dodi Reza", incumbent=incumbent, **extra,
    )  # fmt: skip


def _kemendagri(world: World):  # type: ignore[no-untyped-def]
    from netralitas.registry.models import Agency

    agency = Agency.objects.create(
        code="KEMENDAGRI", name="Kementerian Dalam Negeri", kind=Agency.Kind.CENTRAL, ppk_title="Menteri",
        is_oversight_body=True,
    )  # fmt: skip
    return _user("kemendagri", agency, Role.LEADER, national=True)


def _sent(world: World) -> Case:
    with time_machine.travel(SENT, tick=False):
        case, _ = submit(world, incident=dt.date(2024, 10, 7))
        return to_follow_up(world, case)


def test_the_plt_holds_the_office_during_the_campaign_and_the_definitive_head_otherwise(world: World) -> None:
    bupati, plt = _holders(world)
    assert ppk_holder_on(world.pemkab_muba, dt.date(2024, 9, 24)) == bupati
    assert ppk_holder_on(world.pemkab_muba, dt.date(2024, 10, 14)) == plt
    assert ppk_holder_on(world.pemkab_muba, dt.date(2024, 11, 24)) == bupati
    today = ppk_on(world.pemkab_muba, dt.date(2024, 10, 14))
    assert (today.title, today.name, today.acting) == ("Plt. PPK Pemerintah Kabupaten Musi Banyuasin",
                                                       "Drs. Apriyadi, M.Si.", True)  # fmt: skip
    # No holder recorded: the agency's own PPK title, as before.
    assert ppk_on(world.pemkot_makassar, dt.date(2024, 10, 14)).holder is None


def test_the_recommendation_letter_names_the_plt_as_addressee(world: World) -> None:
    _holders(world)
    case = _sent(world)
    letter = Recommendation.objects.get(case=case).letter
    assert letter is not None
    assert letter.addressee == "Plt. PPK Pemerintah Kabupaten Musi Banyuasin"
    assert "Plt. PPK Pemerintah Kabupaten Musi Banyuasin Drs. Apriyadi, M.Si. selaku Pejabat" in _text(letter)


def test_a_reminder_goes_to_the_plt_too(world: World, django_capture_on_commit_callbacks) -> None:
    _holders(world)
    case = _sent(world)
    assert case.deadline_at is not None
    near = case.deadline_at - dt.timedelta(days=1)
    with time_machine.travel(near, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert control.escalate(now=near)["reminders"] == 1
    reminder = ControlAction.objects.get(case=case, kind=ControlAction.Kind.REMINDER).letter
    assert reminder is not None and "Drs. Apriyadi" in _text(reminder)
    assert sorted(mail.outbox[0].to) == ["plt.bupati@example.go.id", "ppk_muba@example.go.id"]
    assert mail.outbox[0].body.startswith("Kepada Plt. PPK Pemerintah Kabupaten Musi Banyuasin")


def test_an_incumbent_or_a_definitive_holder_running_anywhere_is_a_conflict(world: World) -> None:
    assert ppk_conflict(election=world.pilkada, agency=world.pemkab_muba) is None
    _holders(world)
    running = _running(world, incumbent="", nik="1606011203750001")  # not flagged incumbent, but the holder
    assert ppk_conflict(election=world.pilkada, agency=world.pemkab_muba) == running
    assert conflicted_agency_ids(world.pilkada) == {world.pemkab_muba.pk}
    Candidate.objects.filter(pk=running.pk).update(nik="", incumbent=Candidate.Incumbency.HEAD)
    assert ppk_conflict(election=world.pilkada, agency=world.pemkab_muba) == running
    assert ppk_conflict(election=world.pilkada, agency=world.pemkot_makassar) is None


def test_a_conflicted_case_is_escalated_earlier_to_bkn_and_kemendagri_only(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:
    settings.CONFLICT_REMINDER_DAYS_BEFORE = 5
    kemendagri = _kemendagri(world)
    _running(world)
    case = _sent(world)
    plain, _ = submit(world, key="bukan-konflik", description="Staf lain mengajak memilih di grup WhatsApp.")
    assert case.deadline_at is not None  # 14 calendar days: Monday 28 Oct 2024
    # Tuesday 22 Oct: four working days left. The rule reminds at two; a conflicted case is watched at five.
    day = dt.datetime(2024, 10, 22, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(day, tick=False), django_capture_on_commit_callbacks(execute=True):
        counts = control.escalate(now=day)
        assert control.escalate(now=day)["conflict_escalations"] == 0  # idempotent
    assert counts["conflict_escalations"] == 2 and counts["reminders"] == 1
    rows = dict(ConflictEscalation.objects.filter(case=case).values_list("recipient", "days_left"))
    assert rows == {"bkn": 4, "kemendagri": 4}
    assert not ConflictEscalation.objects.exclude(case=case).exists()
    assert AuditEvent.objects.filter(action="sanctions.conflict_escalated").count() == 2
    # No case event: the history is the PPK's to read.
    assert not CaseEvent.objects.filter(case=case, action__icontains="konflik").exists()
    escalation_mail = [m for m in mail.outbox if "Eskalasi konflik" in m.subject]
    assert sorted(tuple(m.to) for m in escalation_mail) == [("bkn_pusat@example.go.id",),
                                                            ("kemendagri@example.go.id",)]  # fmt: skip
    assert all("ppk_muba" not in ",".join(m.to) for m in escalation_mail)
    # BKN's control and Kemendagri have it to act on; the regency's PPK and the other leader do not.
    from netralitas.workspace.actions import case_facts

    assert case_facts(world.bkn_officer, case, False).conflict_open == ("bkn",)
    assert case_facts(kemendagri, case, False).conflict_open == ("kemendagri",)
    assert case_facts(world.ppk_muba, case, False).conflict_open == ()
    assert my_queue(kemendagri).filter(pk=case.pk).exists()
    assert not my_queue(world.leader).filter(pk=case.pk).exists()
    assert plain.pk not in set(my_queue(kemendagri).values_list("pk", flat=True))


def test_each_body_acknowledges_its_own_escalation_and_the_ppk_cannot(world: World) -> None:
    kemendagri = _kemendagri(world)
    candidate = _running(world)
    case = _sent(world)
    conflict.escalate_conflict(case, candidate=candidate, days_left=4, now=SENT)
    with pytest.raises(CaseError):
        conflict.escalation_acknowledge(case=case, recipient="bkn", actor=world.ppk_muba, note="x")
    with pytest.raises(NotAllowed):
        conflict.escalation_acknowledge(case=case, recipient="kemendagri", actor=world.bkn_officer, note="x")
    with pytest.raises(CaseError, match="Tuliskan"):
        conflict.escalation_acknowledge(case=case, recipient="bkn", actor=world.bkn_officer, note=" ")
    conflict.escalation_acknowledge(
        case=case, recipient="bkn", actor=world.bkn_officer, note="Kanreg VII memanggil Plt. Bupati."
    )
    assert ConflictEscalation.objects.get(case=case, recipient="bkn").acknowledged_by == world.bkn_officer
    assert my_queue(kemendagri).filter(pk=case.pk).exists()
    conflict.escalation_acknowledge(
        case=case, recipient="kemendagri", actor=kemendagri, note="Teguran Mendagri."
    )
    assert not my_queue(kemendagri).filter(pk=case.pk).exists()
    assert AuditEvent.objects.filter(action="sanctions.conflict_escalation_acknowledged").count() == 2
    with pytest.raises(CaseError, match="sudah"):
        conflict.escalation_acknowledge(case=case, recipient="bkn", actor=world.bkn_officer, note="lagi")


PERSONAS_SEEING = ["verifier", "analyst", "bkn_officer", "auditor", "leader"]


@pytest.mark.parametrize("persona", [*PERSONAS_SEEING, "ppk_muba", "ppk_makassar"])
def test_the_flag_and_the_escalation_never_reach_a_ppk(world: World, persona: str) -> None:
    """Persona x endpoint: the case page, the old detail page, the queue, the API case and the
    acknowledgement action; the PPK concerned gets the case without a trace of the conflict, the PPK of
    another agency a 404."""
    from django.urls import reverse

    candidate = _running(world)
    case = _sent(world)
    conflict.escalate_conflict(case, candidate=candidate, days_left=4, now=SENT)
    client = Client()
    user = getattr(world, persona)
    client.force_login(user)
    page = client.get(reverse("workspace:case", args=[case.code]))
    if persona == "ppk_makassar":
        assert page.status_code == 404
        assert (
            client.post(reverse("workspace:action", args=[case.code, "conflict_acknowledge"])).status_code
            == 404
        )
        return
    assert page.status_code == 200
    html = page.content.decode()
    sees = persona in PERSONAS_SEEING
    assert ("Konflik kepentingan PPK" in html) is sees
    assert ("conflict-escalations" in html) is sees
    texts = [
        client.get(reverse("cases:detail", args=[case.code])).content.decode(),
        client.get(reverse("workspace:queue") + "?cakupan=semua").content.decode(),
    ]
    if persona == "ppk_muba":
        for text in [html, *texts]:
            assert "onflik kepentingan" not in text and "skalasi" not in text and candidate.name not in text
        refused = client.post(
            reverse("workspace:action", args=[case.code, "conflict_acknowledge"]),
            {"expected_version": case.version, "note": "Saya tindak lanjuti"},
        )
        assert refused.status_code in (400, 403, 409)
        assert not ConflictEscalation.objects.filter(acknowledged_at__isnull=False).exists()


def test_monitoring_reports_conflicted_agencies_apart_and_never_to_a_ppk(world: World) -> None:
    from django.urls import reverse

    from netralitas.monitoring.dashboard import performance_tables
    from netralitas.monitoring.queries import CaseFilter

    _running(world)
    _sent(world)
    now = dt.datetime(2024, 12, 5, tzinfo=dt.UTC)
    tables = {t.name: t for t in performance_tables(world.leader, CaseFilter(), now)}
    assert [r[1] for r in tables["kepatuhan_konflik"].rows] == ["Pemerintah Kabupaten Musi Banyuasin"]
    assert tables["kepatuhan"].rows == []
    region = tables["konflik_wilayah"]
    assert [r[:3] for r in region.rows] == [["16", "Sumatera Selatan", region.rows[0][2]]]
    assert str(region.rows[0][2]) == "<5"  # one case: a small count, suppressed (ADR 0009)
    names = {t.name for t in performance_tables(world.ppk_muba, CaseFilter(), now)}
    assert names == {"tenggat", "tim", "kepatuhan"}
    client = Client()
    client.force_login(world.ppk_muba)
    assert (
        client.get(reverse("monitoring:table_download", args=["kepatuhan_konflik", "csv"])).status_code == 404
    )
