"""Forms of the workspace: queue filters, bulk assignment and one form per action on a case.

Every action form carries the case version the officer saw (``expected_version``), so a stale page gets
the service's conflict message instead of acting twice.
"""

from __future__ import annotations

from typing import Any

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from netralitas.cases.listing import QueueFilter
from netralitas.sanctions.models import Level, SanctionType, Track, ViolationType

DECREE_MAX_BYTES = 10 * 1024 * 1024


class RejectionReason(models.TextChoices):
    NOT_ASN = "bukan_asn", _("Terlapor bukan ASN")
    NOT_NEUTRALITY = "bukan_netralitas", _("Bukan pelanggaran netralitas ASN")
    INSUFFICIENT = "bukti_kurang", _("Bukti tidak cukup dan pelapor tidak dapat dihubungi")
    EXPIRED = "kedaluwarsa", _("Peristiwa di luar masa pemilihan yang diawasi")
    OTHER = "lainnya", _("Alasan lain (jelaskan)")


def queue_filter_from(params: QueryDict) -> QueueFilter:
    """Lenient parsing of the queue's query string: unknown values simply filter nothing."""
    return QueueFilter(
        status=params.get("status", "")[:24],
        election=params.get("election", "")[:40],
        region=params.get("region", "")[:5],
        agency=params.get("agency", "")[:16],
        violation=params.get("violation", "")[:40],
        overdue=params.get("overdue") == "1",
        q=params.get("q", "")[:100],
        scope="all" if params.get("scope") == "all" else "queue",
    )


class VersionedForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NoteOnlyForm(VersionedForm):
    note = forms.CharField(
        label=_("Catatan internal (tidak terlihat pelapor)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(VersionedForm):
    nip = forms.CharField(
        label=_("NIP terlapor (18 angka, spasi boleh)"),
        max_length=30,
        error_messages={"required": _("Isi NIP terlapor (18 angka).")},
    )
    note = forms.CharField(
        label=_("Catatan internal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_nip(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())
        if len(digits) != 18:
            raise forms.ValidationError(
                _("NIP harus 18 angka; yang Anda ketik berisi %(n)s angka."), params={"n": len(digits)}
            )
        return digits


class RejectForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("Alasan penolakan"),
        choices=[("", _("— pilih alasan —")), *RejectionReason.choices],
        error_messages={"required": _("Pilih alasan penolakan dari daftar.")},
    )
    detail = forms.CharField(
        label=_("Penjelasan (wajib untuk “Alasan lain”; dikirim ke pelapor)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == RejectionReason.OTHER and not data.get("detail", "").strip():
            self.add_error("detail", _("Jelaskan alasan lain tersebut."))
        return data

    def reason_text(self) -> str:
        label = str(RejectionReason(self.cleaned_data["reason"]).label)
        detail = self.cleaned_data.get("detail", "").strip()
        return f"{label}: {detail}" if detail else label


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasannya.")},
    )


class MergeForm(VersionedForm):
    target = forms.CharField(
        label=_("Nomor kasus tujuan (mis. SBT-2024-000123)"),
        max_length=20,
        error_messages={"required": _("Isi nomor kasus tujuan penggabungan.")},
    )


class ReviewProvenForm(VersionedForm):
    violation_types = forms.ModelMultipleChoiceField(
        label=_("Jenis pelanggaran yang terbukti"),
        queryset=ViolationType.objects.filter(active=True).order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih minimal satu jenis pelanggaran yang terbukti.")},
    )
    track = forms.ChoiceField(label=_("Jalur"), choices=Track.choices)
    level = forms.ChoiceField(label=_("Tingkat"), choices=Level.choices)
    sanction_type = forms.ModelChoiceField(
        label=_("Sanksi yang direkomendasikan"),
        queryset=SanctionType.objects.filter(active=True).order_by("track", "severity"),
        error_messages={"required": _("Pilih sanksi yang direkomendasikan.")},
    )
    rationale = forms.CharField(
        label=_("Pertimbangan kajian (minimal 20 karakter)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tuliskan pertimbangan kajian.")},
    )


class SendRecommendationForm(VersionedForm):
    letter_number = forms.CharField(
        label=_("Nomor surat rekomendasi (kosongkan agar dibuat otomatis)"), max_length=80, required=False
    )


class DecisionForm(VersionedForm):
    decree_number = forms.CharField(
        label=_("Nomor keputusan"), max_length=120, error_messages={"required": _("Isi nomor keputusan.")}
    )
    decree_date = forms.DateField(
        label=_("Tanggal keputusan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal keputusan."),
            "invalid": _("Tanggal keputusan tidak valid; gunakan format HH/BB/TTTT."),
        },
    )
    sanction_type = forms.ModelChoiceField(
        label=_("Sanksi yang dijatuhkan"),
        queryset=SanctionType.objects.filter(active=True).order_by("track", "severity"),
        error_messages={"required": _("Pilih sanksi yang dijatuhkan.")},
    )
    document = forms.FileField(
        label=_("Unggah keputusan (PDF, maks. 10 MB)"),
        error_messages={"required": _("Unggah berkas PDF keputusan sebagai bukti tindak lanjut.")},
    )

    def clean_document(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["document"]
        if upload.size is not None and upload.size > DECREE_MAX_BYTES:
            raise forms.ValidationError(_("Berkas keputusan lebih dari 10 MB; perkecil lalu unggah lagi."))
        head = upload.read(2048)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime != "application/pdf":
            raise forms.ValidationError(
                _("Berkas keputusan harus PDF (isi berkas diperiksa, bukan namanya).")
            )
        return upload


class NumberForm(VersionedForm):
    # Empty: the issuing body's numbering scheme gives the next number (no gaps, no duplicates).
    number = forms.CharField(
        label=_("Nomor surat (kosongkan agar dibuat otomatis)"), max_length=80, required=False
    )


class OptionalNoteForm(VersionedForm):
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredNoteForm(VersionedForm):
    note = forms.CharField(
        label=_("Bukti tindak lanjut yang diperiksa"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Sebutkan bukti tindak lanjut yang Anda periksa.")},
    )


class ConflictAcknowledgeForm(VersionedForm):
    note = forms.CharField(
        label=_("Tindak lanjut yang dilakukan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan tindak lanjut yang dilakukan.")},
    )


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Isi catatan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis isi catatan terlebih dahulu.")},
    )
    to_reporter = forms.TypedChoiceField(
        label=_("Jenis"),
        choices=[("0", _("Catatan internal (hanya petugas)")), ("1", _("Pesan untuk pelapor"))],
        coerce=lambda v: v == "1",
        initial="0",
        widget=forms.RadioSelect,
    )


class IdentityRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka identitas pelapor (dicatat di jejak audit)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan membuka identitas pelapor.")},
    )


class BulkAssignForm(forms.Form):
    assignee = forms.ChoiceField(
        label=_("Tugaskan kepada"), error_messages={"required": _("Pilih rekan yang ditugaskan.")}
    )

    def __init__(self, *args: Any, colleagues: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— pilih rekan —")), *colleagues]
