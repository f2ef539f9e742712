"""Forms of the due-process acts on a case page (issue 15): summons, attendance, BAP, remedies."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from netralitas.sanctions.models import Remedy, SanctionType

from .forms import VersionedForm

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATE_ERRORS = {"invalid": _("Tanggal tidak valid; gunakan format HH/BB/TTTT.")}


class SummonsForm(VersionedForm):
    examiner_names = forms.CharField(
        label=_("Pemeriksa: nama dan jabatan (atasan langsung atau anggota tim)"),
        max_length=400,
        required=False,
        help_text=_("Wajib pada panggilan pertama; panggilan kedua memakai pemeriksa yang sama."),
    )
    examination_date = forms.DateField(
        label=_("Tanggal pemeriksaan"),
        widget=_DATE,
        error_messages={"required": _("Isi tanggal pemeriksaan."), **_DATE_ERRORS},
    )
    examination_time = forms.TimeField(
        label=_("Pukul (waktu setempat)"),
        initial=dt.time(9, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Isi jam pemeriksaan."), "invalid": _("Jam tidak valid; mis. 09:00.")},
    )
    place = forms.CharField(
        label=_("Tempat pemeriksaan"),
        max_length=300,
        error_messages={"required": _("Isi tempat pemeriksaan.")},
    )
    letter_number = forms.CharField(
        label=_("Nomor surat panggilan (kosongkan agar dibuat otomatis)"), max_length=80, required=False
    )


class AttendanceForm(VersionedForm):
    attended = forms.TypedChoiceField(
        label=_("Kehadiran terlapor pada tanggal pemeriksaan"),
        choices=[("1", _("Hadir dan diperiksa")), ("0", _("Tidak hadir"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih hadir atau tidak hadir.")},
    )
    note = forms.CharField(
        label=_("Keterangan (wajib bila tidak hadir)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MinutesForm(VersionedForm):
    minutes = forms.FileField(
        label=_("Berita acara pemeriksaan (PDF atau foto; metadata dihapus)"),
        error_messages={"required": _("Unggah berkas berita acara pemeriksaan.")},
    )
    board_recommendation = forms.CharField(
        label=_("Rekomendasi Majelis Kode Etik kepada PPK (jalur kode etik)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RemedyFileForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Jenis upaya administratif"), choices=Remedy.Kind.choices)
    filed_on = forms.DateField(
        label=_("Tanggal diajukan terlapor"),
        widget=_DATE,
        error_messages={"required": _("Isi tanggal pengajuan."), **_DATE_ERRORS},
    )
    decided_by_body = forms.CharField(
        label=_("Diajukan kepada (pejabat atau badan yang memutus)"),
        max_length=300,
        error_messages={"required": _("Isi pejabat atau badan yang memutus.")},
    )
    grounds = forms.CharField(
        label=_("Ringkasan alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan ringkasan alasan.")},
    )


class RemedyDecideForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("Hasil"),
        choices=[c for c in Remedy.Outcome.choices if c[0] != Remedy.Outcome.PENDING],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih hasil upaya administratif.")},
    )
    decided_on = forms.DateField(
        label=_("Tanggal putusan"),
        widget=_DATE,
        error_messages={"required": _("Isi tanggal putusan."), **_DATE_ERRORS},
    )
    new_sanction_type = forms.ModelChoiceField(
        label=_("Hukuman pengganti (bila hukuman diubah)"),
        queryset=SanctionType.objects.filter(active=True).order_by("track", "severity"),
        required=False,
    )
    note = forms.CharField(
        label=_("Pertimbangan putusan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan pertimbangan putusan.")},
    )
