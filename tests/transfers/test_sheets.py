"""Transfer decision files are read as Indonesian offices save them (core.csvformat)."""

from __future__ import annotations

import io

import pytest

from netralitas.transfers.sheets import TransferFileError, read_transfer_file

HEADER = ["NIP", "NOMOR_SK", "TANGGAL_SK", "KODE_INSTANSI_PENETAP", "JABATAN_LAMA", "JABATAN_BARU"]
ROW = [
    "198603132010011003",
    "821/45/2024",
    "15-04-2024",
    "KAB-16.06",
    "Camat Sekayu",
    "Kepala Dinas Pendidikan",
]


def _file(delimiter: str, encoding: str, jabatan: str = "Kepala Dinas Pendidikan") -> bytes:
    lines = [delimiter.join(HEADER), delimiter.join([*ROW[:5], jabatan])]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "cp1252"), (";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8")]
)
def test_a_sheet_saved_by_excel_is_read_whatever_its_delimiter_and_encoding(
    delimiter: str, encoding: str
) -> None:
    data = _file(delimiter, encoding, jabatan="Kepala Dinas Pendidikan (Pj. André)")
    ((line, row),) = read_transfer_file(io.BytesIO(data), "sk.csv")
    assert line == 2 and row["NIP"] == ROW[0] and row["JABATAN_BARU"] == "Kepala Dinas Pendidikan (Pj. André)"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"NIP NOMOR_SK\r\n1 2\r\n", "Pemisah kolom tidak dikenali"),
        (b"NIP;NOMOR_SK\r\n\x81;2\r\n", "bukan teks UTF-8 maupun Windows-1252"),
        (b"", "Berkas kosong"),
    ],
)
def test_a_sheet_that_cannot_be_read_names_the_problem(data: bytes, words: str) -> None:
    with pytest.raises(TransferFileError, match=words):
        read_transfer_file(io.BytesIO(data), "sk.csv")
