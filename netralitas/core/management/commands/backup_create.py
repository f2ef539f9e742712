"""Back up the database and MEDIA_ROOT into one directory (docs/backup.md). Keys are not included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Cadangkan basis data (snapshot konsisten, boleh saat aplikasi berjalan) dan berkas MEDIA_ROOT ke "
        "satu direktori. Kunci tidak ikut: cadangkan dengan backup_keys ke tempat lain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, type=Path, help="directory of the backup (replaced whole)")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_create(options["to"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {summary.path}: {summary.engine}, {summary.tables} tables, "
            f"{summary.rows} rows, {summary.files} files. Keys are NOT in it (see backup_keys)."
        )
