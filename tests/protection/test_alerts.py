"""Protected disclosures (ADR 0026): each kind of adverse act on an ASN reporter raises an alert for the
BKN auditors; a non-ASN or anonymous reporter, or an act after the period, raises none."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, mark_overdue
from netralitas.protection.models import ProtectedAlert, ProtectedDisclosure
from netralitas.protection.services import (
    add_months,
    alert_handle,
    alert_identity_read,
    disclosure_mark,
    reporter_key,
)
from netralitas.sanctions import control
from netralitas.transfers.services import lowers_level, transfer_record
from tests.cases.helpers import submit, submit_decree, to_follow_up
from tests.protection.helpers import SARI_NIK, SARI_NIP, sari, sari_reports
from tests.world import PASSWORD, World

pytestmark = pytest.mark.django_db
Kind = ProtectedAlert.Kind


def _transfer(world: World, employee, number: str = "821/77/BKPSDM/2025", **levels: str):  # type: ignore[no-untyped-def]
    return transfer_record(
        employee=employee,
        decision_number=number,
        decision_date=dt.date(2025, 3, 3),
        deciding_agency=world.pemkab_muba,
        from_position="Pengelola Data Kecamatan Sekayu",
        to_position="Pengelola Data Kecamatan Lalan",
        actor=world.bkn_officer,
        **levels,
    )


def test_an_asn_reporter_is_marked_by_a_blind_index_and_a_period(world: World) -> None:
    case, _ = sari_reports(world)
    disclosure = ProtectedDisclosure.objects.get(case=case)
    assert disclosure.reporter_key == reporter_key(SARI_NIP) and SARI_NIP not in disclosure.reporter_key
    assert disclosure.protected_until == add_months(disclosure.marked_at, 24)


def test_the_nip_alone_also_marks_the_report(world: World) -> None:
    case, _ = sari_reports(world, name="Sari", nip=SARI_NIP, email="sari@example.com")
    assert ProtectedDisclosure.objects.filter(case=case).count() == 1


def test_a_reporter_who_is_not_an_asn_is_not_marked_and_raises_nothing(world: World) -> None:
    sari(world)
    case, _ = submit(world, identity={"name": "Rina", "nik": "1606045507900001", "phone": "0812"})
    assert disclosure_mark(case=case, identity={"name": "Rina", "nik": "1606045507900001"}) == []
    anonymous, _ = submit(world, key="anon")
    assert disclosure_mark(case=anonymous, identity=None) == []
    _transfer(world, sari(world))
    assert not ProtectedDisclosure.objects.exists() and not ProtectedAlert.objects.exists()


def test_a_transfer_of_the_reporter_raises_one_alert(world: World) -> None:
    case, _ = sari_reports(world)
    decision, _created = _transfer(world, sari(world))
    alert = ProtectedAlert.objects.get()
    assert alert.kind == Kind.TRANSFER and alert.case == case and alert.province == world.sumsel
    assert alert.act_date == dt.date(2025, 3, 3) and "821/77/BKPSDM/2025" in alert.act_reference
    assert alert.acted_by == world.bkn_officer and alert.state == ProtectedAlert.State.OPEN
    assert b"Sari" not in bytes(alert.sealed)
    _transfer(world, sari(world))  # the same decree again: no second alert
    assert ProtectedAlert.objects.count() == 1
    assert AuditEvent.objects.filter(action="protection.alert_raised").count() == 1
    assert decision.case_id is None


def test_a_demotion_is_told_apart_from_a_transfer(world: World) -> None:
    sari_reports(world)
    _transfer(world, sari(world), from_level="III/a", to_level="II/d")
    assert ProtectedAlert.objects.get().kind == Kind.DEMOTION
    assert lowers_level("eselon III.a", "eselon IV.a") and not lowers_level("eselon IV", "eselon III")
    assert not lowers_level("III/a", "III/b") and not lowers_level("", "III/a")


def test_a_transfer_of_someone_else_raises_nothing(world: World) -> None:
    sari_reports(world)
    _transfer(world, world.camat)
    assert not ProtectedAlert.objects.exists()


def test_an_act_after_the_protected_period_raises_nothing(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PROTECTION_MONTHS = 3
    case, _ = sari_reports(world)
    until = ProtectedDisclosure.objects.get(case=case).protected_until
    with time_machine.travel(until + dt.timedelta(days=1), tick=False):
        _transfer(world, sari(world))
    assert not ProtectedAlert.objects.exists()


def _camat_reported_someone(world: World) -> Case:
    """The camat himself is a protected reporter (of an earlier report with his NIP)."""
    identity = {"name": world.camat.name, "nip": world.camat.nip, "phone": "0812"}
    case, _ = submit(world, employee=False, identity=identity, key="camat-reports")
    disclosure_mark(case=case, identity=identity)
    return case


def test_a_discipline_sanction_of_the_reporter_raises_an_alert(world: World) -> None:
    reported = _camat_reported_someone(world)
    case, _ = submit(world, key="about-camat")
    submit_decree(world, to_follow_up(world, case))
    alert = ProtectedAlert.objects.get()
    assert alert.kind == Kind.SANCTION and alert.case == reported and alert.acted_by == world.ppk_muba
    assert "800/123/BKPSDM/2024" in alert.act_reference


def test_a_siasn_block_of_the_reporter_raises_an_alert(world: World) -> None:
    reported = _camat_reported_someone(world)
    case, _ = submit(world, key="about-camat")
    case = to_follow_up(world, case)
    assert case.deadline_at is not None
    after = case.deadline_at + dt.timedelta(hours=1)
    mark_overdue(now=after)
    control.escalate(now=after)
    with time_machine.travel(after, tick=False):
        control.warning_issue(case=case, actor=world.auditor, number="SP-1/K7/2024")
    later = after + dt.timedelta(days=7, minutes=1)
    control.escalate(now=later)
    with time_machine.travel(later, tick=False):
        control.block_propose(case=case, actor=world.auditor, note="PPK tidak merespons")
        control.block_approve(case=case, actor=world.bkn_officer)
    alert = ProtectedAlert.objects.get()
    assert alert.kind == Kind.BLOCK and alert.case == reported and alert.acted_by == world.bkn_officer


def test_auditor_handles_an_alert_and_every_step_is_audited(world: World) -> None:
    sari_reports(world)
    _transfer(world, sari(world))
    alert = ProtectedAlert.objects.get()
    with pytest.raises(CaseError):
        alert_handle(alert=alert, actor=world.auditor, action="ditutup", note="singkat")
    alert = alert_handle(alert=alert, actor=world.auditor, action="ditangani")
    alert = alert_handle(alert=alert, actor=world.auditor, action="catatan", note="Minta SK dari BKPSDM.")
    alert = alert_handle(alert=alert, actor=world.auditor, action="ditutup", note="Mutasi dibatalkan PPK.")
    assert alert.state == ProtectedAlert.State.CLOSED
    actions = list(
        AuditEvent.objects.filter(action__startswith="protection.alert_")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "protection.alert_raised",
        "protection.alert_ditangani",
        "protection.alert_catatan",
        "protection.alert_ditutup",
    ]


def test_the_identity_opens_only_with_a_reason_and_is_audited(world: World) -> None:
    case, _ = sari_reports(world)
    _transfer(world, sari(world))
    alert = ProtectedAlert.objects.get()
    with pytest.raises(CaseError):
        alert_identity_read(alert=alert, actor=world.auditor, reason="cek")
    shown = alert_identity_read(alert=alert, actor=world.auditor, reason="Memeriksa dugaan pembalasan mutasi")
    assert shown["reporter"]["nik"] == SARI_NIK and shown["act"]["employee_name"] == "Sari Wulandari"
    read = AuditEvent.objects.filter(action="reporter.identity_read").get()
    assert read.reason == "Memeriksa dugaan pembalasan mutasi" and read.data["alert"] == alert.code
    assert AuditEvent.objects.filter(action="reporter.identity_refused").count() == 1
    assert read.target_id == str(case.pk) or read.data["number"] == case.number


def test_auditor_pages_list_show_and_handle_alerts_other_logins_get_404(world: World) -> None:
    sari_reports(world)
    _transfer(world, sari(world))
    alert = ProtectedAlert.objects.get()
    auditor = Client()
    auditor.login(username=world.auditor.username, password=PASSWORD)
    listing = auditor.get("/perlindungan-pelapor/").content.decode()
    assert alert.code in listing and "Mutasi" in listing and "Sari" not in listing
    page = auditor.get(f"/perlindungan-pelapor/{alert.code}/").content.decode()
    assert "Menyangkut pelapor yang dilindungi" in page and "Sari" not in page
    assert auditor.post(f"/perlindungan-pelapor/{alert.code}/ditangani/", {"note": ""}).status_code == 302
    shown = auditor.post(
        f"/perlindungan-pelapor/{alert.code}/identitas/", {"reason": "Memeriksa dugaan pembalasan"}
    )
    assert "Sari Wulandari" in shown.content.decode() and shown["Cache-Control"] == "no-store"
    assert auditor.post(f"/perlindungan-pelapor/{alert.code}/hapus/", {}).status_code == 404
    for user in (world.ppk_muba, world.verifier, world.analyst, world.bkn_officer, world.leader):
        other = Client()
        other.login(username=user.username, password=PASSWORD)
        assert other.get("/perlindungan-pelapor/").status_code == 404
        assert other.get(f"/perlindungan-pelapor/{alert.code}/").status_code == 404
        assert (
            other.post(f"/perlindungan-pelapor/{alert.code}/identitas/", {"reason": "x" * 20}).status_code
            == 404
        )
        assert "perlindungan-pelapor" not in other.get("/ruang-kerja/").content.decode()
    assert "perlindungan-pelapor" in auditor.get("/ruang-kerja/").content.decode()


def test_an_auditor_of_another_kanreg_gets_404(world: World) -> None:
    from netralitas.accounts.models import Role, RoleAssignment, User

    sari_reports(world)
    _transfer(world, sari(world))
    alert = ProtectedAlert.objects.get()
    other = User.objects.create_user(username="auditor_k4", password=PASSWORD, agency=world.bkn)
    RoleAssignment.objects.create(user=other, role=Role.AUDITOR).regions.set([world.sulsel])
    client = Client()
    client.login(username="auditor_k4", password=PASSWORD)
    assert client.get(f"/perlindungan-pelapor/{alert.code}/").status_code == 404
    assert alert.code not in client.get("/perlindungan-pelapor/").content.decode()


def test_monitoring_counts_alerts_without_small_counts_for_oversight_only(world: World) -> None:
    sari_reports(world)
    _transfer(world, sari(world))
    auditor = Client()
    auditor.login(username=world.auditor.username, password=PASSWORD)
    page = auditor.get("/pemantauan/perlindungan-pelapor/").content.decode()
    table = page.split('id="protection-counts"')[1]
    assert "&lt;5" in table and ">1<" not in table
    ppk = Client()
    ppk.login(username=world.ppk_muba.username, password=PASSWORD)
    assert ppk.get("/pemantauan/perlindungan-pelapor/").status_code == 404
