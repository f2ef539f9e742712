"""Marks overdue stages and queues the next rung of the escalation ladder. Idempotent: run it every
minute from cron or the loop that ``make run`` starts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.cases.services import mark_overdue
from netralitas.sanctions.control import escalate


class Command(BaseCommand):
    help = "Tandai tahapan yang melewati batas waktu dan antrekan langkah pengendalian berikutnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing when nothing changed.")

    def handle(self, *args: Any, **options: Any) -> None:
        overdue = mark_overdue()
        counts = escalate()
        if options["quiet"] and not overdue and not any(counts.values()):
            return
        self.stdout.write(
            f"overdue marked: {overdue}; reminders: {counts['reminders']}; "
            f"warnings due: {counts['warnings_due']}; blocks due: {counts['blocks_due']}; "
            f"conflict escalations: {counts['conflict_escalations']}"
        )
