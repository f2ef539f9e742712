"""Journey 10, "The Bupati is on the ballot": the regent of Kabupaten Muara Enim is the incumbent
candidate and the reported camat campaigned for him. During the campaign the Plt holds the PPK function:
BKN sends the recommendation and sees the Plt as its addressee; the regency's PPK login never sees the
conflict flag; when the follow-up deadline nears (the demo clock moved on, the sweep run), the escalation
reaches BKN's control and Kemendagri, each of whom records what they did. axe: 0 violations."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from netralitas.accounts.models import Role
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_resolve_employee, case_submit, case_transition
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.registry.models import Agency, Candidate, Employee, PpkHolder, Region
from netralitas.sanctions.models import ConflictEscalation, SanctionType, ViolationType
from netralitas.sanctions.services import review_conclude_proven
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESKTOP, login
from tests.browser.test_life_cycle import _officer
from tests.world import World, _user, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DURING_CAMPAIGN = dt.datetime(2024, 10, 14, 2, 0, tzinfo=dt.UTC)  # Monday 14 Oct 2024, 09.00 WIB


def _muara_enim(world: World) -> tuple[Agency, Employee, Any, Any]:
    region = Region.objects.create(
        code="16.03", name="Kabupaten Muara Enim", level=Region.Level.REGENCY, province=world.sumsel
    )
    world.pilkada.regions.add(region)
    agency = Agency.objects.create(
        code="KAB-16.03", name="Pemerintah Kabupaten Muara Enim", short_name="Pemkab Muara Enim",
        kind=Agency.Kind.REGENCY, region=region, ppk_title="Bupati Muara Enim",
    )  # fmt: skip
    camat = Employee.objects.create(
        nip="197805122005011002", nik="1603011205780001", name="Hasan Basri", sex=Employee.Sex.MALE,
        birth_date=dt.date(1978, 5, 12), kind=Employee.Kind.PNS, agency=agency, unit="Kecamatan Lawang Kidul",
        position="Camat Lawang Kidul", position_type=Employee.PositionType.ADMINISTRATOR, grade="III/d",
    )  # fmt: skip
    Candidate.objects.create(
        election=world.pilkada, region=region, ticket_number=1, position=Candidate.Position.HEAD,
        name="H. Ahmad Usmarwi Kaffah", incumbent=Candidate.Incumbency.HEAD,
    )  # fmt: skip
    PpkHolder.objects.create(
        agency=agency, kind=PpkHolder.Kind.DEFINITIVE, name="H. Ahmad Usmarwi Kaffah",
        valid_from=dt.date(2021, 2, 26),
    )  # fmt: skip
    PpkHolder.objects.create(
        agency=agency, kind=PpkHolder.Kind.ACTING, name="Drs. H. Kurniawan, M.Si.",
        position="Sekretaris Daerah", valid_from=dt.date(2024, 9, 25), valid_until=dt.date(2024, 11, 23),
    )  # fmt: skip
    ppk = _user("ppk_muaraenim", agency, Role.PPK, agencies=[agency])
    kemendagri_agency = Agency.objects.create(
        code="KEMENDAGRI", name="Kementerian Dalam Negeri", kind=Agency.Kind.CENTRAL, ppk_title="Menteri",
        is_oversight_body=True,
    )  # fmt: skip
    kemendagri = _user("kemendagri", kemendagri_agency, Role.LEADER, national=True)
    return agency, camat, ppk, kemendagri


def _proven(world: World, agency: Agency, camat: Employee) -> Case:
    """Journey 1 up to Bawaslu's conclusion (its own browser test covers those steps)."""
    case, _receipt, _c = case_submit(
        source=Source.PUBLIC, election=world.pilkada, region=agency.region,
        incident_date=dt.date(2024, 10, 5),
        description="Camat mengajak warga memilih Bupati petahana dalam acara resmi kecamatan.",
        reported_name="Hasan Basri", reported_position="Camat Lawang Kidul", reported_agency=agency,
        idempotency_key="jurnal-10", employee=camat,
    )  # fmt: skip
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    if case.employee_id is None:
        case = case_resolve_employee(case=case, actor=world.verifier, employee=camat)
    case = case_transition(case=case, actor=world.verifier, action="forward")
    return review_conclude_proven(
        case=case, actor=world.analyst,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
        track="disiplin", level="sedang", sanction_type=SanctionType.objects.get(code="tukin-25-6"),
        rationale="Ajakan memilih petahana dalam acara resmi kecamatan terbukti dari rekaman video.",
    )  # fmt: skip


def _pdf_text(body: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def test_the_bupati_is_on_the_ballot(live_server: Any, browser: Any, settings: Any) -> None:
    settings.DEMO_CLOCK = True
    settings.CONFLICT_REMINDER_DAYS_BEFORE = 5
    world = build_world()
    agency, camat, ppk_user, kemendagri_user = _muara_enim(world)
    clock.start_demo(DURING_CAMPAIGN)
    case = _proven(world, agency, camat)
    base = live_server.url
    page_url = f"{base}/ruang-kerja/kasus/{case.code}/"

    # BKN sends the recommendation during the campaign: the Plt holds the office and is its addressee.
    bkn = _officer(browser, base, world.bkn_officer.username)
    bkn.goto(page_url)
    assert "Plt. Bupati Muara Enim · Drs. H. Kurniawan, M.Si." in bkn.locator("#ppk-today").inner_text()
    assert bkn.locator("#ppk-conflict").is_visible()
    bkn.locator("#action-send_recommendation").get_by_role("button", name="Kirim rekomendasi ke PPK").click()
    bkn.locator("#case-status", has_text=str(Status.AWAITING_FOLLOW_UP.label)).wait_for()
    letter = bkn.request.get(f"{base}/ruang-kerja/kasus/{case.code}/surat/rekomendasi.pdf")
    assert letter.ok
    assert "Plt. Bupati Muara Enim Drs. H. Kurniawan, M.Si. selaku Pejabat Pembina Kepegawaian" in _pdf_text(
        letter.body()
    )
    assert_accessible(bkn, "case page with the conflict flag (BKN)")

    # The regency's PPK login has the case to follow up, without the flag.
    ppk = _officer(browser, base, ppk_user.username)
    ppk.goto(page_url)
    assert ppk.locator("#ppk-today").is_visible()
    assert ppk.locator("#ppk-conflict").count() == 0
    assert "onflik kepentingan" not in ppk.content()

    # Eight days on (Tuesday 22 Oct, four working days left): the sweep escalates.
    call_command("demo_clock", advance="8d")
    call_command("sweep_deadlines")
    assert ConflictEscalation.objects.filter(case=case).count() == 2

    # BKN's control sees the escalation and records what it did.
    bkn.goto(page_url)
    assert "menunggu tindak lanjut" in bkn.locator("#conflict-escalations").inner_text()
    assert_accessible(bkn, "case page with an open conflict escalation (BKN)")
    form = bkn.locator("#action-conflict_acknowledge")
    form.get_by_label("Tindak lanjut yang dilakukan").fill(
        "Kanreg VII memanggil Plt. Bupati untuk klarifikasi."
    )
    form.get_by_role("button", name="Catat tindak lanjut eskalasi konflik kepentingan PPK").click()
    bkn.locator("#conflict-escalations", has_text="Kanreg VII memanggil").wait_for()

    # Kemendagri finds the case in its queue and records its own step.
    kemendagri = browser.new_context(viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Jakarta").new_page()
    login(kemendagri, base, kemendagri_user.username)
    kemendagri.goto(f"{base}/ruang-kerja/")
    kemendagri.get_by_role("link", name=case.number).first.click()
    kemendagri.locator("#conflict-escalations").wait_for()
    assert_accessible(kemendagri, "case page with the conflict escalation (Kemendagri)")
    form = kemendagri.locator("#action-conflict_acknowledge")
    form.get_by_label("Tindak lanjut yang dilakukan").fill("Inspektorat Jenderal menegur Bupati.")
    form.get_by_role("button", name="Catat tindak lanjut eskalasi konflik kepentingan PPK").click()
    kemendagri.locator("#conflict-escalations", has_text="Inspektorat Jenderal").wait_for()

    # The PPK still sees neither the flag nor the escalation.
    ppk.goto(page_url)
    assert ppk.locator("#ppk-conflict").count() == 0 and ppk.locator("#conflict-escalations").count() == 0
    assert "skalasi" not in ppk.content()
    kemendagri.context.close()
