"""Staff pages of coordination meetings and their action items ("Tindak lanjut rakor").

The organisers' writes (create a meeting, record attendance, add action items) are in
``meeting_admin_views``; who manages a meeting is decided in ``organiser_queries``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netralitas.accounts.models import User

from . import meeting_services, organiser_queries, queries
from .forms import ActionItemDoneForm, ActionItemForm, AttendanceFormSet, BaseAttendanceFormSet
from .models import Meeting
from .services import DeclarationError

ATTENDANCE_PREFIX = "hadir"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = queries.visible_meetings(_user(request))
    return render(request, "declarations/meeting_list.html", {"meetings": meetings})


def render_meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    attendance_forms: BaseAttendanceFormSet | None = None,
    item_form: ActionItemForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The meeting page; its managers also get the attendance and action-item forms (blank, or bound with
    what they typed when it did not validate)."""
    user = _user(request)
    before, after = queries.case_figures_around(user, meeting)
    context: dict[str, object] = {
        "meeting": meeting,
        "before": before,
        "after": after,
        "attendance": meeting.attendance.select_related("agency"),
        "items": meeting.action_items.select_related("owner"),
        "invited": meeting.invited.all(),
        "tz": meeting.region.timezone,
        "may_manage": organiser_queries.may_manage_meeting(user, meeting),
    }
    if context["may_manage"]:
        agencies = organiser_queries.meeting_page_agencies(meeting)
        if attendance_forms is None:
            attendance_forms = AttendanceFormSet(prefix=ATTENDANCE_PREFIX, form_kwargs={"agencies": agencies})
        if item_form is None:
            item_form = ActionItemForm(
                agencies=agencies, not_before=organiser_queries.meeting_local_date(meeting)
            )
        context["attendance_forms"] = attendance_forms
        context["item_form"] = item_form
    return render(request, "declarations/meeting.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_meeting_page(request, queries.get_meeting_for_user(_user(request), code))


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
