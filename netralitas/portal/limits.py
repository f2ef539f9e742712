"""Per-client abuse limits (django-ratelimit on the shared database cache) and the friendly 429 page."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage, is_ratelimited

FAILURE_WINDOW_SECONDS = 3600


def _submit_rate(group: str, request: HttpRequest) -> str:
    return str(settings.PORTAL_SUBMIT_RATE)


def _status_rate(group: str, request: HttpRequest) -> str:
    return str(settings.PORTAL_STATUS_RATE)


def submit_limited(request: HttpRequest) -> bool:
    return is_ratelimited(
        request, group="portal.submit", key="ip", rate=_submit_rate, method="POST", increment=True
    )


def status_limited(request: HttpRequest) -> bool:
    return is_ratelimited(
        request, group="portal.status", key="ip", rate=_status_rate, method="POST", increment=True
    )


def _unproven_rate(group: str, request: HttpRequest) -> str:
    return str(settings.PORTAL_UNPROVEN_RATE)


def unproven_limited(request: HttpRequest) -> bool:
    """Forms sent without the proof-of-work (no JavaScript) still go through, on a tighter budget."""
    return is_ratelimited(
        request, group="portal.unproven", key="ip", rate=_unproven_rate, method="POST", increment=True
    )


def lookup_limited(request: HttpRequest) -> bool:
    """Employee look-ups get four times the status budget: enough for a person, too little to scrape
    the registry."""
    usage = get_usage(
        request, group="portal.lookup", key="ip", rate=lambda g, r: _lookup_rate(), increment=True
    )
    return bool(usage and usage["should_limit"])


def _lookup_rate() -> str:
    count, _, period = str(settings.PORTAL_STATUS_RATE).partition("/")
    return f"{int(count) * 4}/{period}"


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/429.html", status=429)


def _failure_key(request: HttpRequest) -> str:
    return f"portal:status-failures:{request.META.get('REMOTE_ADDR', '')}"


def status_failures(request: HttpRequest) -> int:
    return int(cache.get(_failure_key(request), 0))


def status_failure_add(request: HttpRequest) -> None:
    key = _failure_key(request)
    if cache.add(key, 1, FAILURE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, FAILURE_WINDOW_SECONDS)


def needs_proof(request: HttpRequest) -> bool:
    return status_failures(request) >= int(settings.PORTAL_STATUS_PROOF_AFTER)
