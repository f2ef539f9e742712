"""Deletes expired case-list exports and their files (MONITORING_EXPORT_TTL_HOURS); idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netralitas.monitoring.export_services import exports_purge


class Command(BaseCommand):
    help = "Hapus unduhan daftar kasus yang sudah kedaluwarsa beserta berkasnya."

    def handle(self, *args: Any, **options: Any) -> None:
        count = exports_purge()
        self.stdout.write(f"{count} unduhan kedaluwarsa dihapus.")
