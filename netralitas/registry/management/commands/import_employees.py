"""``manage.py import_employees FILE``: validate and upsert ASN master data (docs/import-format.md)."""

from __future__ import annotations

import csv
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netralitas.registry.importing import ImportFormatError, RowError, import_employees


class Command(BaseCommand):
    help = "Impor data pegawai ASN (CSV/XLSX format SIASN) dengan validasi per baris; upsert berdasarkan NIP."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="berkas .csv atau .xlsx")
        parser.add_argument(
            "--errors-file", type=Path, help="tulis semua kesalahan ke CSV (baris, kolom, nilai, pesan)"
        )
        parser.add_argument(
            "--strict", action="store_true", help="status keluar bukan nol bila ada baris ditolak"
        )
        parser.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya validasi, tidak menulis ke basis data"
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="impor besar di luar jam kerja: satu transaksi, indeks dibangun ulang di akhir",
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="proses validasi (0 = tanpa proses anak)"
        )
        parser.add_argument(
            "--encoding",
            default="auto",
            help="encoding CSV (bawaan auto: UTF-8 dengan/tanpa BOM, selain itu Windows-1252)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"berkas tidak ditemukan: {path}")
        errors_handle = None
        on_error = None
        if options["errors_file"]:
            errors_handle = options["errors_file"].open("w", newline="", encoding="utf-8")
            error_writer = csv.writer(errors_handle)
            error_writer.writerow(["baris", "kolom", "nilai", "pesan"])

            def on_error(error: RowError) -> None:
                error_writer.writerow([error.line, error.column, error.value, error.message])

        try:
            result = import_employees(
                path,
                using=options["database"],
                bulk=options["bulk"],
                workers=options["workers"],
                encoding=options["encoding"],
                progress=not options["no_progress"] and options["verbosity"] > 0,
                dry_run=options["dry_run"],
                on_error=on_error,
            )
        except ImportFormatError as error:
            raise CommandError(str(error)) from None
        finally:
            if errors_handle is not None:
                errors_handle.close()
        if options["verbosity"] > 0:
            for row_error in result.errors[:20]:
                self.stderr.write(f"baris {row_error.line}, kolom {row_error.column}: {row_error.message}")
            if result.error_count > 20:
                more = result.error_count - 20
                hint = (
                    f" (lihat {options['errors_file']})"
                    if options["errors_file"]
                    else " (pakai --errors-file)"
                )
                self.stderr.write(f"… dan {more} kesalahan lain{hint}")
        prefix = "[uji coba, tidak ditulis] " if options["dry_run"] else ""
        self.stdout.write(prefix + result.summary())
        if options["strict"] and result.rejected:
            sys.stdout.flush()
            raise CommandError(f"{result.rejected} baris ditolak (--strict)", returncode=2)
