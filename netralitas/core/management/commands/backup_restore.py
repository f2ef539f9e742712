"""Restore a backup made by backup_create into the configured database and MEDIA_ROOT, then verify it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan cadangan ke basis data dan MEDIA_ROOT yang dikonfigurasi, lalu periksa rantai audit dan "
        "hash bukti. Menolak basis data yang sudah berisi data kecuali dengan --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="source", required=True, type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database that holds data")
        parser.add_argument(
            "--allow-key-mismatch",
            action="store_true",
            help="restore although the running keys differ from the backup's (identities stay unreadable)",
        )
        parser.add_argument("--no-verify", action="store_true", help="skip verify_integrity afterwards")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_restore(
                options["source"],
                using=options["database"],
                force=options["force"],
                allow_key_mismatch=options["allow_key_mismatch"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {summary.tables} tables ({summary.rows} rows) and {summary.files} files "
            f"into {summary.path}. Run `manage.py migrate` if this version has newer migrations."
        )
        if not options["no_verify"] and options["database"] == "default":
            call_command("verify_integrity", stdout=self.stdout, stderr=self.stderr)
