"""Login and two-factor forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    password = forms.CharField(label=_("Kata sandi"), strip=False, widget=forms.PasswordInput)


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={
            "invalid": _("Masukkan 6 angka dari aplikasi autentikator (tanpa huruf)."),
            "required": _("Masukkan 6 angka dari aplikasi autentikator."),
        },
    )
