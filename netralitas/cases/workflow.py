"""The SBT case flow as one transition table (domain.md §3).

Pure data and functions: no ORM, no I/O. ``services.case_transition`` is the only code that applies it.
Extension of the published diagram: a ``TERBUKTI`` state between Bawaslu's conclusion and the PPK's
queue, so that BKN's act of sending the recommendation is its own dated, audited step (ADR 0003).

Labels and next steps stay plain Bahasa Indonesia strings (docs/workflow.md and the audit trail use them);
``gettext_noop`` puts them in the message catalogue, and the pages translate them when they render.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from netralitas.accounts.models import Function, Role


class Status(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    VERIFICATION = "verifikasi", _("Verifikasi Satgas")
    REVIEW = "kajian_bawaslu", _("Dikaji Bawaslu")
    PROVEN = "terbukti", _("Terbukti, menunggu rekomendasi BKN")
    AWAITING_FOLLOW_UP = "menunggu_tindak_lanjut", _("Direkomendasikan ke PPK")
    DECISION_CHECK = "keputusan_diperiksa", _("Keputusan PPK diperiksa auditor")
    SANCTIONED = "disanksi", _("Sanksi dijatuhkan")
    REJECTED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")
    NOT_PROVEN = "tidak_terbukti", _("Tidak terbukti")
    MOOT = "gugur", _("Gugur")


class Stage(StrEnum):
    """Stages whose duration a deadline rule limits; several statuses can share one stage."""

    VERIFICATION = "verifikasi"
    REVIEW = "kajian"
    RECOMMENDATION = "rekomendasi"
    FOLLOW_UP = "tindak_lanjut"


STAGE_OF_STATUS: dict[str, Stage] = {
    Status.RECEIVED: Stage.VERIFICATION,
    Status.VERIFICATION: Stage.VERIFICATION,
    Status.REVIEW: Stage.REVIEW,
    Status.PROVEN: Stage.RECOMMENDATION,
    Status.AWAITING_FOLLOW_UP: Stage.FOLLOW_UP,
    # The follow-up is done when the auditor accepts the decree: a decree sent back keeps the PPK's
    # original deadline, so a placeholder upload cannot buy a fresh period.
    Status.DECISION_CHECK: Stage.FOLLOW_UP,
}

FINAL_STATUSES = frozenset(
    {Status.SANCTIONED, Status.REJECTED, Status.CANCELLED, Status.NOT_PROVEN, Status.MOOT}
)


class Requirement(StrEnum):
    """Preconditions a transition checks on the case or its payload."""

    EMPLOYEE_RESOLVED = "employee_resolved"
    REASON = "reason"
    MERGE_TARGET = "merge_target"
    RECOMMENDATION = "recommendation"
    DECISION = "decision"
    EMPLOYEE_LEFT_SERVICE = "employee_left_service"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    role: Role
    function: Function | None
    label: str
    next_step: str
    requires: frozenset[Requirement] = frozenset()
    public_message: str = ""


def _t(
    action: str,
    sources: set[str],
    target: str,
    role: Role,
    function: Function | None,
    label: str,
    next_step: str,
    requires: set[Requirement] | None = None,
    public_message: str = "",
) -> Transition:
    return Transition(
        action,
        frozenset(sources),
        target,
        role,
        function,
        label,
        next_step,
        frozenset(requires or ()),
        public_message,
    )


TRANSITIONS: tuple[Transition, ...] = (
    _t(
        "start_verification",
        {Status.RECEIVED},
        Status.VERIFICATION,
        Role.VERIFIER,
        Function.VERIFY,
        gettext_noop("Mulai verifikasi"),
        gettext_noop("Satgas memeriksa kelengkapan dan identitas terlapor."),
        public_message="Laporan Anda sedang diverifikasi Satgas Netralitas.",
    ),
    _t(
        "forward",
        {Status.VERIFICATION},
        Status.REVIEW,
        Role.VERIFIER,
        Function.VERIFY,
        gettext_noop("Teruskan ke Bawaslu"),
        gettext_noop("Bawaslu mengkaji laporan dalam batas waktu kajian."),
        {Requirement.EMPLOYEE_RESOLVED},
        public_message="Laporan Anda diteruskan ke Bawaslu untuk dikaji.",
    ),
    _t(
        "reject",
        {Status.VERIFICATION},
        Status.REJECTED,
        Role.VERIFIER,
        Function.VERIFY,
        gettext_noop("Tolak laporan"),
        gettext_noop("Kasus ditutup; pelapor menerima alasan penolakan."),
        {Requirement.REASON},
        public_message="Laporan Anda tidak dapat ditindaklanjuti.",
    ),
    _t(
        "cancel",
        {Status.RECEIVED, Status.VERIFICATION},
        Status.CANCELLED,
        Role.VERIFIER,
        Function.VERIFY,
        gettext_noop("Batalkan (ditarik/duplikat)"),
        gettext_noop("Kasus ditutup tanpa pemeriksaan lebih lanjut."),
        {Requirement.REASON},
        public_message="Laporan Anda dibatalkan.",
    ),
    _t(
        "merge",
        {Status.RECEIVED, Status.VERIFICATION},
        Status.CANCELLED,
        Role.VERIFIER,
        Function.VERIFY,
        gettext_noop("Gabungkan ke kasus lain"),
        gettext_noop("Penanganan berlanjut pada kasus tujuan; riwayat keduanya disimpan."),
        {Requirement.MERGE_TARGET},
        public_message="Laporan Anda digabungkan dengan laporan lain tentang peristiwa yang sama.",
    ),
    _t(
        "conclude_proven",
        {Status.REVIEW},
        Status.PROVEN,
        Role.BAWASLU,
        Function.REVIEW,
        gettext_noop("Simpulkan: terbukti"),
        gettext_noop("BKN menyampaikan rekomendasi kepada PPK instansi terlapor."),
        {Requirement.RECOMMENDATION},
        public_message="Hasil kajian: pelanggaran terbukti. Rekomendasi disiapkan untuk PPK.",
    ),
    _t(
        "conclude_not_proven",
        {Status.REVIEW},
        Status.NOT_PROVEN,
        Role.BAWASLU,
        Function.REVIEW,
        gettext_noop("Simpulkan: tidak terbukti"),
        gettext_noop("Kasus ditutup."),
        {Requirement.REASON},
        public_message="Hasil kajian: pelanggaran tidak terbukti.",
    ),
    _t(
        "send_recommendation",
        {Status.PROVEN},
        Status.AWAITING_FOLLOW_UP,
        Role.BKN,
        Function.RECOMMEND,
        gettext_noop("Kirim rekomendasi ke PPK"),
        gettext_noop("PPK wajib menjatuhkan sanksi sebelum batas waktu tindak lanjut."),
        public_message="Rekomendasi telah disampaikan kepada PPK.",
    ),
    _t(
        "submit_decision",
        {Status.AWAITING_FOLLOW_UP},
        Status.DECISION_CHECK,
        Role.PPK,
        None,
        gettext_noop("Catat keputusan sanksi"),
        gettext_noop(
            "Auditor Manajemen ASN memeriksa keputusan; bila sesuai, sanksi dicatat dan diteruskan ke I'DIS."
        ),
        {Requirement.DECISION},
        public_message="PPK telah menyampaikan keputusan sanksi; keputusan sedang diperiksa.",
    ),
    _t(
        "record_sanction",
        {Status.DECISION_CHECK},
        Status.SANCTIONED,
        Role.AUDITOR,
        None,
        gettext_noop("Terima keputusan PPK"),
        gettext_noop("Sanksi tercatat dan diteruskan ke I'DIS; blokir SIASN dibuka; kasus ditutup."),
        {Requirement.DECISION},
        public_message="PPK telah menjatuhkan sanksi.",
    ),
    _t(
        "return_decision",
        {Status.DECISION_CHECK},
        Status.AWAITING_FOLLOW_UP,
        Role.AUDITOR,
        None,
        gettext_noop("Kembalikan keputusan ke PPK"),
        gettext_noop(
            "PPK memperbaiki keputusan dan mengunggahnya kembali; batas waktu tindak lanjut tetap berjalan."
        ),
        {Requirement.REASON},
        public_message="Keputusan PPK dikembalikan untuk diperbaiki.",
    ),
    _t(
        "mark_moot",
        {Status.AWAITING_FOLLOW_UP},
        Status.MOOT,
        Role.BKN,
        Function.RECOMMEND,
        gettext_noop("Nyatakan gugur (ASN berhenti)"),
        gettext_noop("Kasus ditutup karena terlapor tidak lagi berstatus ASN aktif."),
        {Requirement.EMPLOYEE_LEFT_SERVICE, Requirement.REASON},
        public_message="Penanganan dihentikan karena terlapor tidak lagi berstatus ASN.",
    ),
)

_BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


def transition_for(action: str) -> Transition | None:
    return _BY_ACTION.get(action)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.sources]


def is_final(status: str) -> bool:
    return status in FINAL_STATUSES


def reachable_statuses() -> set[str]:
    seen = {Status.RECEIVED.value}
    frontier = [Status.RECEIVED.value]
    while frontier:
        current = frontier.pop()
        for t in transitions_from(current):
            if t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    return seen


def render_markdown() -> str:
    """docs/workflow.md, generated from the table (a test keeps the file in step)."""
    lines = [
        "# Case workflow",
        "",
        "Generated from `netralitas/cases/workflow.py` by `manage.py render_workflow`; do not edit by hand.",
        "",
        "```mermaid",
        "stateDiagram-v2",
        f"    [*] --> {Status.RECEIVED.value}",
    ]
    for t in TRANSITIONS:
        for source in sorted(t.sources):
            lines.append(f"    {source} --> {t.target}: {t.action}")
    for status in sorted(FINAL_STATUSES):
        lines.append(f"    {status} --> [*]")
    lines += [
        "```",
        "",
        "| action | from | to | role | function | requires | next step |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in TRANSITIONS:
        function = t.function.value if t.function else "PPK of the reported employee's agency"
        lines.append(
            f"| `{t.action}` | {', '.join(sorted(t.sources))} | {t.target} | {t.role.value} | {function} | "
            f"{', '.join(sorted(r.value for r in t.requires)) or '—'} | {t.next_step} |"
        )
    lines += [
        "",
        "## Statuses",
        "",
        "| status | label | stage with a deadline | final |",
        "|---|---|---|---|",
    ]
    for status in Status:
        stage = STAGE_OF_STATUS.get(status)
        lines.append(
            f"| `{status.value}` | {status.label} | {stage.value if stage else '—'} | "
            f"{'yes' if status in FINAL_STATUSES else 'no'} |"
        )
    return "\n".join(lines) + "\n"
