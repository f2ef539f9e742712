"""``manage.py reconcile --agency CODE --file export.csv [--format csv|json]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.api.reconcile import ReconcileFileError, reconcile, report_csv
from netralitas.cases.models import Case
from netralitas.registry.models import Agency


class Command(BaseCommand):
    help = "Compares an agency's export (CSV: nomor, status, sanksi) with our cases of that agency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="Agency code, e.g. KAB-16.06")
        parser.add_argument("--file", required=True, type=Path, help="The agency's CSV export")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Instansi {options['agency']} tidak dikenal.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            report = reconcile(agency.code, Case.objects.filter(agency=agency), path.read_bytes())
        except ReconcileFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(report_csv(report), ending="")
