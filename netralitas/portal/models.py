"""Drafts of public reports: what the reporter typed and uploaded before submitting (ADR 0007).

A draft is keyed by a random token that is also the submission's idempotency key. Its answers are stored
encrypted (they may hold the reporter's name and NIK); its files are already checked and stripped.
Drafts older than PORTAL_DRAFT_MAX_AGE_HOURS are removed by ``manage.py purge_drafts``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from netralitas.core import crypto
from netralitas.core.fields import ClockDateTimeField


class Draft(models.Model):
    token = models.CharField(max_length=48, unique=True)
    payload = models.BinaryField(default=b"")
    created_at = ClockDateTimeField(auto_now_add=True, db_index=True)
    updated_at = ClockDateTimeField(auto_now=True)
    case_number = models.CharField(max_length=20, blank=True, help_text="Set once the report is submitted.")

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
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    code = models.CharField(max_length=24, unique=True)
    file = models.FileField(upload_to="drafts/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = ClockDateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
