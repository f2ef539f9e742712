"""Drafts of public reports: what the reporter typed and uploaded before submitting (ADR 0007).

A draft is keyed by a random token that is also the submission's idempotency key. Its answers are stored
encrypted (they may hold the reporter's name and NIK); its files are already checked and stripped.
Drafts older than PORTAL_DRAFT_MAX_AGE_HOURS are removed by ``manage.py purge_drafts``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core import crypto
from netralitas.core.fields import ClockDateTimeField


class Draft(models.Model):
    token = models.CharField(max_length=48, unique=True, verbose_name=_("token"))
    payload = models.BinaryField(default=b"", verbose_name=_("muatan"))
    created_at = ClockDateTimeField(auto_now_add=True, db_index=True, verbose_name=_("dibuat pada"))
    updated_at = ClockDateTimeField(auto_now=True, verbose_name=_("diubah pada"))
    case_number = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("Diisi ketika laporan dikirim."),
        verbose_name=_("nomor kasus"),
    )

    class Meta:
        verbose_name = _("draf laporan")
        verbose_name_plural = _("draf laporan")

    def __str__(self) -> str:
        return f"draft {self.token[:8]}…"

    @property
    def answers(self) -> dict[str, Any]:
        return crypto.decrypt_json(self.payload) if self.payload else {}

    @answers.setter
    def answers(self, value: dict[str, Any]) -> None:
        self.payload = crypto.encrypt_json(value)

    @property
    def submitted(self) -> bool:
        return bool(self.case_number)


class DraftFile(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files", verbose_name=_("draf"))
    code = models.CharField(max_length=24, unique=True, verbose_name=_("kode"))
    file = models.FileField(upload_to="drafts/", verbose_name=_("berkas"))
    original_name = models.CharField(max_length=255, verbose_name=_("nama berkas asli"))
    content_type = models.CharField(
        max_length=100,
        verbose_name=_("jenis isi (MIME)"),
        help_text=_("Jenis MIME, mis. image/jpeg atau application/pdf."),
    )
    size = models.PositiveBigIntegerField(verbose_name=_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"), help_text=_("64 digit heksadesimal."))
    uploaded_at = ClockDateTimeField(auto_now_add=True, verbose_name=_("diunggah pada"))

    class Meta:
        verbose_name = _("berkas draf laporan")
        verbose_name_plural = _("berkas draf laporan")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
