"""Verify the audit hash chain: prints "OK: N events" or the first broken link and exits 1."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from netralitas.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit dari awal sampai akhir."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(str(result))
            return
        self.stderr.write(str(result))
        sys.exit(1)
