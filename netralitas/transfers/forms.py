from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TransferUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Berkas keputusan mutasi (.csv atau .xlsx)"),
        error_messages={"required": _("Pilih berkas keputusan mutasi.")},
    )
