"""Load (or refresh) the master data shipped in ``netralitas/registry/data``; safe to run repeatedly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.registry.masterdata import MasterDataError, import_idn_area_data, load_master_data


class Command(BaseCommand):
    help = "Memuat data induk (wilayah, Kanreg, instansi, pemilihan, pemegang fungsi) secara idempoten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--import-idn-area-data",
            metavar="DIR",
            type=Path,
            help=(
                "Regenerate provinces.csv and regencies.csv from an unpacked idn-area-data npm package "
                "(npm pack idn-area-data@4) instead of loading the database."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["import_idn_area_data"] is not None:
                counts = import_idn_area_data(options["import_idn_area_data"])
            else:
                counts = load_master_data(stdout=self.stdout)
        except (MasterDataError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{key}={value}" for key, value in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(summary))
