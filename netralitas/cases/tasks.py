"""Background e-mail: the next owner's notice (an outbox consumer, run by ``manage.py deliver_outbox``) and
the daily deadline digest (django-tasks, run by ``manage.py db_worker``)."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from netralitas.accounts.models import DigestReceipt, User
from netralitas.core import clock
from netralitas.core.workdays import working_days_left
from netralitas.registry.calendar import holiday_dates

from . import queries
from .deadlines import case_timezone
from .models import Case, NoticeReceipt
from .notifications import local_datetime, next_owners, primary_transition, viewer_zone

SUBJECT_PREFIX = "[Netralitas ASN]"


def _case_url(case: Case) -> str:
    return f"{settings.SITE_URL}/kasus/{case.code}/"


def _deadline_line(case: Case, user: User) -> str:
    if case.deadline_at is None:
        return "Batas waktu: tidak ada."
    left = queries.countdown(case)
    suffix = f" ({left})" if left else ""
    return f"Batas waktu: {local_datetime(case.deadline_at, viewer_zone(user, case))}{suffix}."


class NoticeRefused(Exception):
    """The mail server refused some next owners' addresses; the others were mailed."""


def mail_next_owners(payload: dict[str, Any]) -> int:
    """The ``email`` outbox consumer: e-mails each next owner of the case about the transition in the
    event ``payload`` (integrations.outbox.event_payload).

    One SMTP connection per event (``EMAIL_TIMEOUT`` bounds it). Each owner mailed is recorded
    (``NoticeReceipt``), so when the delivery is retried after a failure only those not yet mailed get
    one. A server that fails raises, and the delivery is retried; an address the server refuses is
    skipped for the others and then reported by raising ``NoticeRefused``, which leaves the delivery to
    be retried for that address alone and, in the end, a dead letter the admin can see."""
    case = Case.objects.select_related("province").get(code=payload["case"]["code"])
    if case.status != payload["case"]["to_status"]:
        return 0  # the case has moved on since; the later event mails its own owners
    t = primary_transition(case.status)
    if t is None:
        return 0
    event_key = str(payload["event_id"])
    done = set(NoticeReceipt.objects.filter(event_key=event_key).values_list("user_id", flat=True))
    owners = [user for user in next_owners(case) if user.pk not in done]
    if not owners:
        return 0
    sent, refused = 0, []
    with get_connection() as connection:
        for user in owners:
            message = EmailMessage(
                subject=f"{SUBJECT_PREFIX} {case.number}: {t.label}",
                body=(
                    f"Kasus {case.number} kini berstatus “{case.get_status_display()}” dan menunggu "
                    f"tindakan Anda: {t.label}.\n"
                    f"Yang diharapkan: {t.next_step}\n"
                    f"{_deadline_line(case, user)}\n"
                    f"Buka kasus: {_case_url(case)}\n"
                ),
                to=[user.email],
                connection=connection,
            )
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused:
                refused.append(user.email)
                continue
            NoticeReceipt.objects.create(event_key=event_key, user=user, sent_at=clock.now())
            sent += 1
    if refused:
        raise NoticeRefused(f"alamat ditolak server surel: {', '.join(refused)}")
    return sent


def digest_cases(now: dt.datetime, within_working_days: int) -> list[Case]:
    """Open cases whose deadline has not passed and falls within the given number of working days."""
    holidays = holiday_dates()
    cases = (
        Case.objects.open()
        .filter(deadline_at__gte=now)
        .select_related("province", "deadline_rule", "employee")
        .order_by("deadline_at")
    )
    return [
        case
        for case in cases
        if case.deadline_at is not None
        and working_days_left(now, case.deadline_at, holidays, case_timezone(case)) <= within_working_days
    ]


@task()
def send_deadline_digest(day: str | None = None) -> int:
    """One e-mail per user listing their cases due soon; a user gets at most one digest per day."""
    now = clock.now()
    today = dt.date.fromisoformat(day) if day else timezone.localdate(now)
    per_user: dict[int, list[Case]] = defaultdict(list)
    users: dict[int, User] = {}
    for case in digest_cases(now, settings.WORKSPACE_DIGEST_WORKING_DAYS):
        for user in next_owners(case):
            users[user.pk] = user
            per_user[user.pk].append(case)
    sent = 0
    for user_id, cases in per_user.items():
        user = users[user_id]
        try:
            with transaction.atomic():
                DigestReceipt.objects.create(
                    user=user, day=today, case_numbers=[c.number for c in cases], sent_at=now
                )
                lines = [
                    f"- {c.number} · {c.get_status_display()} · {_deadline_line(c, user)} {_case_url(c)}"
                    for c in cases
                ]
                send_mail(
                    subject=f"{SUBJECT_PREFIX} {len(cases)} kasus mendekati batas waktu",
                    message=(
                        "Kasus berikut menunggu tindakan Anda dan batas waktunya jatuh dalam "
                        f"{settings.WORKSPACE_DIGEST_WORKING_DAYS} hari kerja:\n\n" + "\n".join(lines) + "\n"
                    ),
                    from_email=None,
                    recipient_list=[user.email],
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
