"""The BKN auditors' queue of protected alerts (ADR 0026); every other login gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User
from netralitas.cases.services import CaseError

from . import queries, services
from .forms import AlertIdentityForm, AlertNoteForm
from .models import AlertEntry, ProtectedAlert


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@staff_required
def alert_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not queries.may_read_alerts(user):
        raise Http404("Halaman tidak ditemukan.")
    return render(request, "protection/alerts.html", {"alerts": queries.visible_alerts(user)})


def _detail(request: HttpRequest, alert: ProtectedAlert, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "alert": alert,
        "entries": list(alert.entries.select_related("actor")),
        "note_form": AlertNoteForm(),
        "identity_form": AlertIdentityForm(),
        "closed": alert.state == ProtectedAlert.State.CLOSED,
        **extra,
    }
    return render(request, "protection/alert.html", context, status=status)


@staff_required
@require_http_methods(["GET"])
def alert_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, queries.get_alert_for_user(_user(request), code))


@staff_required
@require_POST
def alert_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = _user(request)
    alert = queries.get_alert_for_user(user, code)
    if action not in (AlertEntry.Action.ACKNOWLEDGED, AlertEntry.Action.NOTE, AlertEntry.Action.CLOSED):
        raise Http404("Tindakan tidak dikenal.")
    form = AlertNoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, alert, status=400, note_form=form)
    try:
        services.alert_handle(alert=alert, actor=user, action=action, note=form.cleaned_data["note"])
    except CaseError as error:
        form.add_error("note", str(error))
        return _detail(request, alert, status=400, note_form=form)
    messages.success(request, _("Tersimpan dan dicatat di jejak audit."))
    return redirect("protection:alert", code=alert.code)


@staff_required
@require_POST
def alert_identity(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    alert = queries.get_alert_for_user(user, code)
    form = AlertIdentityForm(request.POST)
    if not form.is_valid():
        return _detail(request, alert, status=400, identity_form=form)
    try:
        revealed = services.alert_identity_read(alert=alert, actor=user, reason=form.cleaned_data["reason"])
    except CaseError as error:
        form.add_error("reason", str(error))
        return _detail(request, alert, status=400, identity_form=form)
    response = _detail(request, alert, revealed=revealed)
    response["Cache-Control"] = "no-store"
    return response
