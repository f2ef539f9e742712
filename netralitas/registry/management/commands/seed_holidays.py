"""Seed the Holiday table from the ``holidays`` package (idempotent; admin rows are never touched)."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.registry.calendar import SHIPPED_YEARS, sync_holidays

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")


def parse_years(value: str) -> list[int]:
    """``2024`` → [2024]; ``2023-2026`` → [2023, ..., 2026]; ``2023,2025`` → [2023, 2025]."""
    years: set[int] = set()
    for part in value.split(","):
        match = _RANGE.match(part)
        if not match:
            raise CommandError(f"Tahun tidak valid: {part!r} (contoh: 2024, 2023-2026, 2023,2025).")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise CommandError(f"Rentang tahun terbalik: {part!r}.")
        years.update(range(first, last + 1))
    return sorted(years)


class Command(BaseCommand):
    help = "Isi tabel hari libur dari paket holidays (libur nasional, cuti bersama, hari pemungutan suara)."

    def add_arguments(self, parser: CommandParser) -> None:
        default = f"{SHIPPED_YEARS[0]}-{SHIPPED_YEARS[-1]}"
        parser.add_argument("--years", default=default, help=f"tahun atau rentang tahun (bawaan {default})")

    def handle(self, *args: Any, **options: Any) -> None:
        years = parse_years(options["years"])
        created, updated = sync_holidays(years)
        self.stdout.write(
            f"Hari libur {years[0]}-{years[-1]}: {created} ditambahkan, {updated} diperbarui "
            "(baris admin tidak diubah)."
        )
