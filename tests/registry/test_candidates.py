"""Candidates of a Pilkada as data: imported from CSV row by row, and the incumbent PPK found from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from netralitas.audit.models import AuditEvent
from netralitas.registry.candidates import candidates_import, incumbent_ppk_candidate
from netralitas.registry.models import Candidate
from tests.world import World

pytestmark = pytest.mark.django_db


def row(**values: str) -> dict[str, str]:
    base = {"KODE_PEMILIHAN": "pilkada-2024", "KODE_WILAYAH": "16.06", "NOMOR_URUT": "1", "POSISI": "kepala",
            "NAMA": "H. Dodi  Reza", "PETAHANA": "kepala_daerah", "NIK": "", "NIP": ""}  # fmt: skip
    return {**base, **values}


def test_an_incumbent_head_running_in_his_region_is_its_ppk_candidate(world: World) -> None:
    world.pilkada.regions.add(world.muba)
    report = candidates_import(rows=[(2, row()), (3, row(NOMOR_URUT="2", NAMA="Lawan", PETAHANA="tidak"))])
    assert report.ok and report.created == 2
    found = incumbent_ppk_candidate(election=world.pilkada, agency=world.pemkab_muba)
    assert found is not None and found.name == "H. Dodi Reza"
    assert incumbent_ppk_candidate(election=world.pilkada, agency=world.pemkot_makassar) is None
    assert incumbent_ppk_candidate(election=world.pilkada, agency=world.bkn) is None
    assert AuditEvent.objects.filter(action="candidates.imported").exists()


def test_reimporting_updates_the_ticket_in_place(world: World) -> None:
    world.pilkada.regions.add(world.muba)
    candidates_import(rows=[(2, row())])
    again = candidates_import(rows=[(2, row(NAMA="H. Dodi Reza Alex", PETAHANA="tidak"))])
    assert (again.created, again.updated) == (0, 1)
    assert Candidate.objects.get().incumbent == ""


def test_every_wrong_cell_is_named_and_nothing_is_written(world: World) -> None:
    from netralitas.registry.models import Region

    world.pilkada.regions.add(world.muba)
    Region.objects.create(code="34.71", name="Kota Yogyakarta", level=Region.Level.CITY)
    report = candidates_import(
        rows=[
            (2, row()),
            (3, row(KODE_WILAYAH="99.99", POSISI="ketua")),
            (4, row(NOMOR_URUT="nol", PETAHANA="ya", NIK="1606011234")),
            (5, row(KODE_WILAYAH="34.71")),
        ]
    )
    cells = [(line, column) for line, column, _ in report.errors]
    assert cells == [(3, "KODE_WILAYAH"), (3, "POSISI"), (4, "NOMOR_URUT"), (4, "PETAHANA"), (4, "NIK"),
                     (5, "KODE_WILAYAH")]  # fmt: skip
    assert "tidak menyelenggarakan" in report.errors[-1][2]
    assert not Candidate.objects.exists()


def test_the_command_reads_an_excel_semicolon_file(world: World, tmp_path: Path) -> None:
    world.pilkada.regions.add(world.muba)
    path = tmp_path / "calon.csv"
    path.write_bytes(
        "KODE_PEMILIHAN;KODE_WILAYAH;NOMOR_URUT;POSISI;NAMA;PETAHANA\r\n"
        "pilkada-2024;16.06;1;kepala;Beni Hernedi;kepala_daerah\r\n".encode("cp1252")
    )
    call_command("import_candidates", str(path))
    assert Candidate.objects.get().name == "Beni Hernedi"
    path.write_text("KODE_PEMILIHAN;KODE_WILAYAH;NOMOR_URUT;POSISI;NAMA\npilkada-2024;16.06;x;kepala;A\n")
    with pytest.raises(CommandError, match="tidak ada yang dicatat"):
        call_command("import_candidates", str(path))


def test_the_case_page_flags_the_conflict_to_all_but_the_ppk(world: World, client) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from netralitas.cases.models import Source
    from netralitas.cases.services import case_submit

    world.pilkada.regions.add(world.muba)
    candidates_import(rows=[(2, row())])
    case, _r, _c = case_submit(
        source=Source.PUBLIC, election=world.pilkada, region=world.muba, incident_date=dt.date(2024, 10, 1),
        description="Camat mengajak warga memilih petahana dalam acara resmi kecamatan.",
        reported_name="Camat", reported_position="Camat", reported_agency=world.pemkab_muba,
        idempotency_key="konflik-1", employee=world.camat,
    )  # fmt: skip
    client.force_login(world.verifier)
    assert "Konflik kepentingan PPK" in client.get(f"/ruang-kerja/kasus/{case.code}/").content.decode()
