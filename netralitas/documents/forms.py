from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Kode verifikasi"), max_length=20, help_text=_("Contoh: 7K2M-Q9XD-4HTB"))


class FileCheckForm(forms.Form):
    file = forms.FileField(label=_("Berkas PDF yang Anda terima"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 20 MB)."))
        return upload
