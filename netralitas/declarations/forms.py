from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class SignForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=24,
        error_messages={"required": _("NIP wajib diisi (18 angka, spasi boleh).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Tanggal lahir wajib diisi."),
            "invalid": _("Tanggal lahir tidak valid; tulis seperti 13-03-1986."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    nik_last4 = forms.CharField(
        label=_("4 digit terakhir NIK (KTP)"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Isi tepat 4 angka terakhir NIK Anda."))],
        error_messages={
            "required": _("4 digit terakhir NIK wajib diisi."),
            "min_length": _("Isi tepat 4 angka terakhir NIK Anda."),
            "max_length": _("Isi tepat 4 angka terakhir NIK Anda."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{4}"}),
    )

    def clean_nip(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())
        if len(digits) != 18:
            raise forms.ValidationError(
                _("NIP harus 18 angka; Anda mengisi %(n)s angka."), params={"n": len(digits)}
            )
        return digits


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Lembar hadir (.csv atau .xlsx)"),
        error_messages={"required": _("Pilih berkas lembar hadir.")},
    )


class ActionItemDoneForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan penyelesaian"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan apa yang sudah dilakukan.")},
    )
