"""Deletes report drafts (and their uploaded files) older than PORTAL_DRAFT_MAX_AGE_HOURS; idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from netralitas.portal.services import drafts_purge


class Command(BaseCommand):
    help = "Hapus draf laporan publik yang lebih tua dari PORTAL_DRAFT_MAX_AGE_HOURS (bawaan 24 jam)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=None, help="Usia minimum draf yang dihapus (jam).")

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["hours"] if options["hours"] is not None else int(settings.PORTAL_DRAFT_MAX_AGE_HOURS)
        count = drafts_purge(older_than=dt.timedelta(hours=hours))
        self.stdout.write(f"{count} draf dihapus (lebih tua dari {hours} jam).")
