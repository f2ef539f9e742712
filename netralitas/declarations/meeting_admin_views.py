"""Organisers' meeting pages: record a meeting ("Catat rapat"), then its attendance and action items.

Rule (``organiser_queries``): a meeting is created by a user holding an organising role (Satgas verifier,
BKN officer, admin) whose scope covers the meeting's region; it is managed (attendance, action items) by
its creator and by every such user. Others who may see the meeting only read it: the management URLs
answer them 404, like a meeting outside their scope. Action items land in the owner agency's "Tindak
lanjut rakor" queue.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User

from . import meeting_services, organiser_queries
from .forms import ActionItemForm, AttendanceFormSet, MeetingForm
from .meeting_views import ATTENDANCE_PREFIX, render_meeting_page
from .models import Meeting
from .services import DeclarationError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _posted(request: HttpRequest) -> QueryDict | None:
    # Not ``request.POST or None``: an empty POST must be validated (and refused), not shown as new.
    return request.POST if request.method == "POST" else None


def _meeting_url(meeting: Meeting, anchor: str) -> str:
    return f"{reverse('declarations:meeting', args=[meeting.code])}#{anchor}"


@staff_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not organiser_queries.may_organise(user):
        raise Http404("Halaman tidak ditemukan.")
    if request.method == "GET" and request.headers.get("HX-Request"):
        # The region changed: the organiser and invited agencies of that region.
        chosen = {"region": request.GET.get("region", "")[:5], "organiser": user.agency}
        form = MeetingForm(user=user, initial=chosen)
        return render(request, "declarations/_meeting_agencies.html", {"form": form})
    initial = {"region": organiser_queries.home_region(user), "organiser": user.agency}
    form = MeetingForm(_posted(request), user=user, initial=initial, refresh_url=request.path)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_create(actor=user, **form.service_arguments())
        except DeclarationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Rapat dicatat. Isi daftar hadir dan tindak lanjutnya di bawah."))
            return redirect("declarations:meeting", code=meeting.code)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "declarations/meeting_form.html", {"form": form}, status=status)


@staff_required
@require_POST
def meeting_attendance(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    meeting = organiser_queries.get_managed_meeting(user, code)
    forms = AttendanceFormSet(
        request.POST,
        prefix=ATTENDANCE_PREFIX,
        form_kwargs={"agencies": organiser_queries.meeting_page_agencies(meeting)},
    )
    if forms.is_valid():
        try:
            rows = meeting_services.attendance_record(meeting=meeting, actor=user, attendees=forms.rows())
        except DeclarationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s peserta dicatat hadir.") % {"n": len(rows)})
            return redirect(_meeting_url(meeting, "daftar-hadir"))
    return render_meeting_page(request, meeting, attendance_forms=forms, status=422)


@staff_required
@require_POST
def meeting_action_item(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    meeting = organiser_queries.get_managed_meeting(user, code)
    form = ActionItemForm(
        request.POST,
        agencies=organiser_queries.meeting_page_agencies(meeting),
        not_before=organiser_queries.meeting_local_date(meeting),
    )
    if form.is_valid():
        try:
            meeting_services.action_item_add(meeting=meeting, actor=user, **form.cleaned_data)
        except DeclarationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tindak lanjut ditambahkan ke antrean instansi penanggung jawab."))
            return redirect(_meeting_url(meeting, "tindak-lanjut"))
    return render_meeting_page(request, meeting, item_form=form, status=422)
