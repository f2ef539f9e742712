"""Reading transfer decision files (CSV or XLSX) into rows of strings keyed by column name."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import IO, Any

from django.utils.translation import gettext as _

from netralitas.core.csvformat import CsvFormatError, decode_csv

COLUMNS = (
    "NIP",
    "NOMOR_SK",
    "TANGGAL_SK",
    "KODE_INSTANSI_PENETAP",
    "JABATAN_LAMA",
    "TINGKAT_LAMA",
    "JABATAN_BARU",
    "TINGKAT_BARU",
    "PERSETUJUAN_MENDAGRI",
)
REQUIRED = ("NIP", "NOMOR_SK", "TANGGAL_SK", "KODE_INSTANSI_PENETAP", "JABATAN_BARU")


class TransferFileError(ValueError):
    """The file as a whole cannot be read."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table_rows(table: list[list[str]]) -> list[tuple[int, dict[str, str]]]:
    if not table:
        raise TransferFileError(_("Berkas kosong: baris pertama harus berisi judul kolom."))
    names = [h.strip().upper().replace(" ", "_") for h in table[0]]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise TransferFileError(
            _("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((line, {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(names)}))
    return rows


def read_transfer_file(handle: IO[bytes], filename: str) -> list[tuple[int, dict[str, str]]]:
    data = handle.read()
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise TransferFileError(_("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.")) from exc
        table = [[_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return _table_rows(table)
    if name.endswith(".csv"):
        try:
            text, fmt = decode_csv(data)  # UTF-8 (BOM or not) or Windows-1252; , ; tab or |
        except CsvFormatError as exc:
            raise TransferFileError(str(exc)) from exc
        try:
            table = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter)]
        except csv.Error as exc:
            raise TransferFileError(
                _("Berkas CSV (%(format)s) tidak dapat dibaca: %(error)s.")
                % {"format": fmt.described, "error": exc}
            ) from exc
        return _table_rows(table)
    raise TransferFileError(_("Unggah berkas .csv atau .xlsx."))
