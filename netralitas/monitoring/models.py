"""Generated monitoring reports (the weekly leadership PDF), stored through Django's storage API."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _code() -> str:
    return secrets.token_urlsafe(12)


class Report(models.Model):
    class Kind(models.TextChoices):
        WEEKLY = "mingguan", _("Ringkasan mingguan")

    code = models.CharField(max_length=24, unique=True, default=_code, editable=False, verbose_name=_("kode"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.WEEKLY)
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    file = models.FileField(upload_to="reports/%Y/", verbose_name=_("berkas"))
    size = models.PositiveIntegerField(default=0, verbose_name=_("ukuran (bita)"))
    created_at = models.DateTimeField(_("dibuat"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("laporan pemantauan")
        verbose_name_plural = _("laporan pemantauan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%d-%m-%Y} s.d. {self.period_end:%d-%m-%Y}"
