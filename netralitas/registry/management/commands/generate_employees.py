"""``manage.py generate_employees --profile small|national [--seed N] [--csv PATH]``."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netralitas.registry.demo_data import PROFILES, generate_employees


class Command(BaseCommand):
    help = (
        "Buat data pegawai ASN demo/benchmark yang deterministik (NIP/NIK valid). Tanpa --csv data "
        "ditulis ke basis data (upsert berdasarkan NIP, aman dijalankan ulang); dengan --csv hanya ke "
        "berkas CSV format impor."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="small")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--count", type=int, help="jumlah pegawai (bawaan: sesuai profil)")
        parser.add_argument("--csv", type=Path, help="tulis ke berkas CSV ini, bukan ke basis data")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            counts = generate_employees(
                options["profile"],
                seed=options["seed"],
                count=options["count"],
                csv_path=options["csv"],
                using=options["database"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        if options["csv"]:
            self.stdout.write(f"{counts.written} pegawai ditulis ke {options['csv']} ({seconds:.1f} detik)")
        else:
            self.stdout.write(
                f"{counts.written} pegawai: {counts.inserted} baru, {counts.updated} diperbarui, "
                f"{counts.unchanged} tidak berubah ({seconds:.1f} detik)"
            )
