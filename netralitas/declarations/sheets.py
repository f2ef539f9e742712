"""Reading attendance sheets (CSV or XLSX): header NIP, TANGGAL_LAHIR and optionally NAMA and WAKTU.

Parsing problems stay attached to their row (line + column), so the organiser gets one report of every
problem in the file instead of stopping at the first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

REQUIRED = ("NIP", "TANGGAL_LAHIR")
OPTIONAL = ("NAMA", "WAKTU")
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
DATETIME_FORMATS = ("%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")


class SheetFormatError(ValueError):
    """The file as a whole cannot be read (type, encoding or header)."""


@dataclass
class SheetRow:
    line: int
    nip: str
    birth_date: dt.date | None
    signed_at: dt.datetime | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    return None


def _datetime(text: str, tz: dt.tzinfo) -> dt.datetime | None:
    for fmt in DATETIME_FORMATS:
        try:
            return timezone.make_aware(dt.datetime.strptime(text[:16], fmt), tz)
        except ValueError:
            continue
    return None


def _rows_from_table(table: list[tuple[int, list[str]]], tz: dt.tzinfo) -> list[SheetRow]:
    if not table:
        raise SheetFormatError(
            _("Berkas kosong: baris pertama harus berisi judul kolom NIP dan TANGGAL_LAHIR.")
        )
    _line, header = table[0]
    names = [h.strip().upper().replace(" ", "_") for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise SheetFormatError(
            _("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    pos = {name: names.index(name) for name in (*REQUIRED, *OPTIONAL) if name in names}
    rows: list[SheetRow] = []
    for line, cells in table[1:]:
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = pos.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        row = SheetRow(line=line, nip=cell("NIP"), birth_date=None)
        if not row.nip:
            row.problems.append(("NIP", "NIP wajib diisi."))
        birth = cell("TANGGAL_LAHIR")
        if birth:
            row.birth_date = _date(birth)
            if row.birth_date is None:
                row.problems.append(("TANGGAL_LAHIR", f"“{birth}” bukan tanggal; tulis seperti 13-03-1986."))
        else:
            row.problems.append(("TANGGAL_LAHIR", "Tanggal lahir wajib diisi dengan format DD-MM-YYYY."))
        when = cell("WAKTU")
        if when:
            row.signed_at = _datetime(when, tz)
            if row.signed_at is None:
                row.problems.append(("WAKTU", f"“{when}” bukan waktu; tulis seperti 27-12-2023 09:00."))
        rows.append(row)
    return rows


def read_sheet(handle: IO[bytes], filename: str, tz: dt.tzinfo) -> list[SheetRow]:
    data = handle.read()
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise SheetFormatError(_("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.")) from exc
        sheet = book.worksheets[0]
        table = [
            (i, [_text(v) for v in values])
            for i, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        book.close()
        return _rows_from_table(table, tz)
    if filename.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetFormatError(_("Berkas CSV harus berenkode UTF-8.")) from exc
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = [(i, list(r)) for i, r in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]
        return _rows_from_table(table, tz)
    raise SheetFormatError(_("Unggah berkas .csv atau .xlsx."))
