"""The flags page (by region, scoped like the cases) and the import page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from netralitas.cases.models import Case
from netralitas.transfers.models import TransferDecision
from netralitas.transfers.services import transfer_rule_derive
from tests.world import PASSWORD, World

CSV = (
    "NIP,NOMOR_SK,TANGGAL_SK,KODE_INSTANSI_PENETAP,JABATAN_LAMA,JABATAN_BARU,PERSETUJUAN_MENDAGRI\n"
    "198603132010011003,821/45/2024,15-04-2024,KAB-16.06,Camat Sekayu,Kepala Dinas,\n"
)


@pytest.fixture(autouse=True)
def _rule(world: World) -> None:
    transfer_rule_derive(election=world.pilkada, window_end=dt.date(2025, 2, 20))


def _login(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_the_verifier_imports_a_file_and_sees_the_flag_by_region(world: World) -> None:
    client = _login(world.verifier)
    response = client.post(reverse("transfers:upload"), {"sheet": SimpleUploadedFile("sk.csv", CSV.encode())})
    assert response.status_code == 200
    assert "1 keputusan baru (1 ditandai" in response.content.decode()
    page = client.get(reverse("transfers:flags")).content.decode()
    assert "Kabupaten Musi Banyuasin" in page
    assert Case.objects.get().number in page


def test_a_file_with_errors_shows_the_row_report(world: World) -> None:
    bad = CSV.replace("15-04-2024", "besok")
    response = _login(world.verifier).post(
        reverse("transfers:upload"), {"sheet": SimpleUploadedFile("sk.csv", bad.encode())}
    )
    assert response.status_code == 422
    assert "<td>2</td><td>TANGGAL_SK</td>" in response.content.decode()


def test_a_ppk_cannot_import_and_gets_404(world: World) -> None:
    assert _login(world.ppk_muba).get(reverse("transfers:upload")).status_code == 404


def test_flags_outside_the_users_case_scope_are_not_listed(world: World) -> None:
    _login(world.verifier).post(
        reverse("transfers:upload"), {"sheet": SimpleUploadedFile("sk.csv", CSV.encode())}
    )
    page = _login(world.ppk_makassar).get(reverse("transfers:flags")).content.decode()
    assert "821/45/2024" not in page
    assert "Tidak ada mutasi yang ditandai" in page


def test_the_management_command_imports_idempotently(world: World, tmp_path: Path) -> None:
    path = tmp_path / "sk.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("import_transfers", str(path))
    call_command("import_transfers", str(path))
    assert TransferDecision.objects.count() == 1
    assert Case.objects.count() == 1
