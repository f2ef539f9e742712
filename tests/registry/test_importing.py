import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from openpyxl import Workbook

from netralitas.registry.import_rows import STANDARD_HEADER
from netralitas.registry.importing import ImportFormatError, import_employees
from netralitas.registry.models import Agency, Employee

TODAY = dt.date(2025, 6, 1)
# NIP (female, born 1986-03-13), NIK (Palembang, day 13 + 40).
SITI = [
    "198603132015032002",
    "1671055303860001",
    "Siti Aminah",
    "P",
    "1986-03-13",
    "PNS",
    "KAB-16.06",
    "Dinas Pendidikan",
    "Guru Ahli Muda",
    "fungsional",
    "III/c",
    "aktif",
]
BUDI = [
    "199001152021121234",
    "",
    "Budi Santoso",
    "L",
    "15-01-1990",
    "PPPK",
    "BKN",
    "Biro Umum",
    "Pranata Komputer",
    "Fungsional",
    "IX",
    "",
]
AGUS = [
    "197512012000031001",
    "1606010112750002",
    "Agus Salim",
    "1",
    "1975-12-01",
    "PNS",
    "KAB-16.06",
    "Sekretariat Daerah",
    "Kepala Bagian Umum",
    "administrator",
    "IV/a",
    "AKTIF",
]


@pytest.fixture
def agencies(db):
    return {
        "BKN": Agency.objects.create(
            code="BKN", name="Badan Kepegawaian Negara", kind="pusat", ppk_title="Kepala BKN"
        ),
        "KAB-16.06": Agency.objects.create(
            code="KAB-16.06", name="Pemerintah Kabupaten Musi Banyuasin", kind="kabupaten", ppk_title="Bupati"
        ),
    }


def write_csv(path, rows, header=STANDARD_HEADER, delimiter=",", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path, **kwargs):
    kwargs.setdefault("workers", 0)
    kwargs.setdefault("today", TODAY)
    return import_employees(path, **kwargs)


def errors_of(result):
    return [(error.line, error.column, error.message) for error in result.errors]


def test_csv_import_inserts_valid_rows(agencies, tmp_path):
    result = run(write_csv(tmp_path / "asn.csv", [SITI, BUDI, AGUS]))
    assert (result.rows_read, result.inserted, result.updated, result.rejected) == (3, 3, 0, 0)
    siti = Employee.objects.get(nip=SITI[0])
    assert (siti.nik, siti.name, siti.sex, siti.birth_date) == (
        SITI[1],
        "Siti Aminah",
        "P",
        dt.date(1986, 3, 13),
    )
    assert (siti.kind, siti.agency, siti.unit, siti.position) == (
        "PNS",
        agencies["KAB-16.06"],
        SITI[7],
        SITI[8],
    )
    assert (siti.position_type, siti.grade, siti.status, siti.siasn_blocked) == (
        "fungsional",
        "III/c",
        "aktif",
        False,
    )
    budi = Employee.objects.get(nip=BUDI[0])
    assert (budi.nik, budi.kind, budi.birth_date, budi.grade, budi.position_type) == (
        None,
        "PPPK",
        dt.date(1990, 1, 15),
        "IX",
        "fungsional",
    )
    agus = Employee.objects.get(nip=AGUS[0])
    assert (agus.sex, agus.status) == ("L", "aktif")
    assert "3 baru" in result.summary()


def test_each_error_names_the_file_line_and_column(agencies, tmp_path):
    multi_line = [*AGUS[:7], "Sekretariat\nDaerah", *AGUS[8:]]  # a quoted value over two physical lines
    rows = [
        multi_line,  # lines 2-3
        ["198613312015032002", *SITI[1:]],  # line 4
        [SITI[0], SITI[1], "Siti", "L", *SITI[4:]],  # line 5: sex disagrees with the NIP
        [SITI[0], SITI[1], "Siti", "P", "1986-03-14", *SITI[5:]],  # line 6
        [SITI[0], "1671051303860001", *SITI[2:]],  # line 7: NIK says male
        [*BUDI[:6], "KEMENKEU", *BUDI[7:]],  # line 8
        [*BUDI[:9], "struktural", "III/a", "cuti"],  # line 9
    ]
    result = run(write_csv(tmp_path / "asn.csv", rows))
    assert (result.rows_read, result.inserted, result.rejected) == (7, 1, 6)
    assert errors_of(result) == [
        (4, "NIP", "tanggal lahir pada NIP tidak valid: 19861331"),
        (5, "JENIS_KELAMIN", "JENIS_KELAMIN L tidak cocok dengan kode jenis kelamin NIP (2)"),
        (
            6,
            "TANGGAL_LAHIR",
            "TANGGAL_LAHIR 1986-03-14 tidak cocok dengan tanggal lahir pada NIP (1986-03-13)",
        ),
        (7, "NIK", "NIK: jenis kelamin tidak cocok dengan NIP (NIK laki-laki, NIP perempuan)"),
        (8, "KODE_INSTANSI", "KODE_INSTANSI tidak dikenal: KEMENKEU"),
        (
            9,
            "JENIS_JABATAN",
            "JENIS_JABATAN harus salah satu dari: jpt, administrator, pengawas, fungsional, pelaksana",
        ),
        (9, "GOLONGAN", "GOLONGAN tidak valid: III/a (harus I sampai XVII untuk PPPK)"),
        (9, "STATUS", "STATUS harus salah satu dari: aktif, pensiun, diberhentikan, meninggal"),
    ]
    assert Employee.objects.get().unit == "Sekretariat Daerah"  # control characters become spaces


def test_required_values_and_nik_birth_date(agencies, tmp_path):
    rows = [["", "", "", "", "", "", "", "", "", "", "", ""], [SITI[0], "1671055203860001", *SITI[2:]]]
    result = run(write_csv(tmp_path / "asn.csv", rows))
    columns = [(line, column) for line, column, _ in errors_of(result)]
    assert columns == [
        (2, "JENIS_ASN"),
        (2, "NIP"),
        (2, "JENIS_KELAMIN"),
        (2, "TANGGAL_LAHIR"),
        (2, "NAMA"),
        (2, "KODE_INSTANSI"),
        (2, "JENIS_JABATAN"),
        (3, "NIK"),
    ]
    assert (
        result.errors[-1].message
        == "NIK: tanggal lahir tidak cocok dengan NIP (NIK 12-03-1986, NIP 1986-03-13)"
    )


def test_reimport_updates_changed_rows_and_leaves_the_rest(agencies, tmp_path):
    run(write_csv(tmp_path / "first.csv", [SITI, BUDI]))
    Employee.objects.filter(nip=SITI[0]).update(siasn_blocked=True)
    moved = [*SITI[:6], "BKN", "Biro SDM", "Analis SDM Aparatur", "fungsional", "III/d", "aktif"]
    result = run(write_csv(tmp_path / "second.csv", [moved, BUDI, AGUS]))
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    siti = Employee.objects.get(nip=SITI[0])
    assert (siti.agency.code, siti.unit, siti.grade) == ("BKN", "Biro SDM", "III/d")
    assert siti.siasn_blocked, "the import must not lift a SIASN block"
    assert Employee.objects.count() == 3


def test_importing_the_same_file_twice_changes_nothing(agencies, tmp_path):
    path = write_csv(tmp_path / "asn.csv", [SITI, BUDI, AGUS])
    run(path)
    stamps = dict(Employee.objects.values_list("nip", "updated_at"))
    again = run(path)
    assert (again.inserted, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert dict(Employee.objects.values_list("nip", "updated_at")) == stamps


def test_unknown_agency_is_rejected(agencies, tmp_path):
    result = run(write_csv(tmp_path / "asn.csv", [[*SITI[:6], "PROV-99", *SITI[7:]]]))
    assert errors_of(result) == [(2, "KODE_INSTANSI", "KODE_INSTANSI tidak dikenal: PROV-99")]
    assert not Employee.objects.exists()


def test_a_nip_repeated_in_the_file_keeps_the_first_row(agencies, tmp_path):
    result = run(write_csv(tmp_path / "asn.csv", [SITI, BUDI, [*SITI[:2], "Siti Dua", *SITI[3:]]]))
    assert [(e.line, e.column) for e in result.errors] == [(4, "NIP")]
    assert "NIP ganda" in result.errors[0].message
    assert Employee.objects.get(nip=SITI[0]).name == "Siti Aminah"


def test_header_variants_are_recognised(agencies, tmp_path):
    header = [
        "nip baru",
        "Nama Lengkap",
        "jk",
        "Tgl Lahir",
        "jenis_asn",
        "Kode-Instansi",
        "jenis jabatan",
        "nik",
        "Unor",
        "Nama Jabatan",
        "gol ruang",
        "Keterangan",
    ]
    row = [
        SITI[0],
        SITI[2],
        SITI[3],
        "13/03/1986",
        SITI[5],
        SITI[6],
        SITI[9],
        "1671 0553 0386 0001",
        SITI[7],
        SITI[8],
        "iii/C",
        "tidak dipakai",
    ]
    path = write_csv(tmp_path / "asn.csv", [row], header=header, delimiter=";", encoding="utf-8-sig")
    result = run(path)
    assert (result.inserted, result.rejected) == (1, 0), result.errors
    siti = Employee.objects.get()
    assert (siti.nik, siti.grade, siti.unit) == (SITI[1], "III/c", SITI[7])


def test_nip_written_with_spaces_is_stored_normalised(agencies, tmp_path):
    run(write_csv(tmp_path / "asn.csv", [["19860313 201503 2 002", *SITI[1:]]]))
    assert Employee.objects.get().nip == SITI[0]


def test_missing_required_columns_stop_the_import(agencies, tmp_path):
    path = write_csv(tmp_path / "asn.csv", [SITI[:3]], header=["NIP", "NIK", "NAMA"])
    with pytest.raises(
        ImportFormatError, match="kolom wajib tidak ada pada baris judul: JENIS_KELAMIN, TANGGAL_LAHIR"
    ):
        run(path)


def test_worker_processes_give_the_same_result_as_in_process(agencies, tmp_path):
    rows = [SITI, BUDI, [*AGUS[:2], "", *AGUS[3:]], AGUS] * 1  # line 4 has no name
    path = write_csv(tmp_path / "asn.csv", rows)
    result = run(path, workers=2, chunk_bytes=64)  # tiny chunks: every row is its own chunk
    assert (result.rows_read, result.inserted, result.rejected) == (4, 3, 1)
    assert errors_of(result) == [(4, "NAMA", "NAMA wajib diisi")]


def test_dry_run_validates_without_writing(agencies, tmp_path):
    result = run(write_csv(tmp_path / "asn.csv", [SITI, [*BUDI[:6], "X", *BUDI[7:]]]), dry_run=True)
    assert (result.rows_read, result.rejected) == (2, 1)
    assert not Employee.objects.exists()


def write_xlsx(path, rows, header=STANDARD_HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_import_with_dates_and_errors(agencies, tmp_path):
    siti = [*SITI[:4], dt.datetime(1986, 3, 13), *SITI[5:]]
    as_number = [int(AGUS[0]), *AGUS[1:]]
    bad_agency = [*BUDI[:6], "NOPE", *BUDI[7:]]
    path = write_xlsx(tmp_path / "asn.xlsx", [siti, [None] * 12, as_number, bad_agency, BUDI])
    result = run(path)
    assert (result.rows_read, result.inserted, result.rejected) == (4, 2, 2)
    assert [(e.line, e.column) for e in result.errors] == [(4, "NIP"), (5, "KODE_INSTANSI")]
    assert "disimpan sebagai angka" in result.errors[0].message
    assert Employee.objects.get(nip=SITI[0]).birth_date == dt.date(1986, 3, 13)


@pytest.mark.django_db(transaction=True)
def test_bulk_import_restores_indexes_and_foreign_keys(tmp_path):
    Agency.objects.create(code="KAB-16.06", name="Musi Banyuasin", kind="kabupaten", ppk_title="Bupati")
    Agency.objects.create(code="BKN", name="BKN", kind="pusat", ppk_title="Kepala")
    with connection.cursor() as cursor:
        before = connection.introspection.get_constraints(cursor, Employee._meta.db_table)
    result = run(write_csv(tmp_path / "asn.csv", [SITI, BUDI, AGUS]), bulk=True)
    assert (result.inserted, result.rejected) == (3, 0)
    with connection.cursor() as cursor:
        after = connection.introspection.get_constraints(cursor, Employee._meta.db_table)
    assert {name for name, info in after.items() if info["index"] or info["foreign_key"]} >= {
        "employee_agency_name",
        "employee_nik",
    }
    assert sum(bool(info["foreign_key"]) for info in after.values()) == sum(
        bool(info["foreign_key"]) for info in before.values()
    )


def test_command_writes_errors_file_and_fails_when_strict(agencies, tmp_path):
    path = write_csv(tmp_path / "asn.csv", [SITI, [*BUDI[:6], "NOPE", *BUDI[7:]]])
    errors_file = tmp_path / "errors.csv"
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_employees",
        str(path),
        "--errors-file",
        str(errors_file),
        "--no-progress",
        "--workers",
        "0",
        stdout=out,
        stderr=err,
    )
    assert "1 baru" in out.getvalue() and "1 ditolak" in out.getvalue()
    assert "baris 3, kolom KODE_INSTANSI" in err.getvalue()
    with errors_file.open(encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["baris", "kolom", "nilai", "pesan"],
            ["3", "KODE_INSTANSI", "NOPE", "KODE_INSTANSI tidak dikenal: NOPE"],
        ]
    with pytest.raises(CommandError, match="1 baris ditolak") as info:
        call_command(
            "import_employees",
            str(path),
            "--strict",
            "--no-progress",
            "--workers",
            "0",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert info.value.returncode == 2


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_a_file_saved_by_indonesian_excel_is_read_as_written(agencies, tmp_path, encoding, delimiter):
    andre = [*SITI[:2], "André Siregar", *SITI[3:8], "Guru Ahli Muda; Wali Kelas", *SITI[9:]]
    path = write_csv(tmp_path / "asn.csv", [andre, BUDI], delimiter=delimiter, encoding=encoding)
    result = run(path)
    assert (result.rows_read, result.inserted, result.rejected) == (2, 2, 0), errors_of(result)
    siti = Employee.objects.get(nip=SITI[0])
    assert (siti.name, siti.position) == ("André Siregar", "Guru Ahli Muda; Wali Kelas")


def test_a_windows_1252_file_whose_accents_come_late_is_still_read(agencies, tmp_path):
    # The first 64 KiB are plain ASCII (as UTF-8 would be); the accented name is further down.
    rows = [*[SITI] * 700, [*AGUS[:2], "Agus Salim Séno", *AGUS[3:]]]
    path = write_csv(tmp_path / "asn.csv", rows, delimiter=";", encoding="cp1252")
    assert path.stat().st_size > 64 * 1024 and b"S\xe9no" in path.read_bytes()[64 * 1024 :]
    result = run(path)
    assert result.inserted == 2
    assert Employee.objects.get(nip=AGUS[0]).name == "Agus Salim Séno"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"NIP NAMA\r\n1 2\r\n", "Pemisah kolom tidak dikenali"),
        (b"PK\x03\x04\x14\x00", "buku kerja Excel"),
        ("NIP;NAMA\r\n1;é".encode("utf-16"), "UTF-16"),
    ],
)
def test_a_csv_that_cannot_be_read_names_the_problem(agencies, tmp_path, data, words):
    path = tmp_path / "asn.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFormatError, match=words):
        run(path)


def test_a_dry_run_counts_what_the_real_run_then_does(agencies, tmp_path):
    run(write_csv(tmp_path / "first.csv", [SITI, AGUS]))
    moved = [*AGUS[:7], "Dinas Pendidikan", *AGUS[8:]]  # Agus changes unit; Siti unchanged; Budi new
    path = write_csv(tmp_path / "second.csv", [SITI, moved, BUDI, [*BUDI[:6], "NOPE", *BUDI[7:]]])
    before = sorted(Employee.objects.values_list("nip", "unit", "updated_at"))

    dry = run(path, dry_run=True)
    assert sorted(Employee.objects.values_list("nip", "unit", "updated_at")) == before  # nothing written
    real = run(path)
    counts = ("rows_read", "inserted", "updated", "unchanged", "rejected")
    assert [getattr(dry, c) for c in counts] == [getattr(real, c) for c in counts] == [4, 1, 1, 1, 1]
    assert dry.summary().split(";")[0] == real.summary().split(";")[0]


def test_the_dry_run_command_reports_new_rows_as_new(agencies, tmp_path):
    out = io.StringIO()
    call_command(
        "import_employees",
        str(write_csv(tmp_path / "asn.csv", [SITI, BUDI])),
        "--dry-run",
        "--no-progress",
        "--workers",
        "0",
        stdout=out,
    )
    assert "2 baru" in out.getvalue() and "uji coba" in out.getvalue()
    assert not Employee.objects.exists()
