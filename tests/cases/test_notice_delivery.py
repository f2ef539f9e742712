"""The next owner's e-mail is an outbox consumer: written in the case's own transaction, sent by the
delivery worker, retried when the mail server fails and kept as a dead letter that can be replayed."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Sequence

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from netralitas.accounts.models import Role
from netralitas.cases.models import NoticeReceipt
from netralitas.cases.services import case_transition
from netralitas.integrations.delivery import deliver_until_idle, delivery_replay
from netralitas.integrations.models import Delivery
from tests.cases.helpers import submit
from tests.world import World, _user

pytestmark = pytest.mark.django_db(transaction=True)


def _mail_deliveries() -> list[tuple[str, str]]:
    return list(Delivery.objects.filter(consumer="email").values_list("event__event_type", "state"))


def test_a_committed_transition_leaves_its_mail_for_the_delivery_worker(world: World) -> None:
    case, _ = submit(world)
    case_transition(case=case, actor=world.verifier, action="start_verification")
    assert _mail_deliveries() == [("submitted", "menunggu"), ("start_verification", "menunggu")]
    assert mail.outbox == []

    call_command("deliver_outbox", "--once", verbosity=0)
    # The submission's notice is skipped (the case has moved on); the verification's reaches the verifier.
    assert {state for _, state in _mail_deliveries()} == {"terkirim"}
    assert [m.to for m in mail.outbox] == [[world.verifier.email]]
    assert case.number in mail.outbox[0].subject


def test_a_rolled_back_transition_leaves_no_mail(world: World) -> None:
    case, _ = submit(world)
    before = _mail_deliveries()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_transition(case=case, actor=world.verifier, action="start_verification")
        raise RuntimeError("boom")
    assert _mail_deliveries() == before


class _FailingBackend(BaseEmailBackend):
    """An e-mail backend whose server is gone."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("server gone")


class _RefusingBackend(locmem.EmailBackend):
    """Delivers like the test backend, but the server refuses one address."""

    refused = "hendra@example.go.id"

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"no such user")})
        return super().send_messages(messages)


@override_settings(OUTBOX_BACKOFF_SECONDS=60, OUTBOX_MAX_ATTEMPTS=2)
def test_a_failed_mail_is_retried_then_dead_lettered_and_replayed(world: World, settings) -> None:
    case, _ = submit(world)
    settings.EMAIL_BACKEND = "tests.cases.test_notice_delivery._FailingBackend"
    assert deliver_until_idle().retried == 1
    delivery = Delivery.objects.get(consumer="email")
    assert delivery.attempts == 1 and "SMTPServerDisconnected" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + dt.timedelta(seconds=55)

    later = timezone.now() + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        assert deliver_until_idle().dead == 1
    # A dead mail does not hold back the case's later notices: e-mail is an unordered consumer.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(later, tick=False):
        case_transition(case=case, actor=world.verifier, action="start_verification")
        assert deliver_until_idle().delivered == 1
    assert [m.to for m in mail.outbox] == [[world.verifier.email]]

    # The admin's replay puts the dead one back; it is skipped now, since the case has moved on.
    assert delivery_replay(deliveries=list(Delivery.objects.filter(state="gagal_permanen"))) == 1
    with time_machine.travel(later, tick=False):
        assert deliver_until_idle().delivered == 1
    assert len(mail.outbox) == 1


@override_settings(OUTBOX_BACKOFF_SECONDS=60)
def test_a_refused_address_does_not_hold_back_or_re_mail_the_other_owners(world: World, settings) -> None:
    second = _user("sari", world.verifier.agency, Role.VERIFIER, regions=[world.sumsel])
    settings.EMAIL_BACKEND = "tests.cases.test_notice_delivery._RefusingBackend"
    submit(world)
    assert deliver_until_idle().retried == 1
    assert [m.to for m in mail.outbox] == [[second.email]]
    delivery = Delivery.objects.get(consumer="email")
    assert "hendra@example.go.id" in delivery.last_error and delivery.state == "menunggu"

    # The address is fixed; the retry mails only the owner who has not had the notice yet.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61), tick=False):
        assert deliver_until_idle().delivered == 1
    assert [m.to for m in mail.outbox] == [[second.email], [world.verifier.email]]
    assert NoticeReceipt.objects.count() == 2


def test_a_worker_whose_lease_ran_out_leaves_the_delivery_to_the_new_holder(world: World) -> None:
    from netralitas.integrations.delivery import claim, send

    submit(world)
    (stale,) = claim(batch=10)
    later = timezone.now() + dt.timedelta(minutes=5)  # past the lease: another worker claims it
    with time_machine.travel(later, tick=False):
        (fresh,) = claim(batch=10)
        assert send(stale, client=None) == "dilewati"  # type: ignore[arg-type]
        assert mail.outbox == []
        assert send(fresh, client=None) == "terkirim"  # type: ignore[arg-type]
    assert [m.to for m in mail.outbox] == [[world.verifier.email]]
