"""Daily digest of deadlines within 2 working days (cron it once a morning; safe to run again)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.cases.tasks import send_deadline_digest


class Command(BaseCommand):
    help = "E-mails each next owner the cases whose deadline falls within 2 working days (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="The day the digest counts for (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task worker instead of running it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_deadline_digest.enqueue(options.get("day"))
            self.stdout.write(f"Ringkasan dijadwalkan sebagai tugas {result.id}.")
            return
        sent = send_deadline_digest.call(options.get("day"))
        self.stdout.write(f"Ringkasan terkirim ke {sent} pengguna.")
