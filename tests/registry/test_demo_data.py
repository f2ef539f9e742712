import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from netralitas.registry.demo_data import (
    REFERENCE_DATE,
    EmployeeGenerator,
    choose_agencies,
    generate_employees,
)
from netralitas.registry.identifiers import check_nip_nik, parse_nik
from netralitas.registry.import_rows import STANDARD_HEADER
from netralitas.registry.models import Agency, Employee, Region


@pytest.fixture
def agencies(db):
    sumsel = Region.objects.create(code="16", name="Sumatera Selatan", level="provinsi")
    muba = Region.objects.create(code="16.06", name="Musi Banyuasin", level="kabupaten", province=sumsel)
    palembang = Region.objects.create(code="16.71", name="Palembang", level="kota", province=sumsel)
    return [
        Agency.objects.create(
            code="BKN",
            name="Badan Kepegawaian Negara",
            kind="pusat",
            ppk_title="Kepala",
            is_oversight_body=True,
        ),
        Agency.objects.create(
            code="KEMENKEU", name="Kementerian Keuangan", kind="pusat", ppk_title="Menteri"
        ),
        Agency.objects.create(
            code="PROV-16",
            name="Pemprov Sumatera Selatan",
            kind="provinsi",
            region=sumsel,
            ppk_title="Gubernur",
        ),
        Agency.objects.create(
            code="KAB-16.06", name="Pemkab Musi Banyuasin", kind="kabupaten", region=muba, ppk_title="Bupati"
        ),
        Agency.objects.create(
            code="KOTA-16.71", name="Pemkot Palembang", kind="kota", region=palembang, ppk_title="Wali Kota"
        ),
    ]


def test_small_profile_is_valid_and_consistent(agencies):
    counts = generate_employees("small", seed=7)
    assert (counts.written, counts.inserted) == (3000, 3000)
    employees = list(Employee.objects.select_related("agency__region"))
    assert len({employee.nip for employee in employees}) == 3000
    assert {employee.agency.code for employee in employees} == {agency.code for agency in agencies}
    for employee in employees:
        nip, _ = check_nip_nik(
            employee.nip, employee.nik, kind=employee.kind, sex=employee.sex, today=REFERENCE_DATE
        )
        assert nip.birth_date == employee.birth_date
        if employee.agency.region:  # NIK registered in the agency's province (and kabupaten/kota)
            code = employee.agency.region.code.replace(".", "")
            assert employee.nik.startswith(code)
    kinds = [employee.kind for employee in employees]
    assert 0.85 < kinds.count("PNS") / len(kinds) < 0.93
    regional = sum(1 for employee in employees if employee.agency.region_id)
    assert 0.74 < regional / len(employees) < 0.82


def test_same_seed_gives_the_same_rows_and_a_rerun_changes_nothing(agencies):
    generate_employees("small", seed=7, count=500)
    first = set(Employee.objects.values_list("nip", "nik", "name", "agency__code", "position_type"))
    again = generate_employees("small", seed=7, count=500)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 500)
    assert set(Employee.objects.values_list("nip", "nik", "name", "agency__code", "position_type")) == first
    other = list(EmployeeGenerator(choose_agencies("small"), seed=8).rows(5))
    assert {row[0] for row in other}.isdisjoint({row[0] for row in first})


def test_csv_output_uses_the_import_layout(agencies, tmp_path):
    path = tmp_path / "asn.csv"
    out = io.StringIO()
    call_command("generate_employees", "--profile", "small", "--count", "50", "--csv", str(path), stdout=out)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(STANDARD_HEADER) and len(rows) == 51
    assert all(parse_nik(row[1]).birth_date.month == dt.date.fromisoformat(row[4]).month for row in rows[1:])
    assert not Employee.objects.exists()
    assert "50 pegawai" in out.getvalue()


def test_command_writes_to_the_database(agencies):
    out = io.StringIO()
    call_command("generate_employees", "--count", "100", "--seed", "1", stdout=out)
    assert Employee.objects.count() == 100
    assert "100 baru" in out.getvalue()
