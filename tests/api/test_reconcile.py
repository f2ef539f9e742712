from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from netralitas.cases.models import Case
from tests.api.conftest import Callers
from tests.cases.helpers import sanction, submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(world: World) -> list[Case]:
    waiting = to_follow_up(world, submit(world)[0])
    sanctioned = sanction(
        world, to_follow_up(world, submit(world, description="Camat hadir di kampanye terbuka calon.")[0])
    )
    fresh, _ = submit(world, description="Camat memasang spanduk calon di kantor kecamatan.")
    return [waiting, sanctioned, fresh]


def _export(rows: list[tuple[str, str, str]]) -> str:
    return "nomor,status,sanksi\n" + "".join(f"{n},{s},{k}\n" for n, s, k in rows)


def test_command_reports_every_kind_of_discrepancy(three_cases: list[Case], tmp_path: Path) -> None:
    waiting, sanctioned, fresh = three_cases
    export = tmp_path / "muba.csv"
    export.write_text(
        _export(
            [
                (waiting.number, "sanctioned", ""),  # they think it is done: status differs
                (sanctioned.number, "disanksi", "teguran-tertulis"),  # same status, other sanction
                ("SBT-2024-999999", "diterima", ""),  # we do not have it
            ]
        )
    )
    out = StringIO()
    call_command("reconcile", agency="KAB-16.06", file=str(export), format="json", stdout=out)
    report = json.loads(out.getvalue())
    kinds = {(d["number"], d["kind"]) for d in report["discrepancies"]}
    assert kinds == {
        (waiting.number, "status_differs"),
        (sanctioned.number, "sanction_differs"),
        ("SBT-2024-999999", "missing_here"),
        (fresh.number, "missing_there"),
    }
    assert report["summary"]["matching"] == 0 and report["compared"] == 2


def test_command_writes_csv_and_matches_equivalent_vocabulary(
    three_cases: list[Case], tmp_path: Path
) -> None:
    waiting, sanctioned, fresh = three_cases
    export = tmp_path / "muba.csv"
    export.write_text(
        _export(
            [
                (waiting.number, "rekomendasi", ""),
                (sanctioned.number, "selesai", "tukin-25-6"),
                (fresh.number, "verification", ""),
            ]
        )
    )
    out = StringIO()
    call_command("reconcile", agency="KAB-16.06", file=str(export), stdout=out)
    assert out.getvalue().splitlines() == ["nomor,jenis,kami,mereka"]


def test_api_reconciles_within_the_clients_scope_only(three_cases: list[Case], api: Callers) -> None:
    waiting, sanctioned, _fresh = three_cases
    csv = _export(
        [(waiting.number, "menunggu_tindak_lanjut", ""), (sanctioned.number, "disanksi", "tukin-25-6")]
    )
    response = api.ppk_muba.http.post(
        "/api/v1/reconciliations",
        {"agency": "KAB-16.06", "file": SimpleUploadedFile("muba.csv", csv.encode(), "text/csv")},
        HTTP_X_API_KEY=api.ppk_muba.key,
    )
    assert response.status_code == 200, response.content
    report = response.json()
    # The PPK never sees an unverified report, so the fresh case is not "missing there" for it.
    assert report["discrepancies"] == [] and report["summary"]["matching"] == 2
    outsider = api.ppk_makassar.http.post(
        "/api/v1/reconciliations",
        {"agency": "KAB-16.06", "file": SimpleUploadedFile("muba.csv", csv.encode(), "text/csv")},
        HTTP_X_API_KEY=api.ppk_makassar.key,
    )
    assert {d["kind"] for d in outsider.json()["discrepancies"]} == {"missing_here"}


def test_api_explains_a_file_without_the_needed_columns(world: World, api: Callers) -> None:
    response = api.ppk_muba.http.post(
        "/api/v1/reconciliations",
        {"agency": "KAB-16.06", "file": SimpleUploadedFile("x.csv", b"id;state\n1;x\n", "text/csv")},
        HTTP_X_API_KEY=api.ppk_muba.key,
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "form.file" and "nomor" in error["detail"] and "nomor" in error["detail_en"]


def _excel_id(rows: list[tuple[str, str, str]], *, encoding: str) -> bytes:
    """As Excel in the Indonesian locale saves CSV: ``;`` between columns, CRLF, extra Keterangan column."""
    lines = ["nomor;status;sanksi;keterangan"] + [
        f"{n};{s};{k};Catatan: 1,5 hari, Pak André" for n, s, k in rows
    ]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_a_semicolon_file_from_indonesian_excel_is_reconciled(
    three_cases: list[Case], api: Callers, tmp_path: Path, encoding: str
) -> None:
    waiting, sanctioned, _fresh = three_cases
    data = _excel_id(
        [(waiting.number, "menunggu_tindak_lanjut", ""), (sanctioned.number, "disanksi", "tukin-25-6")],
        encoding=encoding,
    )
    assert b"Andr\xe9" in data if encoding == "cp1252" else data.startswith(b"\xef\xbb\xbf")
    response = api.ppk_muba.http.post(
        "/api/v1/reconciliations",
        {"agency": "KAB-16.06", "file": SimpleUploadedFile("muba.csv", data, "text/csv")},
        HTTP_X_API_KEY=api.ppk_muba.key,
    )
    assert response.status_code == 200, response.content
    assert response.json()["discrepancies"] == [] and response.json()["summary"]["matching"] == 2
    export = tmp_path / "muba.csv"
    export.write_bytes(data)
    out = StringIO()
    call_command("reconcile", agency="KAB-16.06", file=str(export), format="json", stdout=out)
    assert json.loads(out.getvalue())["compared"] == 2


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"nomor status\r\n1 x\r\n", "delimiter", "Pemisah kolom tidak dikenali"),
        (
            b"nomor;status\r\n1;\x81\r\n",
            "encoding",
            "bukan teks UTF-8 maupun Windows-1252 (bita 0x81 di baris 2)",
        ),
        (b"PK\x03\x04\x14\x00", "encoding", "buku kerja Excel (.xlsx)"),
        (b"", "empty", "Berkas kosong"),
        (b"id;state\r\n1;x\r\n", "columns", "tidak memuat kolom “nomor”; kolom yang ada: “id”, “state”"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(
    world: World, api: Callers, data: bytes, code: str, words: str
) -> None:
    response = api.ppk_muba.http.post(
        "/api/v1/reconciliations",
        {"agency": "KAB-16.06", "file": SimpleUploadedFile("x.csv", data, "text/csv")},
        HTTP_X_API_KEY=api.ppk_muba.key,
    )
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert error["code"] == code and words in error["detail"], error
