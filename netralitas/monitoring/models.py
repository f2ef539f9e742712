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


class Export(models.Model):
    """A case list prepared in the background for the one user who asked (downloads 404 for anyone else)."""

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    class State(models.TextChoices):
        QUEUED = "antre", _("Menunggu giliran")
        RUNNING = "diproses", _("Sedang dibuat")
        READY = "siap", _("Siap diunduh")
        FAILED = "gagal", _("Gagal")

    code = models.CharField(max_length=24, unique=True, default=_code, editable=False, verbose_name=_("kode"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pemohon")
    )
    fmt = models.CharField(_("format"), max_length=8, choices=Format.choices)
    query = models.CharField(_("saringan"), max_length=500, blank=True)
    timezone = models.CharField(_("zona waktu"), max_length=40)
    language = models.CharField(_("bahasa"), max_length=10)
    state = models.CharField(_("keadaan"), max_length=12, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    rows_done = models.PositiveIntegerField(_("baris selesai"), default=0)
    file = models.FileField(upload_to="exports/%Y/", blank=True, verbose_name=_("berkas"))
    size = models.PositiveBigIntegerField(_("ukuran"), default=0)
    created_at = models.DateTimeField(_("diminta"))
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("unduhan daftar kasus")
        verbose_name_plural = _("unduhan daftar kasus")
        indexes = [models.Index(fields=["expires_at"], name="monitoring_export_expires")]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_fmt_display()}, {self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == self.State.READY:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
