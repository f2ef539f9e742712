"""``manage.py import_candidates FILE.csv``: the candidates of a Pilkada (format in docs/import-format.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.core.csvformat import CsvFormatError, decode_csv
from netralitas.registry.candidates import candidates_import


class Command(BaseCommand):
    help = "Impor pasangan calon Pilkada dari CSV (semua baris benar atau tidak ada yang dicatat)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text, fmt = decode_csv(options["path"].read_bytes())
        except (OSError, CsvFormatError) as error:
            raise CommandError(str(error)) from None
        reader = csv.DictReader(io.StringIO(text), delimiter=fmt.delimiter)
        rows = [
            (line, {k.strip().upper(): (v or "") for k, v in row.items() if k})
            for line, row in enumerate(reader, 2)
        ]
        report = candidates_import(rows=rows)
        for line, column, message in report.errors:
            self.stderr.write(f"baris {line}, kolom {column}: {message}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} kesalahan; tidak ada yang dicatat.")
        self.stdout.write(f"{report.created} calon baru, {report.updated} diperbarui.")
