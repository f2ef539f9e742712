"""The case page and its POSTs: actions, notes and the audited request for the reporter's identity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import Role, User
from netralitas.captures.models import LinkCapture
from netralitas.cases import listing, queries
from netralitas.cases.letters import intake_letters
from netralitas.cases.models import Case
from netralitas.cases.notes import MESSAGE_ROLES, case_note_add
from netralitas.cases.notifications import viewer_zone
from netralitas.cases.services import (
    IDENTITY_READERS,
    CaseError,
    NotAllowed,
    TransitionConflict,
    reporter_identity_read,
    reporter_identity_refused_outside_scope,
)
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.registry.holders import ppk_conflict, ppk_on
from netralitas.sanctions import conflict, control
from netralitas.sanctions.models import ControlAction, Decision, Recommendation, ReturnedDecision

from .actions import ACTIONS, Action, available_actions, case_facts
from .forms import CaseNoteForm, IdentityRequestForm
from .hearing_actions import hearing_context


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _auto_id(name: str) -> str:
    """Several forms share one page: ids carry the action's name so each label points at its own field."""
    return f"id_{name}_%s"


def _unbound(action: Action, case: Case, duplicates: list[tuple[Case, float]]) -> forms.Form:
    initial: dict[str, Any] = {"expected_version": case.version}
    if action.name == "merge" and duplicates:
        initial["target"] = duplicates[0][0].number
    if action.name == "resolve" and case.employee:
        initial["nip"] = case.employee.nip
    return action.form(initial=initial, auto_id=_auto_id(action.name))


def _case_context(
    request: HttpRequest,
    user: User,
    case: Case,
    *,
    bound: tuple[str, forms.Form, str] | None = None,
    note_form: CaseNoteForm | None = None,
    note_error: str = "",
    identity_form: IdentityRequestForm | None = None,
    identity_error: str = "",
    identity: dict[str, Any] | None = None,
    identity_shown: bool = False,
) -> dict[str, Any]:
    now = clock.now()
    facts = case_facts(user, case, case.deadline_at is not None and now > case.deadline_at)
    roles = facts.roles
    duplicates = (
        queries.duplicate_candidates(case, user=user)
        if Role.VERIFIER in roles and case.status in ("diterima", "verifikasi")
        else []
    )
    actions = []
    available = available_actions(case, facts)
    # A refused POST for an action this page does not offer (stale page, hand-made request): say why.
    orphan_error = bound[2] if bound and bound[0] not in {a.name for a in available} else ""
    for action in available:
        if bound and bound[0] == action.name:
            actions.append((action, bound[1], bound[2]))
        else:
            actions.append((action, _unbound(action, case, duplicates), ""))
    events = list(case.events.select_related("actor").order_by("at", "id"))
    block_state = facts.control.get(ControlAction.Kind.BLOCK)
    block_pending = block_state in (ControlAction.State.PROPOSED, ControlAction.State.DONE)
    block_from = None if block_pending else control.block_possible_from(case)
    hidden = queries.out_of_scope_references(user, case, events)
    for event in events:  # a merge names the other case: not when it is outside the user's scope
        for number in hidden:
            event.note = event.note.replace(number, _("(kasus di luar cakupan Anda)"))
            if isinstance(event.data, dict) and number in str(event.data.get("reason", "")):
                event.data = {
                    **event.data,
                    "reason": event.data["reason"].replace(number, _("(kasus di luar cakupan Anda)")),
                }
    bound_form = bound[1] if bound and not orphan_error else None
    summary_problems = [
        text
        for text in (
            bound[2] if bound and not orphan_error and not bound[1].errors else "",
            note_error if note_form is not None and not note_form.errors else "",
            identity_error if identity_form is not None and not identity_form.errors else "",
        )
        if text
    ]
    return {
        "case": case,
        # The error summary at the top (GOV.UK pattern): the refused form's field errors, else the reason.
        "summary_form": _with_errors(bound_form),
        "summary_note_form": _with_errors(note_form),
        "summary_identity_form": _with_errors(identity_form),
        "summary_problems": summary_problems,
        "action_errors": bool(bound or note_error or identity_error),
        "merged_into": case.merged_into
        if case.merged_into is not None and case.merged_into.number not in hidden
        else None,
        "merged_elsewhere": case.merged_into is not None and case.merged_into.number in hidden,
        "zone": viewer_zone(user, case),
        "countdown": queries.countdown(case, now),
        "violations": case.violation_types.all(),
        "events": events,
        "notes": [e for e in events if e.note or e.public_message],
        "evidence": list(case.evidence.all()),
        "captures": list(LinkCapture.objects.filter(case=case)),
        # Konflik kepentingan PPK (ADR 0025): never shown to a PPK, nor its escalations.
        "ppk_conflict": ppk_conflict(election=case.election, agency=case.agency)
        if conflict.sees_conflict(user, case)
        else None,
        "conflict_escalations": conflict.open_escalations(user, case),
        "ppk_today": ppk_on(case.agency, clock.localdate()) if case.agency is not None else None,
        "tsa_configured": bool(settings.CAPTURE_TSA_URL),
        "links": case.links,
        "duplicates": duplicates,
        "other_cases": listing.other_cases_of_employee(user, case)[:20],
        "actions": actions,
        "orphan_error": orphan_error,
        "block_possible_from": block_from,
        "returned_decision": next((e for e in reversed(events) if e.action == "return_decision"), None)
        if case.status == Status.AWAITING_FOLLOW_UP
        else None,
        "block_not_yet": block_from is not None and now < block_from,
        "recommendation": Recommendation.objects.filter(case=case)
        .select_related("sanction_type", "sending_agency")
        .first(),
        "decision": Decision.objects.filter(case=case).select_related("sanction_type").first(),
        "returned_decisions": list(
            ReturnedDecision.objects.filter(case=case).select_related("sanction_type").order_by("returned_at")
        ),
        "control_actions": ControlAction.objects.filter(case=case).order_by("created_at"),
        "intake_letters": intake_letters(case),
        **hearing_context(case),
        "can_note": bool(roles - {Role.LEADER}),
        "can_message": bool(roles & MESSAGE_ROLES),
        "note_form": note_form or CaseNoteForm(auto_id=_auto_id("note")),
        "note_error": note_error,
        "can_read_identity": bool(roles & IDENTITY_READERS),
        "identity_form": identity_form or IdentityRequestForm(auto_id=_auto_id("identity")),
        "identity_error": identity_error,
        "identity": identity,
        "identity_shown": identity_shown,
        "from_reporter": bool(case.reporter_user_id is None and case.receipt_hash),
    }


def _with_errors(form: forms.Form | None) -> forms.Form | None:
    return form if form is not None and form.errors else None


@staff_required
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    case = queries.get_case_for_user(user, code)
    return render(request, "workspace/case.html", _case_context(request, user, case))


@staff_required
@require_POST
def case_action(request: HttpRequest, code: str, name: str) -> HttpResponse:
    user = _user(request)
    case = queries.get_case_for_user(user, code)
    action = ACTIONS.get(name)
    if action is None:
        raise Http404("Tindakan tidak dikenal.")
    form = action.form(request.POST, request.FILES, auto_id=_auto_id(name))
    if form.is_valid() and _needs_confirmation(user, name, form, request.POST.get("confirmed") == "1"):
        return _confirm(request, case, action, form)
    if form.is_valid():
        try:
            message = action.run(case, user, form)
        except CaseError as error:
            case = queries.get_case_for_user(user, code)
            context = _case_context(request, user, case, bound=(name, form, str(error)))
            return render(request, "workspace/case.html", context, status=_status_of(error))
        messages.success(request, message)
        return HttpResponseRedirect(_after_action_url(user, case))
    context = _case_context(
        request, user, case, bound=(name, form, _("Periksa isian yang ditandai lalu kirim lagi."))
    )
    return render(request, "workspace/case.html", context, status=400)


# Weighty acts ask first, saying what will happen and to whom (issue 13); the second POST carries
# confirmed=1 and the same fields. Acts with a file upload are not among them (a file cannot be re-sent).
CONFIRMED = {
    "merge": gettext_lazy(
        "Laporan %(case)s akan digabungkan ke %(target)s dan ditutup. Pelapornya melihat bahwa laporannya "
        "digabungkan dengan laporan lain dan mengikuti status %(target)s. Penggabungan tidak dapat "
        "dibatalkan."
    ),
    "reject": gettext_lazy(
        "Laporan %(case)s akan ditolak dan ditutup; pelapor melihat alasan penolakan. Penolakan tidak dapat "
        "dibatalkan."
    ),
    "block_approve": gettext_lazy(
        "Data %(employee)s akan diblokir di SIASN: kenaikan pangkat, mutasi dan promosinya berhenti di BKN "
        "sampai blokir dicabut."
    ),
    "unblock": gettext_lazy(
        "Blokir SIASN atas %(employee)s akan dicabut; layanan kepegawaiannya berjalan kembali."
    ),
}


def _needs_confirmation(user: User, name: str, form: forms.Form, confirmed: bool) -> bool:
    if confirmed or name not in CONFIRMED:
        return False
    if name == "merge":  # an unknown target is refused at once, with the typed number kept
        return queries.visible_cases(user).filter(number=form.cleaned_data["target"].strip()).exists()
    return True


def _confirm(request: HttpRequest, case: Case, action: Action, form: forms.Form) -> HttpResponse:
    consequence = str(CONFIRMED[action.name]) % {
        "case": case.number,
        "target": form.cleaned_data.get("target") or "",
        "employee": case.subject_name,
    }
    fields = [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values]
    return render(
        request,
        "workspace/confirm.html",
        {"case": case, "action": action, "consequence": consequence, "fields": fields},
    )


def _status_of(error: CaseError) -> int:
    if isinstance(error, NotAllowed):
        return 403
    return 409 if isinstance(error, TransitionConflict) else 400


def _after_action_url(user: User, case: Case) -> str:
    """Back to the case while the user may still see it, else to the queue (e.g. a verifier's merge)."""
    if queries.visible_cases(user).filter(pk=case.pk).exists():
        return reverse("workspace:case", args=[case.code])
    return reverse("workspace:queue")


@staff_required
@require_POST
def case_note(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    case = queries.get_case_for_user(user, code)
    form = CaseNoteForm(request.POST, auto_id=_auto_id("note"))
    error, status = _("Periksa isian yang ditandai lalu kirim lagi."), 400
    if form.is_valid():
        try:
            case_note_add(
                case=case,
                actor=user,
                text=form.cleaned_data["text"],
                to_reporter=form.cleaned_data["to_reporter"],
            )
        except CaseError as refused:
            error, status = str(refused), _status_of(refused)
        else:
            messages.success(request, _("Catatan disimpan."))
            return HttpResponseRedirect(reverse("workspace:case", args=[case.code]) + "#catatan")
    context = _case_context(request, user, case, note_form=form, note_error=error)
    return render(request, "workspace/case.html", context, status=status)


@staff_required
@require_POST
def reporter_identity(request: HttpRequest, code: str) -> HttpResponse:
    """Shows the decrypted identity once, in this response only; every request is audited."""
    user = _user(request)
    try:
        case = queries.get_case_for_user(user, code)
    except Http404:
        reporter_identity_refused_outside_scope(actor=user, code=code)
        raise
    form = IdentityRequestForm(request.POST, auto_id=_auto_id("identity"))
    if form.is_valid():
        try:
            identity = reporter_identity_read(case=case, actor=user, reason=form.cleaned_data["reason"])
        except CaseError as refused:
            context = _case_context(request, user, case, identity_form=form, identity_error=str(refused))
            return render(
                request,
                "workspace/case.html",
                context,
                status=403 if isinstance(refused, NotAllowed) else 400,
            )
        context = _case_context(request, user, case, identity=identity, identity_shown=True)
        response = render(request, "workspace/case.html", context)
        response["Cache-Control"] = "no-store"
        return response
    context = _case_context(
        request,
        user,
        case,
        identity_form=form,
        identity_error=_("Tuliskan alasan membuka identitas pelapor."),
    )
    return render(request, "workspace/case.html", context, status=400)
