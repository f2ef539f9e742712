"""Verify what a backup must preserve: the audit hash chain, and every stored file against its row
(present; the SHA-256 of evidence unchanged). Exits 1 at the first kind of damage found."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from netralitas.audit.verification import verify_chain
from netralitas.core.integrity import verify_files


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit dan hash SHA-256 setiap berkas bukti."

    def handle(self, *args: Any, **options: Any) -> None:
        chain = verify_chain()
        files = verify_files()
        self.stdout.write(f"audit chain: {chain}")
        self.stdout.write(f"files: {files}")
        if not (chain.ok and files.ok):
            self.stderr.write("Integrity check FAILED.")
            sys.exit(1)
