"""Enqueues (or with --now runs) the weekly leadership PDF; schedule it weekly, e.g. Monday 06:00 WIB."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.monitoring.services import report_weekly_create
from netralitas.monitoring.tasks import generate_weekly_report


class Command(BaseCommand):
    help = "Buat ringkasan mingguan (PDF) untuk pimpinan: antrekan tugasnya, atau langsung dengan --now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Buat PDF sekarang, tanpa antrean tugas.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            report = report_weekly_create()
            self.stdout.write(f"Ringkasan mingguan dibuat: {report.file.name} ({report.size} bita).")
            return
        result = generate_weekly_report.enqueue()
        self.stdout.write(f"Tugas ringkasan mingguan diantrekan (id {result.id}, status {result.status}).")
