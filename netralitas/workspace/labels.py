"""Readable, translatable names of timeline events, and the workflow's texts marked for translation.

The transition table (cases/workflow.py) keeps its Bahasa Indonesia labels as plain strings; listing
them here with ``gettext_noop`` puts them in the message catalogue so the workspace can show them in
English too (``gettext(label)`` at render time).
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop
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

WORKFLOW_TEXTS = (
    gettext_noop("Mulai verifikasi"),
    gettext_noop("Satgas memeriksa kelengkapan dan identitas terlapor."),
    gettext_noop("Teruskan ke Bawaslu"),
    gettext_noop("Bawaslu mengkaji laporan dalam batas waktu kajian."),
    gettext_noop("Tolak laporan"),
    gettext_noop("Kasus ditutup; pelapor menerima alasan penolakan."),
    gettext_noop("Batalkan (ditarik/duplikat)"),
    gettext_noop("Kasus ditutup tanpa pemeriksaan lebih lanjut."),
    gettext_noop("Gabungkan ke kasus lain"),
    gettext_noop("Penanganan berlanjut pada kasus tujuan; riwayat keduanya disimpan."),
    gettext_noop("Simpulkan: terbukti"),
    gettext_noop("BKN menyampaikan rekomendasi kepada PPK instansi terlapor."),
    gettext_noop("Simpulkan: tidak terbukti"),
    gettext_noop("Kasus ditutup."),
    gettext_noop("Kirim rekomendasi ke PPK"),
    gettext_noop("PPK wajib menjatuhkan sanksi sebelum batas waktu tindak lanjut."),
    gettext_noop("Catat keputusan sanksi"),
    gettext_noop(
        "Auditor Manajemen ASN memeriksa keputusan; bila sesuai, sanksi dicatat dan diteruskan ke I'DIS."
    ),
    gettext_noop("Terima keputusan PPK"),
    gettext_noop("Sanksi tercatat dan diteruskan ke I'DIS; blokir SIASN dibuka; kasus ditutup."),
    gettext_noop("Kembalikan keputusan ke PPK"),
    gettext_noop(
        "PPK memperbaiki keputusan dan mengunggahnya kembali; batas waktu tindak lanjut tetap berjalan."
    ),
    gettext_noop("Nyatakan gugur (ASN berhenti)"),
    gettext_noop("Kasus ditutup karena terlapor tidak lagi berstatus ASN aktif."),
)


def event_label(event: CaseEvent) -> str:
    t = transition_for(event.action)
    if t is not None:
        return gettext(t.label)
    if event.action.startswith("control_"):
        return gettext("Tahap pengendalian dijadwalkan")
    label = EVENT_LABELS.get(event.action)
    return str(label) if label else event.action
