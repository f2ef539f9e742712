"""Reading import files as a stream: CSV in chunks validated by worker processes, XLSX row by row.

This module imports no Django model, so worker processes (forked or spawned) stay light.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from netralitas.core.csvformat import SAMPLE_BYTES, CsvFormat, CsvFormatError, sniff_csv
from netralitas.registry.import_rows import ImportFormatError, RowError, RowValidator, map_header

CHUNK_BYTES = 1 << 20
_EXACT_FLOAT_LIMIT = 2**53


@dataclass(slots=True)
class ChunkResult:
    """What a worker hands back for one chunk of the file."""

    records: list[str]
    lines: array[int]
    errors: list[RowError]
    rows_read: int
    rows_rejected: int
    size: int


@dataclass(frozen=True, slots=True)
class ValidatorConfig:
    """Everything a worker needs to build its :class:`RowValidator` (picklable)."""

    positions: Mapping[str, int]
    agency_ids: Mapping[str, int]
    postgres: bool
    today: dt.date
    delimiter: str
    encoding: str

    def build(self) -> RowValidator:
        return RowValidator(self.positions, self.agency_ids, postgres=self.postgres, today=self.today)


# --- CSV ------------------------------------------------------------------------------------------


def _utf8_throughout(handle: IO[bytes]) -> bool:
    """Whether the rest of the file decodes as UTF-8 (one fast pass; the handle is put back)."""
    start = handle.tell()
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := handle.read(CHUNK_BYTES):
            decoder.decode(block)
        decoder.decode(b"", True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        handle.seek(start)


def read_csv_header(handle: IO[bytes], encoding: str = "auto") -> tuple[list[str], str, str]:
    """Read the header line; return its cells, the delimiter and the encoding.

    ``encoding="auto"`` detects both from the first bytes as every CSV input does (``core.csvformat``:
    UTF-8 with or without a BOM, else Windows-1252; ``,`` ``;`` tab or ``|``); a named encoding is used
    as given, and only the delimiter is detected. The handle is left at the start of the second line."""
    start = handle.tell()
    sample = handle.read(SAMPLE_BYTES)
    handle.seek(start)
    if not sample.strip():
        raise ImportFormatError("berkas kosong: baris judul (header) tidak ditemukan")
    try:
        detected = sniff_csv(sample, complete=len(sample) < SAMPLE_BYTES)[0] if encoding == "auto" else None
        if detected is not None and detected.encoding == "utf-8" and not _utf8_throughout(handle):
            # Accented names may come late in a large Windows-1252 file: the sample alone cannot tell.
            detected = CsvFormat("cp1252", detected.delimiter)
        encoding = detected.encoding if detected is not None else encoding
        raw = handle.readline()
        try:
            text = raw.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as error:
            raise ImportFormatError(f"baris 1: bukan teks {encoding}: {error.reason}") from None
        if detected is None:
            detected = sniff_csv(text.encode("utf-8"), complete=True)[0]
    except CsvFormatError as error:
        raise ImportFormatError(str(error)) from None
    return next(csv.reader([text], delimiter=detected.delimiter)), detected.delimiter, encoding


def csv_chunks(
    handle: IO[bytes], chunk_bytes: int = CHUNK_BYTES, first_line: int = 2
) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number of the chunk's first line, bytes)`` cut at line ends outside quoted fields."""
    line = first_line
    rest = b""
    while True:
        block = handle.read(chunk_bytes)
        if not block:
            if rest:
                yield line, rest
            return
        data = rest + block
        cut = data.rfind(b"\n") + 1
        # A chunk starts outside quotes, so an odd number of quotes before the cut means the newline
        # lies inside a quoted field (a multi-line value): move the cut back to an earlier line end.
        while cut and data.count(b'"', 0, cut) % 2:
            cut = data.rfind(b"\n", 0, cut - 1) + 1
        if not cut:
            rest = data
            continue
        chunk, rest = data[:cut], data[cut:]
        yield line, chunk
        line += chunk.count(b"\n")


class ChunkValidator:
    """Validates CSV chunks; one per process, its caches live across chunks."""

    def __init__(self, config: ValidatorConfig) -> None:
        self.config = config
        self.validator = config.build()

    def __call__(self, first_line: int, chunk: bytes) -> ChunkResult:
        try:
            text = chunk.decode(self.config.encoding.removesuffix("-sig"))
        except UnicodeDecodeError as error:
            bad_line = first_line + chunk.count(b"\n", 0, error.start)
            raise ImportFormatError(
                f"baris {bad_line}: bukan teks {self.config.encoding}: {error.reason}"
            ) from None
        records: list[str] = []
        lines = array("q")
        errors: list[RowError] = []
        rows_read = rejected = previous = 0
        validate = self.validator.validate
        reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=self.config.delimiter)
        try:
            for row in reader:
                start = first_line + previous
                previous = reader.line_num
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                rows_read += 1
                record = validate(row, start, errors)
                if record is None:
                    rejected += 1
                else:
                    records.append(record)
                    lines.append(start)
        except csv.Error as error:
            raise ImportFormatError(f"baris {first_line + previous}: format CSV rusak: {error}") from None
        return ChunkResult(records, lines, errors, rows_read, rejected, len(chunk))


_worker: ChunkValidator | None = None


def init_worker(config: ValidatorConfig) -> None:
    global _worker
    _worker = ChunkValidator(config)


def validate_in_worker(first_line: int, chunk: bytes) -> ChunkResult:
    assert _worker is not None, "init_worker() was not called"
    return _worker(first_line, chunk)


# --- XLSX -----------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """Yield ``(sheet row number, cell values)`` of the first sheet, streaming (read-only mode)."""
    from openpyxl import load_workbook  # imported lazily: CSV imports never need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a damaged file
        raise ImportFormatError(f"berkas XLSX tidak dapat dibaca: {error}") from None
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def xlsx_row_strings(
    values: Sequence[Any], positions: Mapping[str, int], line: int, errors: list[RowError]
) -> list[str] | None:
    """Cell values → strings; ``None`` (with errors) when an identifier was stored as a number.

    Excel keeps 15 significant digits, so an 18-digit NIP typed as a number has lost its last digits.
    """
    lost = False
    for column in ("NIP", "NIK"):
        index = positions.get(column)
        if index is None or index >= len(values):
            continue
        value = values[index]
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and abs(value) >= _EXACT_FLOAT_LIMIT
        ):
            errors.append(
                RowError(
                    line,
                    column,
                    _cell_text(value),
                    f"{column} disimpan sebagai angka di Excel sehingga digit "
                    "terakhirnya hilang; format kolom sebagai teks lalu ketik ulang",
                )
            )
            lost = True
    if lost:
        return None
    return [_cell_text(value) for value in values]


def header_positions(cells: Sequence[Any]) -> dict[str, int]:
    return map_header([_cell_text(cell) for cell in cells])
