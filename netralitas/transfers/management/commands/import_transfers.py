"""manage.py import_transfers FILE.csv|FILE.xlsx [--user USERNAME]: record transfer decisions and flag
those inside a Pasal 71(2) window without Mendagri approval. Idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.accounts.models import User
from netralitas.transfers.services import transfer_import_rows
from netralitas.transfers.sheets import TransferFileError, read_transfer_file


class Command(BaseCommand):
    help = "Impor keputusan mutasi (CSV/XLSX) dan tandai yang melanggar UU 10/2016 Pasal 71(2)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", default="", help="username pencatat (untuk audit)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor = User.objects.filter(username=options["user"]).first() if options["user"] else None
        if options["user"] and actor is None:
            raise CommandError(f"Pengguna {options['user']} tidak ditemukan.")
        try:
            with path.open("rb") as handle:
                rows = read_transfer_file(handle, path.name)
        except (OSError, TransferFileError) as exc:
            raise CommandError(str(exc)) from exc
        report = transfer_import_rows(rows=rows, actor=actor)
        if not report.ok:
            for line, column, message in report.errors:
                self.stderr.write(f"baris {line}, kolom {column}: {message}")
            raise CommandError(f"{len(report.errors)} kesalahan; tidak ada yang dicatat.")
        self.stdout.write(
            f"{report.created} keputusan baru ({report.flagged} ditandai), {report.existing} sudah ada."
        )
