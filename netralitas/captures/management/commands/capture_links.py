"""``manage.py capture_links [--limit N] [--loop SECONDS]``: captures the reports' links (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.captures.browser import chromium_path
from netralitas.captures.services import captures_run_due


class Command(BaseCommand):
    help = "Tangkap tautan laporan (tangkapan layar, HTML, hash SHA-256) dengan peramban terisolasi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=10, help="tautan per putaran (bawaan 10)")
        parser.add_argument("--loop", type=float, default=0, help="ulangi setiap N detik")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if chromium_path() is None:
            self.stderr.write("Chromium tidak ditemukan (CAPTURE_CHROMIUM): tautan belum ditangkap.")
        while True:
            report = captures_run_due(limit=options["limit"])
            if not options["quiet"] or report.done or report.failed or report.refused:
                self.stdout.write(
                    f"tautan baru {report.scheduled}, tertangkap {report.done}, "
                    f"dicoba lagi {report.retrying}, gagal {report.failed}, ditolak {report.refused}"
                )
            if not options["loop"]:
                return
            time.sleep(options["loop"])
