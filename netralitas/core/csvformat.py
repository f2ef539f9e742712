"""How a CSV file was written: its encoding and its delimiter, detected the same way for every CSV input
(the reconciliation, the employee import, the transfer import).

Offices save CSV from Excel: in the Indonesian locale Excel separates columns with ``;`` (the decimal mark
is a comma) and writes Windows-1252, or UTF-8 with a byte-order mark for "CSV UTF-8". So:

- encoding: UTF-8 with or without a BOM, else Windows-1252 (cp1252);
- delimiter: ``csv.Sniffer`` limited to ``,`` ``;`` tab ``|``; when it cannot decide, or decides on a
  character that is not in the header line, the candidate that splits the header line into most columns.

When neither works the error names the problem in Bahasa Indonesia (with an English twin for the API).
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass

__all__ = ["DELIMITERS", "SAMPLE_BYTES", "CsvFormat", "CsvFormatError", "decode_csv", "sniff_csv"]

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 64 * 1024
_NAMES = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}


class CsvFormatError(ValueError):
    """The file cannot be read as CSV; ``str()`` says why in Bahasa Indonesia, ``detail_en`` in English."""

    def __init__(self, detail: str, detail_en: str, kind: str = "encoding") -> None:
        super().__init__(detail)
        self.detail_en = detail_en
        self.kind = kind  # "encoding", "delimiter" or "empty"


@dataclass(frozen=True, slots=True)
class CsvFormat:
    encoding: str  # "utf-8-sig" (with a BOM), "utf-8" or "cp1252"
    delimiter: str

    @property
    def described(self) -> str:
        encoding = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252"}[self.encoding]
        return f"{encoding}, pemisah {_NAMES[self.delimiter]}"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _encoding(sample: bytes, complete: bool) -> tuple[str, str]:
    """The encoding of ``sample`` and its text (without a BOM)."""
    if sample.startswith(b"PK\x03\x04"):
        raise CsvFormatError(
            "Berkas ini buku kerja Excel (.xlsx), bukan CSV: simpan ulang sebagai “CSV (dipisahkan koma)”.",
            "This is an Excel workbook (.xlsx), not CSV: save it again as “CSV (comma delimited)”.",
        )
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CsvFormatError(
            "Berkas berenkode UTF-16 (“Teks Unicode” Excel): simpan ulang sebagai “CSV UTF-8”.",
            "The file is UTF-16 (Excel “Unicode Text”): save it again as “CSV UTF-8”.",
        )
    if b"\x00" in sample:
        line = _line_of(sample, sample.index(b"\x00"))
        raise CsvFormatError(
            f"Berkas memuat bita NUL (baris {line}): bukan berkas teks CSV.",
            f"The file contains a NUL byte (line {line}): it is not a CSV text file.",
        )
    bom = sample.startswith(codecs.BOM_UTF8)
    body = sample[len(codecs.BOM_UTF8) :] if bom else sample
    try:
        # An unfinished sample may end inside a multi-byte character: the incremental decoder waits.
        return ("utf-8-sig" if bom else "utf-8"), codecs.getincrementaldecoder("utf-8")().decode(
            body, complete
        )
    except UnicodeDecodeError as error:
        if bom:
            line = _line_of(body, error.start)
            raise CsvFormatError(
                f"Berkas diawali penanda UTF-8 (BOM), tetapi baris {line} bukan teks UTF-8: "
                "simpan ulang sebagai “CSV UTF-8”.",
                f"The file starts with a UTF-8 byte-order mark, but line {line} is not UTF-8: "
                "save it again as “CSV UTF-8”.",
            ) from None
    try:
        return "cp1252", sample.decode("cp1252")
    except UnicodeDecodeError as error:
        line, byte = _line_of(sample, error.start), sample[error.start]
        raise CsvFormatError(
            f"Berkas bukan teks UTF-8 maupun Windows-1252 (bita 0x{byte:02X} di baris {line}): "
            "simpan ulang sebagai “CSV UTF-8”.",
            f"The file is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02X} on line {line}): "
            "save it again as “CSV UTF-8”.",
        ) from None


def _columns(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return 0


def _delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    if not header:
        raise CsvFormatError(
            "Berkas kosong: baris pertama harus berisi judul kolom.",
            "The file is empty: its first line must hold the column names.",
            "empty",
        )
    sample = text[:SAMPLE_BYTES]
    if len(text) > SAMPLE_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in DELIMITERS and _columns(header, sniffed) > 1:
        return sniffed
    columns = {d: _columns(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: columns[d])  # ties: the earlier candidate
    if columns[best] > 1:
        return best
    shown = header if len(header) <= 60 else header[:57] + "…"
    raise CsvFormatError(
        f"Pemisah kolom tidak dikenali pada baris judul “{shown}”: pisahkan kolom dengan koma (,), "
        "titik koma (;), tab, atau garis tegak (|).",
        f"No column delimiter found in the header line “{shown}”: separate the columns with a comma (,), "
        "semicolon (;), tab or vertical bar (|).",
        "delimiter",
    )


def sniff_csv(sample: bytes, *, complete: bool) -> tuple[CsvFormat, str]:
    """The format of a CSV file from its first bytes (``complete``: the sample is the whole file), and
    the sample's text up to its last complete line."""
    encoding, text = _encoding(sample, complete)
    if not complete and "\n" in text:
        text = text[: text.rfind("\n") + 1]  # the sniffer must not see a half line
    return CsvFormat(encoding, _delimiter(text)), text


def decode_csv(data: bytes) -> tuple[str, CsvFormat]:
    """The text of a whole CSV file (without a BOM) and its format."""
    fmt, text = sniff_csv(data, complete=True)
    return text, fmt
