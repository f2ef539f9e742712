from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AlertNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan (hanya untuk auditor)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AlertIdentityForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka identitas pelapor"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan membuka identitas pelapor (minimal 10 karakter).")},
    )
