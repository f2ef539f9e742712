"""Every rung of the ladder leaves its issued letter, numbered by the body and signed by its officer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, mark_overdue
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.services import document_rendered, document_verifies
from netralitas.sanctions import control
from netralitas.sanctions.models import ControlAction, Recommendation
from netralitas.sanctions.services import decision_accept
from tests.cases.helpers import submit, submit_decree, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db
Kind = ControlAction.Kind


def _text(document: Document) -> str:
    document = document_rendered(document)  # rendered after the act's commit, which a test never reaches
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _letter(case: Case, kind: str) -> Document:
    letter = ControlAction.objects.get(case=case, kind=kind).letter
    assert letter is not None
    return letter


def test_each_rung_issues_its_own_signed_letter(world: World, django_capture_on_commit_callbacks) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    recommendation = Recommendation.objects.get(case=case)
    assert recommendation.letter is not None and recommendation.letter.kind == LetterKind.RECOMMENDATION
    assert case.deadline_at is not None
    near = case.deadline_at - dt.timedelta(days=1)
    with time_machine.travel(near, tick=False), django_capture_on_commit_callbacks(execute=True):
        control.escalate(now=near)
    reminder = _letter(case, Kind.REMINDER)
    assert reminder.number.startswith("PG-1/BKN/") and "hari kerja lagi" in _text(reminder)
    after = case.deadline_at + dt.timedelta(hours=1)
    mark_overdue(now=after)
    with time_machine.travel(after, tick=False):
        warning = control.warning_issue(case=case, actor=world.auditor)
    assert warning.number.startswith("SP-1/BKN/")
    week_later = after + dt.timedelta(days=7, minutes=1)
    with time_machine.travel(week_later, tick=False):
        control.block_propose(case=case, actor=world.auditor)
        control.block_approve(case=case, actor=world.bkn_officer)
        control.ppk_report_issue(case=case, actor=world.auditor, number="")
    block = _letter(case, Kind.BLOCK)
    text = _text(block)
    assert "SIASN" in text and warning.number in text and world.camat.nip in text
    report = _letter(case, Kind.PPK_REPORT)
    assert "Menteri Dalam Negeri" in _text(report) and "Pendayagunaan" in _text(report)
    submit_decree(world, Case.objects.get(pk=case.pk))
    decision_accept(case=case, actor=world.auditor)
    unblock = _letter(case, Kind.UNBLOCK)
    assert "dibuka" in _text(unblock)
    letters = [recommendation.letter, reminder, warning.letter, block, report, unblock]
    assert all(letter is not None and document_verifies(letter) for letter in letters)
    assert len({letter.code for letter in letters if letter}) == 6


def test_a_typed_number_already_in_use_is_refused(world: World) -> None:
    first, _ = submit(world)
    second, _ = submit(world)
    first, second = to_follow_up(world, first), to_follow_up(world, second)
    for case in (first, second):
        Case.objects.filter(pk=case.pk).update(deadline_at=case.stage_started_at)
    control.warning_issue(case=first, actor=world.auditor, number="SP-9/K7/2024")
    with pytest.raises(CaseError, match="sudah dipakai"):
        control.warning_issue(case=second, actor=world.auditor, number="SP-9/K7/2024")
    assert not ControlAction.objects.filter(case=second, kind=Kind.WARNING, state="selesai").exists()


def test_the_recommendation_is_signed_by_bkns_deputy_after_the_kasn_handover(world: World) -> None:
    case, _ = submit(world)
    letter = Recommendation.objects.get(case=to_follow_up(world, case)).letter
    assert letter is not None and letter.body.code == "bkn"
    assert letter.signatory is not None and letter.signatory.position.startswith("Deputi")
    assert letter.signatory.name in _text(letter)
