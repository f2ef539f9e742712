"""Login protection: failure counting and lockout (in the shared cache) and TOTP device enrolment.

The counters live in the cache (``DatabaseCache``), so every gunicorn worker sees the same count. Keys
are hashes of the lower-cased username and the client address, so the cache holds no usernames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from netralitas.core import clock

from .models import EnrolmentToken, User

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
    EnrolmentToken.objects.create(
        user=user,
        token_sha256=_token_hash(token),
        issued_by=issued_by,
        issued_at=now,
        expires_at=now + dt.timedelta(hours=hours),
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
