"""The old workspace addresses (/kasus/ and /kasus/<code>/), kept working: they check access like every
case page (404 outside scope) and hand over to the workspace app, which holds the pages now."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User

from . import queries


@staff_required
def my_cases(request: HttpRequest) -> HttpResponse:
    query = request.META.get("QUERY_STRING", "")
    target = reverse("workspace:queue")
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


@staff_required
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    assert isinstance(request.user, User)
    case = queries.get_case_for_user(request.user, code)
    return HttpResponseRedirect(reverse("workspace:case", args=[case.code]))
