"""Who hears about a case event (e-mail to the next owner). ``services._record_event`` asks inside the
event's transaction; the outbox then carries the event to the ``email`` consumer (integrations.local),
which the delivery worker runs after the commit. A rolled-back action never mails anyone, a slow mail
server never holds a case lock, and a failed mail is retried and ends as a dead letter the admin can
replay."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from netralitas.accounts.models import RoleAssignment, User
from netralitas.core import clock
from netralitas.core.formatting import long_datetime
from netralitas.registry.models import Region

from . import queries
from .models import Case, CaseEvent
from .workflow import Transition, is_final, transitions_from

STALE_AFTER = dt.timedelta(hours=1)
ZONE_LABELS = {value: str(label) for value, label in Region.TimeZone.choices}


def viewer_zone(user: User | None, case: Case) -> str:
    """The zone a time is shown in: the user's own, else the case's province."""
    if user is not None and user.timezone in ZONE_LABELS:
        return user.timezone
    return case.province.timezone or Region.TimeZone.WIB


def local_datetime(value: dt.datetime, zone: str) -> str:
    """'23 November 2026 14.05 WIB': the Indonesian way (core.formatting), whatever the active language."""
    return f"{long_datetime(value.astimezone(ZoneInfo(zone)), 'id')} {ZONE_LABELS.get(zone, zone)}"


def primary_transition(status: str) -> Transition | None:
    """The act the case waits for in this status (the first listed; the others close it early)."""
    options = transitions_from(status)
    return options[0] if options else None


def next_owners(case: Case) -> list[User]:
    """Active users whose role performs the awaited act and whose scope covers the case."""
    t = primary_transition(case.status)
    if t is None:
        return []
    user_ids = RoleAssignment.objects.filter(role=t.role, user__is_active=True).values("user_id")
    candidates = User.objects.filter(pk__in=user_ids).exclude(email="").order_by("pk")
    return [user for user in candidates if queries.may_perform(user, case, t)]


EMAIL_CONSUMER = "email"
NO_CONSUMERS: tuple[str, ...] = ()
EMAIL_ONLY = (EMAIL_CONSUMER,)


def notice_consumers(event: CaseEvent) -> tuple[str, ...]:
    """The local outbox consumers of ``event``: a transition into a status someone must act on mails
    that someone once the transaction commits."""
    if not event.to_status or is_final(event.to_status):
        return NO_CONSUMERS
    if event.at < clock.now() - STALE_AFTER:
        return NO_CONSUMERS  # back-dated history (imports, demo data): the queue tells, not a mail flood
    return EMAIL_ONLY
