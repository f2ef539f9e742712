"""The queue ("Perlu tindakan saya") with filters, search, pagination and bulk assignment."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from netralitas.accounts.decorators import is_verified, staff_required
from netralitas.accounts.models import Role, User
from netralitas.cases import listing, queries
from netralitas.cases.notifications import viewer_zone
from netralitas.cases.services import CaseError, case_assign
from netralitas.core import clock
from netralitas.declarations.queries import action_item_queue

from .case_views import case_action, case_note, case_page, reporter_identity
from .files import control_letter, decree_file, evidence_file, recommendation_letter, warning_letter
from .forms import BulkAssignForm, queue_filter_from

# Open action items of coordination meetings shown on the queue page; the rest are one link away.
ACTION_ITEMS_SHOWN = 10

__all__ = [
    "bulk_assign",
    "case_action",
    "case_note",
    "case_page",
    "control_letter",
    "decree_file",
    "evidence_file",
    "queue",
    "recommendation_letter",
    "reporter_identity",
    "warning_letter",
]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _colleagues(user: User) -> list[tuple[str, str]]:
    return [(u.username, str(u)) for u in listing.assignable_colleagues(user) if u.pk != user.pk]


def _queue_context(request: HttpRequest, user: User, form: BulkAssignForm | None = None) -> dict[str, object]:
    f = queue_filter_from(request.GET)
    now = clock.now()
    page = Paginator(listing.workspace_cases(user, f), settings.WORKSPACE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(case, queries.countdown(case, now), viewer_zone(user, case)) for case in page]
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    scope = queries.user_scope(user)
    colleagues = _colleagues(user)
    return {
        "filter": f,
        "choices": listing.filter_choices(user),
        "page": page,
        "rows": rows,
        "overdue_count": sum(1 for _, cd, _ in rows if cd and cd.overdue),
        "querystring": urlencode(params),
        "roles": sorted({str(Role(r.role).label) for r in scope.roles}),
        "has_roles": bool(scope.roles),
        "assign_form": form or BulkAssignForm(colleagues=colleagues),
        "can_assign": bool(colleagues),
    }


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    template = (
        "workspace/_queue_results.html" if request.headers.get("HX-Request") else "workspace/queue.html"
    )
    context = _queue_context(request, user)
    if not request.headers.get("HX-Request"):  # the filters narrow cases only, not the action items
        context["action_items"], context["action_items_total"] = action_item_queue(
            user, clock.now(), ACTION_ITEMS_SHOWN
        )
    context["offer_2fa"] = not is_verified(request)
    return render(request, template, context)


@staff_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    back = request.POST.get("back", "")
    target = f"{reverse('workspace:queue')}?{back}" if back else reverse("workspace:queue")
    form = BulkAssignForm(request.POST, colleagues=_colleagues(user))
    codes = request.POST.getlist("codes")
    if not codes:
        messages.error(request, "Centang minimal satu kasus yang akan ditugaskan.")
        return HttpResponseRedirect(target)
    if not form.is_valid():
        messages.error(request, "Pilih rekan satu instansi yang akan ditugaskan.")
        return HttpResponseRedirect(target)
    cases = list(queries.visible_cases(user).filter(code__in=codes))
    if len(cases) != len(set(codes)):
        messages.error(request, "Sebagian kasus yang dicentang tidak ditemukan dalam cakupan Anda.")
        return HttpResponseRedirect(target)
    assignee = User.objects.get(username=form.cleaned_data["assignee"], agency=user.agency)
    try:
        count = case_assign(cases=cases, assignee=assignee, actor=user)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{count} kasus ditugaskan kepada {assignee}.")
    return HttpResponseRedirect(target)
