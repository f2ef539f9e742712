"""``manage.py capture_links [--limit N] [--loop SECONDS]``: captures the reports' links (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.captures.browser import chromium_path
from netralitas.captures.models import LinkCapture
from netralitas.captures.services import capture_timestamps_verify, captures_run_due
from netralitas.captures.timestamps import TimestampError


class Command(BaseCommand):
    help = "Tangkap tautan laporan (tangkapan layar, HTML, hash SHA-256) dengan peramban terisolasi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=10, help="tautan per putaran (bawaan 10)")
        parser.add_argument("--loop", type=float, default=0, help="ulangi setiap N detik")
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--verify", action="store_true", help="periksa ulang semua cap waktu RFC 3161 yang tersimpan"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            self._verify()
            return
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

    def _verify(self) -> None:
        stamped = LinkCapture.objects.exclude(tst_at__isnull=True).order_by("pk")
        bad = 0
        for capture in stamped.iterator():
            try:
                when = capture_timestamps_verify(capture)
            except TimestampError as error:
                bad += 1
                self.stdout.write(f"{capture.code} {capture.url}: TIDAK SAH — {error}")
            else:
                self.stdout.write(f"{capture.code} {capture.url}: sah, {when.isoformat()}")
        if bad:
            raise CommandError(f"{bad} cap waktu tidak sah.")
