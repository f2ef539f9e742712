"""The plain workspace pages: a role's queue and case list, and a read-only case page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from netralitas.accounts.models import Role, User

from . import queries


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = queries.user_scope(user)
    now = timezone.now()
    queue = list(queries.my_queue(user).select_related("province")[:50])
    rows = [(case, queries.countdown(case, now)) for case in queue]
    visible = (
        queries.visible_cases(user).select_related("province", "agency", "employee").order_by("-received_at")
    )
    page = Paginator(visible, 25).get_page(request.GET.get("page"))
    roles = sorted({Role(r.role).label for r in scope.roles})
    return render(
        request,
        "cases/my_cases.html",
        {"queue": rows, "page": page, "roles": roles, "has_roles": bool(roles)},
    )


@login_required
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    case = queries.get_case_for_user(user, code)
    events = case.events.select_related("actor").order_by("at", "id")
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "events": events,
            "countdown": queries.countdown(case),
            "actions": queries.allowed_transitions(user, case),
            "violations": case.violation_types.all(),
            "tz": case.province.timezone,
        },
    )
