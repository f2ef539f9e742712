"""Staff pages of coordination meetings and their action items ("Tindak lanjut rakor")."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netralitas.accounts.models import User

from . import meeting_services, queries
from .forms import ActionItemDoneForm
from .services import DeclarationError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = queries.visible_meetings(_user(request))
    return render(request, "declarations/meeting_list.html", {"meetings": meetings})


@login_required
def meeting_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    meeting = queries.get_meeting_for_user(user, code)
    before, after = queries.case_figures_around(user, meeting)
    return render(
        request,
        "declarations/meeting.html",
        {
            "meeting": meeting,
            "before": before,
            "after": after,
            "attendance": meeting.attendance.select_related("agency"),
            "items": meeting.action_items.select_related("owner"),
            "invited": meeting.invited.all(),
            "tz": meeting.region.timezone,
        },
    )


@login_required
def action_items(request: HttpRequest) -> HttpResponse:
    items = queries.open_action_items(_user(request))
    return render(request, "declarations/action_items.html", {"items": items, "form": ActionItemDoneForm()})


@login_required
@require_POST
def action_item_done(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    item = queries.get_owned_action_item(user, code)
    form = ActionItemDoneForm(request.POST)
    if form.is_valid():
        try:
            meeting_services.action_item_complete(item=item, actor=user, note=form.cleaned_data["note"])
        except DeclarationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Tindak lanjut ditandai selesai."))
            return redirect("declarations:action_items")
    items = queries.open_action_items(user)
    return render(
        request,
        "declarations/action_items.html",
        {"items": items, "form": form, "failed": item.code},
        status=422,
    )
