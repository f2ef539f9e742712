"""Save the key material (SECRET_KEY, REPORTER_ENCRYPTION_KEYS, signing keys) to a file of its own, or
check a saved keys file against the running settings. Never store it with a data backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.core.backup import BackupError, keys_check, keys_write


class Command(BaseCommand):
    help = (
        "Simpan kunci (SECRET_KEY, REPORTER_ENCRYPTION_KEYS, kunci tanda tangan) ke berkas tersendiri "
        "(mode 0600), terpisah dari cadangan data; atau periksa berkas kunci dengan --check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--to", type=Path, help="file to write (mode 0600)")
        group.add_argument("--check", type=Path, help="keys file to compare with the running settings")
        parser.add_argument("--force", action="store_true", help="replace an existing keys file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["check"] is not None:
                differ = keys_check(options["check"])
                if differ:
                    self.stderr.write(f"Keys differ from the running settings: {', '.join(differ)}")
                    sys.exit(1)
                self.stdout.write("OK: the keys file matches the running settings.")
                return
            names = keys_write(options["to"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wrote {', '.join(names)} to {options['to']}. Store it apart from the data backups "
            "(another medium, another custodian): with both, the reporter identities can be decrypted."
        )
