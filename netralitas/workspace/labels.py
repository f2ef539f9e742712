"""Readable, translatable names of timeline events.

A transition's event is named by its label in the transition table (cases/workflow.py), translated at
render time; the other events by the table below.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netralitas.cases.models import CaseEvent
from netralitas.cases.workflow import transition_for

EVENT_LABELS = {
    "submitted": _("Laporan diterima"),
    "employee_resolved": _("Terlapor dicocokkan dengan data ASN"),
    "merged_from": _("Laporan lain digabungkan ke kasus ini"),
    "assigned": _("Ditugaskan kepada petugas"),
    "note": _("Catatan internal"),
    "message": _("Pesan untuk pelapor"),
    "overdue": _("Melewati batas waktu"),
    "evidence_added": _("Bukti ditambahkan"),
    "reporter_information": _("Pelapor menambah keterangan"),
    "warning_issued": _("Surat peringatan diterbitkan"),
    "block_proposed": _("Pemblokiran SIASN diusulkan"),
    "blocked": _("Data ASN diblokir di SIASN"),
    "ppk_reported": _("PPK dilaporkan ke KemenPANRB/Kemendagri"),
    "unblocked": _("Blokir SIASN dibuka"),
}


def event_label(event: CaseEvent) -> str:
    t = transition_for(event.action)
    if t is not None:
        return gettext(t.label)
    if event.action.startswith("control_"):
        return gettext("Tahap pengendalian dijadwalkan")
    label = EVENT_LABELS.get(event.action)
    return str(label) if label else event.action
