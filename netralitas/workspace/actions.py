"""The acts an officer can take on a case page, each bound to its form and to one service call.

``available_actions`` decides which forms a user sees; the services decide what is allowed (role, scope,
function, state), so a hand-crafted POST gets the same refusal as the page would have shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from netralitas.accounts.models import Role, User
from netralitas.cases import listing, queries
from netralitas.cases.models import Case
from netralitas.cases.services import (
    CaseError,
    TransitionConflict,
    case_merge,
    case_resolve_employee,
    case_transition,
)
from netralitas.cases.workflow import TRANSITIONS, Requirement, Status, Transition, transition_for
from netralitas.sanctions import conflict, control
from netralitas.sanctions.models import ControlAction, Decision
from netralitas.sanctions.services import (
    decision_accept,
    decision_record,
    decision_return,
    recommendation_send,
    review_conclude_proven,
)

from . import forms as wf
from .hearing_actions import hearing_page_actions

Kind = ControlAction.Kind
State = ControlAction.State


@dataclass(frozen=True)
class CaseFacts:
    """What the action list depends on, read once per page."""

    allowed: frozenset[str]
    roles: frozenset[str]
    control: dict[str, str]
    has_decision: bool
    deadline_passed: bool
    # The conflict-of-interest escalations (ADR 0025) still open that this user's body acknowledges.
    conflict_open: tuple[str, ...] = ()


def case_facts(user: User, case: Case, now_passed: bool) -> CaseFacts:
    return CaseFacts(
        allowed=frozenset(t.action for t in queries.allowed_transitions(user, case)),
        roles=queries.covering_roles(user, case),
        control=dict(ControlAction.objects.filter(case=case).values_list("kind", "state")),
        has_decision=Decision.objects.filter(case=case).exists(),
        deadline_passed=now_passed,
        conflict_open=tuple(
            e.recipient
            for e in conflict.open_escalations(user, case)
            if e.acknowledged_at is None and conflict.may_acknowledge(user, e)
        ),
    )


Runner = Callable[[Case, User, forms.Form], str]


@dataclass(frozen=True)
class Action:
    name: str
    title: StrOrPromise
    next_step: StrOrPromise
    form: type[forms.Form]
    run: Runner
    available: Callable[[Case, CaseFacts], bool]
    multipart: bool = False


def _same_version(case: Case, form: forms.Form) -> None:
    if case.version != form.cleaned_data["expected_version"]:
        raise TransitionConflict(
            gettext(
                "Kasus %(number)s telah diubah oleh pengguna lain; muat ulang halaman lalu periksa kembali."
            )
            % {"number": case.number}
        )


def _transition(action: str, *, reason_field: str | None = None) -> Runner:
    def run(case: Case, user: User, form: forms.Form) -> str:
        reason = form.cleaned_data.get(reason_field, "") if reason_field else ""
        t = transition_for(action)
        assert t is not None
        case_transition(
            case=case,
            actor=user,
            action=action,
            expected_version=form.cleaned_data["expected_version"],
            reason=reason,
            note=form.cleaned_data.get("note", ""),
        )
        return f"{gettext(t.label)}: {gettext(t.next_step)}"

    return run


def _reject(case: Case, user: User, form: forms.Form) -> str:
    assert isinstance(form, wf.RejectForm)
    t = transition_for("reject")
    assert t is not None
    reason = form.reason_text()
    case_transition(
        case=case,
        actor=user,
        action="reject",
        expected_version=form.cleaned_data["expected_version"],
        reason=reason,
        public_message=f"{t.public_message} Alasan: {reason}.",
    )
    return f"{gettext(t.label)}: {gettext(t.next_step)}"


def _resolve(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    employee = listing.employee_by_nip(form.cleaned_data["nip"])
    if employee is None:
        raise CaseError(
            gettext("NIP %(nip)s tidak ditemukan di data ASN. Periksa kembali 18 angkanya.")
            % {"nip": form.cleaned_data["nip"]}
        )
    case_resolve_employee(case=case, actor=user, employee=employee, note=form.cleaned_data.get("note", ""))
    return gettext("Terlapor dicocokkan: %(name)s (NIP %(nip)s), %(agency)s.") % {
        "name": employee.name,
        "nip": employee.nip,
        "agency": employee.agency.name,
    }


def _merge(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    target = listing.case_by_number_for_user(user, form.cleaned_data["target"])
    if target is None:
        raise CaseError(
            gettext("Kasus %(number)s tidak ditemukan dalam cakupan Anda.")
            % {"number": form.cleaned_data["target"]}
        )
    case_merge(case=case, target=target, actor=user)
    return gettext("Kasus digabungkan ke %(number)s; penanganan berlanjut di sana.") % {
        "number": target.number
    }


def _review_proven(case: Case, user: User, form: forms.Form) -> str:
    d = form.cleaned_data
    review_conclude_proven(
        case=case,
        actor=user,
        violation_type_ids=[v.pk for v in d["violation_types"]],
        track=d["track"],
        level=d["level"],
        sanction_type=d["sanction_type"],
        rationale=d["rationale"],
        expected_version=d["expected_version"],
    )
    return gettext("Kesimpulan terbukti disimpan. BKN menyampaikan rekomendasi kepada PPK instansi terlapor.")


def _send_recommendation(case: Case, user: User, form: forms.Form) -> str:
    recommendation_send(
        case=case,
        actor=user,
        letter_number=form.cleaned_data["letter_number"],
        expected_version=form.cleaned_data["expected_version"],
    )
    return gettext("Rekomendasi terkirim; surat rekomendasi (PDF) tersedia di halaman kasus.")


def _decision(case: Case, user: User, form: forms.Form) -> str:
    d = form.cleaned_data
    decision_record(
        case=case,
        actor=user,
        decree_number=d["decree_number"],
        decree_date=d["decree_date"],
        sanction_type=d["sanction_type"],
        document=d["document"],
        expected_version=d["expected_version"],
    )
    return str(_("Keputusan PPK tercatat dan menunggu pemeriksaan Auditor Manajemen ASN."))


def _decision_accept(case: Case, user: User, form: forms.Form) -> str:
    decision_accept(
        case=case,
        actor=user,
        note=form.cleaned_data.get("note", ""),
        expected_version=form.cleaned_data["expected_version"],
    )
    return str(_("Keputusan PPK diterima: sanksi tercatat dan diteruskan ke I'DIS; kasus ditutup."))


def _decision_return(case: Case, user: User, form: forms.Form) -> str:
    decision_return(
        case=case,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["expected_version"],
    )
    return str(_("Keputusan dikembalikan kepada PPK beserta alasannya."))


def _warning(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    action = control.warning_issue(case=case, actor=user, number=form.cleaned_data["number"])
    return gettext("Surat peringatan %(number)s terbit; PDF-nya tersedia di halaman kasus.") % {
        "number": action.number
    }


def _block_propose(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    control.block_propose(case=case, actor=user, note=form.cleaned_data["note"])
    return gettext("Usulan pemblokiran tercatat; menunggu persetujuan petugas BKN.")


def _block_approve(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    control.block_approve(case=case, actor=user)
    return gettext("Pemblokiran disetujui; layanan kepegawaian terlapor di SIASN diblokir.")


def _conflict_acknowledge(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    facts = case_facts(user, case, False)
    if not facts.conflict_open:
        raise CaseError(gettext("Tidak ada eskalasi konflik kepentingan yang menunggu Anda."))
    escalation = conflict.escalation_acknowledge(
        case=case, recipient=facts.conflict_open[0], actor=user, note=form.cleaned_data["note"]
    )
    return gettext("Tindak lanjut eskalasi %(body)s dicatat.") % {"body": escalation.get_recipient_display()}


def _ppk_report(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    control.ppk_report_issue(case=case, actor=user, number=form.cleaned_data["number"])
    return gettext("Laporan tentang PPK tercatat.")


def _unblock(case: Case, user: User, form: forms.Form) -> str:
    _same_version(case, form)
    control.unblock(case=case, actor=user, note=form.cleaned_data["note"])
    return gettext("Blokir dibuka.")


def _allowed(name: str) -> Callable[[Case, CaseFacts], bool]:
    return lambda case, facts: name in facts.allowed


def _auditor_waiting(case: Case, facts: CaseFacts) -> bool:
    return Role.AUDITOR in facts.roles and case.status == Status.AWAITING_FOLLOW_UP


def _may_warn(case: Case, f: CaseFacts) -> bool:
    return _auditor_waiting(case, f) and f.deadline_passed and f.control.get(Kind.WARNING) != State.DONE


def _may_propose_block(case: Case, f: CaseFacts) -> bool:
    return (
        _auditor_waiting(case, f)
        and f.control.get(Kind.WARNING) == State.DONE
        and f.control.get(Kind.BLOCK) not in (State.PROPOSED, State.DONE)
    )


def _may_approve_block(case: Case, f: CaseFacts) -> bool:
    return Role.BKN in f.roles and f.control.get(Kind.BLOCK) == State.PROPOSED


def _may_report_ppk(case: Case, f: CaseFacts) -> bool:
    return (
        _auditor_waiting(case, f)
        and f.control.get(Kind.BLOCK) == State.DONE
        and f.control.get(Kind.PPK_REPORT) != State.DONE
    )


def _may_unblock(case: Case, f: CaseFacts) -> bool:
    return (
        Role.AUDITOR in f.roles
        and f.control.get(Kind.BLOCK) == State.DONE
        and f.has_decision
        and f.control.get(Kind.UNBLOCK) != State.DONE
    )


def _may_acknowledge_conflict(case: Case, f: CaseFacts) -> bool:
    return bool(f.conflict_open)


def _may_resolve(case: Case, f: CaseFacts) -> bool:
    return Role.VERIFIER in f.roles and case.status in (Status.RECEIVED, Status.VERIFICATION)


# Transitions asked for with more than a note or a reason, and the service that then runs them. Every
# other transition gets a reason form when the table requires a reason, else a note form.
_TRANSITION_FORMS: dict[str, tuple[type[forms.Form], Runner]] = {
    "merge": (wf.MergeForm, _merge),
    "reject": (wf.RejectForm, _reject),
    "conclude_proven": (wf.ReviewProvenForm, _review_proven),
    "send_recommendation": (wf.SendRecommendationForm, _send_recommendation),
    "submit_decision": (wf.DecisionForm, _decision),
    "record_sanction": (wf.OptionalNoteForm, _decision_accept),
    "return_decision": (wf.ReasonForm, _decision_return),
}


def _transition_action(t: Transition) -> Action:
    """A transition of the table as a page action: its label, next step and guard come from the table."""
    if t.action in _TRANSITION_FORMS:
        form, run = _TRANSITION_FORMS[t.action]
    elif Requirement.REASON in t.requires:
        form, run = wf.ReasonForm, _transition(t.action, reason_field="reason")
    else:
        form, run = wf.NoteOnlyForm, _transition(t.action)
    multipart = any(isinstance(f, forms.FileField) for f in form.base_fields.values())
    return Action(t.action, t.label, t.next_step, form, run, _allowed(t.action), multipart=multipart)


# Acts outside the case's status flow (the control actions are sanctions.control's own rungs).
RESOLVE = Action(
    "resolve",
    _("Cocokkan terlapor dengan NIP"),
    _("Kasus terhubung ke data ASN dan instansinya; PPK instansi itu yang kelak menindaklanjuti."),
    wf.ResolveForm,
    _resolve,
    _may_resolve,
)
CONTROL_ACTIONS = (
    Action(
        "warning",
        _("Terbitkan surat peringatan kepada PPK"),
        _(
            "Sistem membuat surat peringatan (PDF). Bila PPK tetap tidak bertindak, auditor dapat "
            "mengusulkan pemblokiran data ASN di SIASN."
        ),
        wf.NumberForm,
        _warning,
        _may_warn,
    ),
    Action(
        "block_propose",
        _("Usulkan pemblokiran SIASN"),
        _("Petugas BKN (bukan pengusul) menyetujui; setelah itu layanan kepegawaian terlapor terhenti."),
        wf.OptionalNoteForm,
        _block_propose,
        _may_propose_block,
    ),
    Action(
        "block_approve",
        _("Setujui pemblokiran SIASN"),
        _("Data ASN terlapor diblokir sampai PPK membuktikan tindak lanjut; auditor membuka blokirnya."),
        wf.VersionedForm,
        _block_approve,
        _may_approve_block,
    ),
    Action(
        "ppk_report",
        _("Laporkan PPK ke KemenPANRB/Kemendagri"),
        _("Laporan tentang PPK yang tidak menindaklanjuti dicatat sebagai dasar pembinaan."),
        wf.NumberForm,
        _ppk_report,
        _may_report_ppk,
    ),
    Action(
        "conflict_acknowledge",
        _("Catat tindak lanjut eskalasi konflik kepentingan PPK"),
        _("Eskalasi ini tidak terlihat oleh PPK dan instansinya; catatannya masuk jejak audit."),
        wf.ConflictAcknowledgeForm,
        _conflict_acknowledge,
        _may_acknowledge_conflict,
    ),
    Action(
        "unblock",
        _("Buka blokir SIASN"),
        _("Layanan kepegawaian terlapor berjalan kembali; kasus tetap tercatat."),
        wf.RequiredNoteForm,
        _unblock,
        _may_unblock,
    ),
)


def _page_order() -> list[Action]:
    """The table's transitions in order, matching the person just before the first transition that needs
    a matched person, the examination of the ASN just before the PPK's decision, then the control actions
    and the administrative remedies."""
    ordered: list[Action] = []
    due_process = hearing_page_actions(Action)
    for t in TRANSITIONS:
        if Requirement.EMPLOYEE_RESOLVED in t.requires and RESOLVE not in ordered:
            ordered.append(RESOLVE)
        if t.action == "submit_decision":
            ordered += due_process[:3]
        ordered.append(_transition_action(t))
    return [*ordered, *CONTROL_ACTIONS, *due_process[3:]]


ACTIONS: dict[str, Action] = {a.name: a for a in _page_order()}


def available_actions(case: Case, facts: CaseFacts) -> list[Action]:
    return [a for a in ACTIONS.values() if a.available(case, facts)]
