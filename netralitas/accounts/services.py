"""Login protection: failure counting and lockout (in the shared cache), TOTP device enrolment, the
audit of logins, and the audited writes of roles and function holders (the admin goes through these).

The counters live in the cache (``DatabaseCache``), so every gunicorn worker sees the same count. Keys
are hashes of the lower-cased username and the client address, so the cache holds no usernames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from netralitas.audit.changes import row_delete, row_save
from netralitas.audit.services import audit_record
from netralitas.core import clock

from .models import EnrolmentToken, FunctionHolder, RoleAssignment, User

log = logging.getLogger(__name__)

DEVICE_NAME = "ruang-kerja"


def _key(kind: str, username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()[:32]
    return f"login:{kind}:{digest}"


def login_locked_seconds(*, username: str, ip: str) -> int:
    """Seconds left of a lockout for this username and client address (0 when not locked)."""
    until = cache.get(_key("lock", username, ip))
    if until is None:
        return 0
    return max(0, int(until - time.time()))


def login_failure_record(*, username: str, ip: str) -> int:
    """Counts one failed attempt; returns the seconds of the lockout it caused (0 if none)."""
    window = settings.WORKSPACE_LOCKOUT_SECONDS
    key = _key("fail", username, ip)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count >= settings.WORKSPACE_LOCKOUT_ATTEMPTS:
        cache.set(_key("lock", username, ip), time.time() + window, timeout=window)
        cache.delete(key)
        log.warning("login locked for %s seconds after %s failures", window, count)
        return window
    return 0


def login_failures_clear(*, username: str, ip: str) -> None:
    cache.delete(_key("fail", username, ip))


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment (one per user; a fresh key on each start)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirms the enrolment with the first code from the app; older confirmed devices are replaced."""
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.info("TOTP device confirmed for user %s", user.pk)
    return True


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().replace(" ", "").encode()).hexdigest()


@transaction.atomic
def enrolment_token_issue(*, user: User, issued_by: User | None, hours: int = 72) -> str:
    """Issues a one-time enrolment token (earlier unused ones are revoked); returns it, shown only once."""
    now = clock.now()
    EnrolmentToken.objects.filter(user=user, used_at__isnull=True).delete()
    token = secrets.token_urlsafe(16)
    issued = EnrolmentToken.objects.create(
        user=user,
        token_sha256=_token_hash(token),
        issued_by=issued_by,
        issued_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    audit_record(
        actor=issued_by,
        action="accounts.enrolment_token_issued",
        target=user,
        data={"user": user.username, "token_id": issued.pk, "expires_at": issued.expires_at},
    )
    log.info("Enrolment token issued for user %s by %s", user.pk, issued_by.pk if issued_by else "system")
    return token


@transaction.atomic
def enrolment_token_redeem(*, user: User, token: str) -> bool:
    """Uses up a valid, unexpired token of this user; False for anything else."""
    found = (
        EnrolmentToken.objects.select_for_update()
        .filter(user=user, token_sha256=_token_hash(token), used_at__isnull=True, expires_at__gt=clock.now())
        .first()
    )
    if found is None:
        return False
    found.used_at = clock.now()
    found.save(update_fields=["used_at"])
    log.info("Enrolment token used by user %s", user.pk)
    return True


ANONYMOUS_LABEL = "anonymous"


@transaction.atomic
def login_audit(
    *, user: User | None, username: str, ip: str, succeeded: bool, step: str = "password"
) -> None:
    """Audits a staff login (``accounts.login``) or a refused attempt (``accounts.login_failed``): the
    username tried, the client address and the step that failed; never the password or the code."""
    audit_record(
        actor=user,
        actor_label="" if user is not None else ANONYMOUS_LABEL,
        action="accounts.login" if succeeded else "accounts.login_failed",
        target=user,
        data={"username": username.strip()[:150], "ip": ip, "step": step},
    )


class AccountError(ValueError):
    """A role or function-holder change that breaks a rule; the message is for the administrator."""


def validity_problem(valid_from: dt.date | None, valid_until: dt.date | None) -> str:
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        return _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku.")
    return ""


def _scope_values(assignment: RoleAssignment) -> dict[str, list[str]]:
    if assignment.pk is None:
        return {"regions": [], "agencies": []}
    return {
        "regions": sorted(assignment.regions.values_list("code", flat=True)),
        "agencies": sorted(assignment.agencies.values_list("code", flat=True)),
    }


@transaction.atomic
def role_assignment_save(
    *, actor: User | None, assignment: RoleAssignment, regions: list[Any], agencies: list[Any]
) -> RoleAssignment:
    """Creates or changes a role and its scope (regions, agencies); audited with what changed."""
    if problem := validity_problem(assignment.valid_from, assignment.valid_until):
        raise AccountError(problem)
    before = _scope_values(assignment)
    after = {"regions": sorted(r.code for r in regions), "agencies": sorted(a.code for a in agencies)}
    # The scope is set before the audit so the event describes the stored state.
    if assignment.pk is None:
        assignment.save()
        created_now = True
    else:
        created_now = False
    assignment.regions.set(regions)
    assignment.agencies.set(agencies)
    if created_now:
        audit_record(
            actor=actor,
            action="accounts.role_assignment.created",
            target=assignment,
            data={
                "object": str(assignment),
                "user": assignment.user.username,
                "role": assignment.role,
                "national": assignment.national,
                "valid_from": assignment.valid_from,
                "valid_until": assignment.valid_until,
                **after,
            },
        )
    else:
        row_save(
            actor=actor,
            obj=assignment,
            action="accounts.role_assignment",
            related=after,
            related_before=before,
        )
    return assignment


def role_assignment_delete(*, actor: User | None, assignment: RoleAssignment) -> None:
    row_delete(
        actor=actor, obj=assignment, action="accounts.role_assignment", related=_scope_values(assignment)
    )


def function_holder_save(*, actor: User | None, obj: FunctionHolder) -> FunctionHolder:
    """Which body carries out a function (KASN → BKN): changes the case flow, so it is audited."""
    if problem := validity_problem(obj.valid_from, obj.valid_until):
        raise AccountError(problem)
    row_save(actor=actor, obj=obj, action="accounts.function_holder")
    return obj


def function_holder_delete(*, actor: User | None, obj: FunctionHolder) -> None:
    row_delete(actor=actor, obj=obj, action="accounts.function_holder")


def user_save(*, actor: User | None, obj: User) -> User:
    """An administrator's change of an account (active, staff, superuser, agency...); no password."""
    row_save(actor=actor, obj=obj, action="accounts.user")
    return obj


def user_delete(*, actor: User | None, obj: User) -> None:
    """Deletes an account with its roles; each role and the account leave a deletion event."""
    with transaction.atomic():
        for assignment in obj.role_assignments.all():
            role_assignment_delete(actor=actor, assignment=assignment)
        row_delete(actor=actor, obj=obj, action="accounts.user")
