"""Scheduling and recording link captures: which links wait, who takes one, what is kept and audited.

``captures_schedule`` gives every link of every case a ``LinkCapture`` row (idempotent);
``captures_run_due`` leases due rows (so two workers never take the same one), captures each outside any
transaction, and records the result with an audit event. Failures are retried after 1, 2, 4, 8 … minutes
up to ``CAPTURE_MAX_ATTEMPTS``; a refused address is final. Submission never waits for any of this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from netralitas.audit.services import audit_record
from netralitas.cases.models import Case
from netralitas.core import clock

from . import browser, timestamps
from .models import LinkCapture
from .safety import Refused, Unresolvable

State = LinkCapture.State


@dataclass
class RunReport:
    scheduled: int = 0
    done: int = 0
    failed: int = 0
    refused: int = 0
    retrying: int = 0


def captures_schedule(*, now: dt.datetime | None = None) -> int:
    """Creates the missing capture rows for the links of cases; returns how many."""
    now = now or clock.now()
    have = LinkCapture.objects.filter(case=OuterRef("pk"))
    # The demo's cases (idempotency keys "demo-…") carry made-up addresses on real sites: never fetched.
    cases = (
        Case.objects.exclude(Q(links=[]) | Q(links__isnull=True) | Q(idempotency_key__startswith="demo-"))
        .filter(received_at__gte=now - dt.timedelta(days=settings.CAPTURE_LOOKBACK_DAYS))
        .filter(~Exists(have))
    )
    rows = []
    for case_id, links in cases.values_list("pk", "links").iterator():
        for url in dict.fromkeys(str(link).strip() for link in links or [] if str(link).strip()):
            rows.append(LinkCapture(case_id=case_id, url=url[:2000], next_attempt_at=now))
    LinkCapture.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _lease(limit: int, now: dt.datetime) -> list[LinkCapture]:
    lease = now + dt.timedelta(seconds=settings.CAPTURE_TIMEOUT_SECONDS * 3)
    with transaction.atomic():
        due = (
            LinkCapture.objects.select_for_update(skip_locked=True)
            .filter(state=State.PENDING, next_attempt_at__lte=now)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
            .order_by("next_attempt_at", "pk")[:limit]
        )
        taken = list(due)
        LinkCapture.objects.filter(pk__in=[c.pk for c in taken]).update(leased_until=lease)
    return taken


def _store(capture: LinkCapture, result: browser.Result, now: dt.datetime) -> None:
    capture.screenshot.save(f"{capture.code}.png", ContentFile(result.screenshot), save=False)
    capture.html.save(f"{capture.code}.html", ContentFile(result.html), save=False)
    capture.screenshot_sha256 = hashlib.sha256(result.screenshot).hexdigest()
    capture.html_sha256 = hashlib.sha256(result.html).hexdigest()
    capture.final_url, capture.http_status = result.final_url[:2000], result.status
    capture.redirects, capture.html_truncated = result.redirects, result.html_truncated
    capture.captured_at, capture.state, capture.error = now, State.DONE, ""


def _timestamp(result: browser.Result) -> tuple[bytes, bytes, dt.datetime | None, str]:
    """Tokens over both hashes from the configured TSA (verified on receipt), or the reason there are none."""
    if not timestamps.configured():
        return b"", b"", None, ""
    try:
        shot = timestamps.request_token(hashlib.sha256(result.screenshot).digest())
        html = timestamps.request_token(hashlib.sha256(result.html).digest())
        return shot, html, timestamps.verify_token(html, hashlib.sha256(result.html).digest()), ""
    except timestamps.TimestampError as error:
        return b"", b"", None, str(error)[:300]


def capture_one(capture: LinkCapture) -> str:
    """Captures one leased row and records the outcome; returns the new state."""
    attempt_at = clock.now()
    stamped: tuple[bytes, bytes, dt.datetime | None, str] = (b"", b"", None, "")
    try:
        result = browser.capture(capture.url)
        stamped = _timestamp(result)
    except Refused as error:
        outcome, message, result = State.REFUSED, str(error), None
    except (browser.CaptureFailed, Unresolvable) as error:
        outcome, message, result = State.PENDING, str(error), None
    with transaction.atomic():
        locked = LinkCapture.objects.select_for_update().get(pk=capture.pk)
        locked.attempts += 1
        locked.leased_until = None
        if result is not None:
            _store(locked, result, attempt_at)
            locked.screenshot_tst, locked.html_tst, locked.tst_at, locked.tst_error = stamped
        elif outcome == State.REFUSED:
            locked.state, locked.error = State.REFUSED, message[:500]
        elif locked.attempts >= settings.CAPTURE_MAX_ATTEMPTS:
            locked.state, locked.error = State.FAILED, message[:500]
        else:
            locked.error = message[:500]
            locked.next_attempt_at = clock.now() + dt.timedelta(minutes=2 ** (locked.attempts - 1))
        locked.save()
        audit_record(
            actor=None,
            actor_label="capture-worker",
            action=f"capture.{'retry' if locked.state == State.PENDING else locked.state}",
            target=locked,
            data={
                "case": locked.case_id,
                "url": locked.url,
                "attempt": locked.attempts,
                "final_url": locked.final_url,
                "http_status": locked.http_status,
                "screenshot_sha256": locked.screenshot_sha256,
                "html_sha256": locked.html_sha256,
                "tsa_time": locked.tst_at.isoformat() if locked.tst_at else None,
                "tsa_error": locked.tst_error,
                "error": locked.error,
            },
        )
    return str(locked.state)


def captures_run_due(*, limit: int = 10) -> RunReport:
    """Schedules new links, then captures up to ``limit`` due ones."""
    report = RunReport(scheduled=captures_schedule())
    for capture in _lease(limit, clock.now()):
        state = capture_one(capture)
        if state == State.DONE:
            report.done += 1
        elif state == State.FAILED:
            report.failed += 1
        elif state == State.REFUSED:
            report.refused += 1
        else:
            report.retrying += 1
    return report


def capture_timestamps_verify(capture: LinkCapture) -> dt.datetime:
    """Verifies both stored tokens against the stored files' hashes now (on demand)."""
    if not capture.html_tst or not capture.screenshot_tst:
        raise timestamps.TimestampError("Tangkapan ini tidak memiliki cap waktu RFC 3161.")
    with capture.screenshot.open("rb") as shot, capture.html.open("rb") as html:
        shot_digest, html_digest = hashlib.sha256(shot.read()).digest(), hashlib.sha256(html.read()).digest()
    timestamps.verify_token(bytes(capture.screenshot_tst), shot_digest)
    return timestamps.verify_token(bytes(capture.html_tst), html_digest)
