"""E-mail to the next owner after each transition, and the daily digest of deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from netralitas.accounts.models import DigestReceipt
from netralitas.cases.models import Case
from netralitas.cases.services import case_transition
from netralitas.integrations.delivery import deliver_until_idle
from netralitas.integrations.models import Delivery
from netralitas.sanctions.models import SanctionType, ViolationType
from netralitas.sanctions.services import recommendation_send, review_conclude_proven
from tests.cases.helpers import submit, to_review
from tests.world import World

pytestmark = pytest.mark.django_db


def test_forwarding_mails_the_bawaslu_analyst_of_the_province(
    world: World,
) -> None:
    case, _ = submit(world)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    deliver_until_idle()
    mail.outbox.clear()
    case_transition(case=case, actor=world.verifier, action="forward")
    assert mail.outbox == []  # nothing is sent inside the request
    assert deliver_until_idle().delivered == 1
    assert [m.to for m in mail.outbox] == [[world.analyst.email]]
    message = mail.outbox[0]
    assert case.number in message.subject and "Simpulkan: terbukti" in message.subject
    assert "Batas waktu:" in message.body and "WIB" in message.body and case.code in message.body


def test_sending_the_recommendation_mails_the_ppk_of_the_agency_only(
    world: World,
) -> None:
    case, _ = submit(world)
    case = to_review(world, case)
    case = review_conclude_proven(
        case=case,
        actor=world.analyst,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
        track="disiplin",
        level="sedang",
        sanction_type=SanctionType.objects.get(code="tukin-25-6"),
        rationale="Unggahan ajakan memilih terbukti dibuat oleh terlapor.",
    )
    deliver_until_idle()
    mail.outbox.clear()
    recommendation_send(case=case, actor=world.bkn_officer)
    deliver_until_idle()
    recipients = {address for m in mail.outbox for address in m.to}
    assert recipients == {world.ppk_muba.email}
    assert "Catat keputusan sanksi" in mail.outbox[0].subject


def test_a_closing_transition_mails_nobody(world: World) -> None:
    case, _ = submit(world)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    deliver_until_idle()
    mail.outbox.clear()
    case_transition(case=case, actor=world.verifier, action="reject", reason="Bukan ASN")
    assert deliver_until_idle().attempted == 0
    assert mail.outbox == []


def test_a_rolled_back_transition_mails_nobody(
    world: World,
) -> None:
    case, _ = submit(world)
    deliver_until_idle()
    mail.outbox.clear()
    try:
        with transaction.atomic():
            case_transition(case=case, actor=world.verifier, action="start_verification")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert deliver_until_idle().attempted == 0 and mail.outbox == []


def test_digest_lists_cases_due_within_two_working_days_once_a_day(world: World) -> None:
    due, _ = submit(world, description="Segera jatuh tempo")
    later, _ = submit(world, description="Masih lama")
    now = timezone.now()
    Case.objects.filter(pk=due.pk).update(deadline_at=now + dt.timedelta(hours=20))
    Case.objects.filter(pk=later.pk).update(deadline_at=now + dt.timedelta(days=30))
    mail.outbox.clear()
    call_command("send_deadline_digest")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.verifier.email]
    body = mail.outbox[0].body
    assert due.number in body and later.number not in body
    call_command("send_deadline_digest")
    assert len(mail.outbox) == 1
    assert DigestReceipt.objects.get(user=world.verifier).case_numbers == [due.number]


def test_digest_of_the_next_day_is_sent_again(world: World) -> None:
    due, _ = submit(world)
    Case.objects.filter(pk=due.pk).update(deadline_at=timezone.now() + dt.timedelta(hours=30))
    mail.outbox.clear()
    call_command("send_deadline_digest")
    with time_machine.travel(timezone.now() + dt.timedelta(days=1), tick=False):
        Case.objects.filter(pk=due.pk).update(deadline_at=timezone.now() + dt.timedelta(hours=5))
        call_command("send_deadline_digest")
    assert len(mail.outbox) == 2


def test_back_dated_history_sends_no_mail(world: World) -> None:
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from netralitas.cases.models import Source
    from netralitas.cases.services import case_submit

    case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.muba,
        incident_date=dt.date(2024, 11, 20),
        description="Riwayat lama yang dimuat ulang.",
        employee=world.camat,
        now=timezone.now() - dt.timedelta(days=30),
    )
    assert not Delivery.objects.filter(consumer="email").exists()
    deliver_until_idle()
    assert mail.outbox == []
