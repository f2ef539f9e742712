"""Pasal 71(2): transfers inside the window, in a Pilkada region, without Mendagri approval are flagged and
open exactly one system case."""

from __future__ import annotations

import datetime as dt

import pytest

from netralitas.cases.models import Case, Source
from netralitas.cases.workflow import Status
from netralitas.registry.models import Agency, Region
from netralitas.transfers.models import TransferDecision, TransferRule
from netralitas.transfers.services import (
    TransferError,
    months_before,
    transfer_import_rows,
    transfer_record,
    transfer_rule_derive,
)
from tests.world import World


@pytest.fixture
def rule(world: World) -> TransferRule:
    return transfer_rule_derive(election=world.pilkada, window_end=dt.date(2025, 2, 20))


def _record(
    world: World, day: dt.date, *, agency: Agency | None = None, approval: str = "", number: str = "SK-1"
):
    return transfer_record(
        employee=world.camat,
        decision_number=number,
        decision_date=day,
        deciding_agency=agency or world.pemkab_muba,
        from_position="Camat Sekayu",
        from_level="III.b",
        to_position="Staf Ahli Bupati",
        to_level="II.b",
        approval_reference=approval,
    )


def test_the_window_opens_six_months_before_candidates_are_set(world: World, rule: TransferRule) -> None:
    assert rule.window_start == dt.date(2024, 3, 22)
    assert rule.window_end == dt.date(2025, 2, 20)
    assert "Pasal 71" in rule.legal_basis


def test_months_before_keeps_the_day_or_the_month_end() -> None:
    assert months_before(dt.date(2024, 8, 31), 6) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2024, 1, 15), 1) == dt.date(2023, 12, 15)


def test_a_transfer_inside_the_window_without_approval_opens_a_system_case(
    world: World, rule: TransferRule
) -> None:
    decision, created = _record(world, dt.date(2024, 4, 1))
    assert created and decision.flagged
    case = Case.objects.get()
    assert decision.case == case
    assert case.source == Source.SYSTEM
    assert case.status == Status.RECEIVED
    assert case.reported_name == "Kepala daerah Kabupaten Musi Banyuasin"
    assert case.agency == world.pemkab_muba
    assert case.employee is None
    assert "SK-1" in case.description and world.camat.nip in case.description


@pytest.mark.parametrize("day", [dt.date(2024, 3, 21), dt.date(2025, 2, 21)])
def test_a_transfer_outside_the_window_is_not_flagged(world: World, rule: TransferRule, day: dt.date) -> None:
    decision, _ = _record(world, day)
    assert not decision.flagged
    assert not Case.objects.exists()


@pytest.mark.parametrize("day", [dt.date(2024, 3, 22), dt.date(2025, 2, 20)])
def test_the_window_includes_both_ends(world: World, rule: TransferRule, day: dt.date) -> None:
    assert _record(world, day)[0].flagged


def test_a_transfer_with_mendagri_approval_is_not_flagged(world: World, rule: TransferRule) -> None:
    decision, _ = _record(world, dt.date(2024, 5, 1), approval="100.2.2.6/1234/OTDA")
    assert not decision.flagged
    assert not Case.objects.exists()


def test_a_region_without_pilkada_is_not_flagged(world: World, rule: TransferRule) -> None:
    jambi = Region.objects.create(code="15", name="Jambi", level=Region.Level.PROVINCE)
    pemprov = Agency.objects.create(
        code="PROV-15",
        name="Pemerintah Provinsi Jambi",
        kind=Agency.Kind.PROVINCE,
        region=jambi,
        ppk_title="Gubernur",
    )
    decision, _ = _record(world, dt.date(2024, 5, 1), agency=pemprov)
    assert not decision.flagged


def test_a_central_agency_cannot_be_the_deciding_head_of_region(world: World, rule: TransferRule) -> None:
    with pytest.raises(TransferError, match="pemerintah daerah"):
        _record(world, dt.date(2024, 5, 1), agency=world.bkn)


def test_re_recording_the_same_decree_opens_no_second_case(world: World, rule: TransferRule) -> None:
    first, _ = _record(world, dt.date(2024, 4, 1))
    again, created = _record(world, dt.date(2024, 4, 1))
    assert not created and again.pk == first.pk
    assert Case.objects.count() == 1
    assert TransferDecision.objects.count() == 1


ROW = {
    "NIP": "198603132010011003",
    "NOMOR_SK": "821/45/BKPSDM/2024",
    "TANGGAL_SK": "15-04-2024",
    "KODE_INSTANSI_PENETAP": "KAB-16.06",
    "JABATAN_LAMA": "Camat Sekayu",
    "JABATAN_BARU": "Kepala Dinas Pendidikan",
    "PERSETUJUAN_MENDAGRI": "",
}


def test_importing_rows_twice_flags_once_and_opens_one_case(world: World, rule: TransferRule) -> None:
    first = transfer_import_rows(rows=[(2, ROW)], actor=world.bkn_officer)
    second = transfer_import_rows(rows=[(2, ROW)], actor=world.bkn_officer)
    assert (first.created, first.flagged, first.existing) == (1, 1, 0)
    assert (second.created, second.flagged, second.existing) == (0, 0, 1)
    assert Case.objects.count() == 1


def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_recorded(
    world: World, rule: TransferRule
) -> None:
    rows = [
        (2, ROW),
        (3, {**ROW, "NIP": "123"}),
        (4, {**ROW, "TANGGAL_SK": "kemarin"}),
        (5, {**ROW, "KODE_INSTANSI_PENETAP": "BKN"}),
        (6, {**ROW, "KODE_INSTANSI_PENETAP": "XYZ", "JABATAN_BARU": ""}),
    ]
    report = transfer_import_rows(rows=rows)
    assert report.errors == [
        (3, "NIP", "NIP harus 18 angka."),
        (4, "TANGGAL_SK", "Tanggal SK wajib diisi seperti 15-04-2024."),
        (5, "KODE_INSTANSI_PENETAP", "Penetap harus pemerintah daerah, bukan instansi pusat."),
        (
            6,
            "KODE_INSTANSI_PENETAP",
            "Kode instansi tidak dikenal; pakai kode master data (mis. KAB-16.06), atau kode "
            "kota/kabupaten administrasi DKI (mis. KOTA-31.71) yang ditetapkan Pemprov DKI.",
        ),
        (6, "JABATAN_BARU", "Jabatan baru wajib diisi."),
    ]
    assert not TransferDecision.objects.exists()


def test_a_jakarta_administrative_city_is_decided_by_the_province(world: World) -> None:
    """Kota Administrasi Jakarta Pusat has no agency: the Pemprov DKI decides, and the flag names the city."""
    from netralitas.registry.models import Election

    dki = Region.objects.create(code="31", name="DKI Jakarta", level=Region.Level.PROVINCE)
    jakpus = Region.objects.create(
        code="31.71", name="Kota Administrasi Jakarta Pusat", level=Region.Level.CITY, province=dki
    )
    pemprov = Agency.objects.create(
        code="PROV-31", name="Pemerintah Provinsi DKI Jakarta", kind=Agency.Kind.PROVINCE, region=dki
    )
    world.pilkada.regions.add(dki)
    transfer_rule_derive(election=Election.objects.get(pk=world.pilkada.pk), window_end=dt.date(2025, 2, 20))
    report = transfer_import_rows(
        rows=[
            (
                2,
                {
                    "NIP": world.camat.nip,
                    "NOMOR_SK": "821/123/2024",
                    "TANGGAL_SK": "15-08-2024",
                    "KODE_INSTANSI_PENETAP": "KOTA-31.71",
                    "JABATAN_LAMA": "Camat Gambir",
                    "JABATAN_BARU": "Staf Ahli Wali Kota",
                },
            )
        ]
    )
    assert report.ok, report.errors
    decision = TransferDecision.objects.get(decision_number="821/123/2024")
    assert decision.deciding_agency == pemprov and decision.deciding_unit == jakpus
    assert decision.flagged and decision.case is not None
    assert decision.case.region == jakpus
    assert (
        "Pemerintah Provinsi DKI Jakarta untuk Kota Administrasi Jakarta Pusat" in decision.case.description
    )


def test_an_unknown_deciding_code_names_the_column_and_the_dki_form(world: World) -> None:
    report = transfer_import_rows(
        rows=[
            (
                7,
                {
                    "NIP": world.camat.nip,
                    "NOMOR_SK": "1",
                    "TANGGAL_SK": "15-08-2024",
                    "KODE_INSTANSI_PENETAP": "KOTA-99.99",
                    "JABATAN_BARU": "Staf",
                },
            )
        ]
    )
    assert [(line, column) for line, column, _ in report.errors] == [(7, "KODE_INSTANSI_PENETAP")]
    assert "KOTA-31.71" in report.errors[0][2]


def test_an_administrative_unit_only_under_its_own_province(world: World) -> None:
    dki = Region.objects.create(code="31", name="DKI Jakarta", level=Region.Level.PROVINCE)
    jakpus = Region.objects.create(
        code="31.71", name="Kota Administrasi Jakarta Pusat", level=Region.Level.CITY, province=dki
    )
    with pytest.raises(TransferError, match="pemerintah provinsinya"):
        transfer_record(
            employee=world.camat,
            decision_number="SK-9",
            decision_date=dt.date(2024, 8, 15),
            deciding_agency=world.pemkab_muba,
            deciding_unit=jakpus,
            to_position="Staf",
        )
