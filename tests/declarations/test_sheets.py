"""Offline signing: attendance sheets (CSV/XLSX) with a row-level validation report."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from netralitas.declarations.models import Campaign, CampaignAgency, Signature
from tests.world import PASSWORD, World


def _upload(world: World, campaign: Campaign, name: str, content: bytes) -> tuple[int, str]:
    client = Client()
    client.login(username=world.verifier.username, password=PASSWORD)
    response = client.post(
        reverse("declarations:sheet", args=[campaign.code]), {"sheet": SimpleUploadedFile(name, content)}
    )
    return response.status_code, response.content.decode()


def test_a_valid_csv_sheet_records_signatures_as_sheet_channel(world: World, campaign: Campaign) -> None:
    csv = b"NIP;NAMA;TANGGAL_LAHIR;WAKTU\n198603132010011003;Budi;13-03-1986;27-12-2023 09:00\n"
    status, body = _upload(world, campaign, "hadir.csv", csv)
    assert status == 200
    assert "1 tanda tangan dicatat" in body
    signature = Signature.objects.get()
    assert signature.channel == Signature.Channel.SHEET
    assert CampaignAgency.objects.get(campaign=campaign).signed == 1


def test_errors_are_reported_by_line_and_column_and_nothing_is_recorded(
    world: World, campaign: Campaign
) -> None:
    csv = (
        b"NIP,TANGGAL_LAHIR\n"
        b"198603132010011003,13-03-1986\n"  # fine
        b"1986,13-03-1986\n"  # line 3: short NIP
        b"199105052019032002,31-02-1991\n"  # line 4: not a date
        b"199105052019032002,\n"  # line 5: missing date
        b"199001022015032001,02-01-1990\n"  # line 6: not a participating agency
        b"198603132010011003,14-03-1986\n"  # line 7: duplicate NIP in file
    )
    status, body = _upload(world, campaign, "hadir.csv", csv)
    assert status == 422
    for expected in [
        "<td>3</td><td>NIP</td><td>NIP harus 18 angka.",
        "<td>4</td><td>TANGGAL_LAHIR</td><td>“31-02-1991” bukan tanggal",
        "<td>5</td><td>TANGGAL_LAHIR</td><td>Tanggal lahir wajib diisi",
        "<td>6</td><td>NIP</td><td>Instansi pegawai ini tidak termasuk peserta",
        "<td>7</td><td>NIP</td><td>NIP 198603132010011003 sudah ada di baris 2.",
    ]:
        assert expected in body
    assert not Signature.objects.exists()


def test_a_birth_date_that_does_not_match_master_data_is_reported(world: World, campaign: Campaign) -> None:
    status, body = _upload(
        world, campaign, "hadir.csv", b"NIP,TANGGAL_LAHIR\n198603132010011003,14-03-1986\n"
    )
    assert status == 422
    assert "<td>2</td><td>TANGGAL_LAHIR</td><td>Tanggal lahir tidak cocok" in body


def test_an_xlsx_sheet_is_read_and_repeats_are_harmless(world: World, campaign: Campaign) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP", "TANGGAL_LAHIR"])
    sheet.append(["198603132010011003", "13-03-1986"])
    buffer = io.BytesIO()
    book.save(buffer)
    _upload(world, campaign, "hadir.xlsx", buffer.getvalue())
    status, body = _upload(world, campaign, "hadir.xlsx", buffer.getvalue())
    assert status == 200
    assert "0 tanda tangan dicatat; 1 sudah menandatangani" in body
    assert Signature.objects.count() == 1


def test_a_sheet_without_the_required_header_is_refused(world: World, campaign: Campaign) -> None:
    _status, body = _upload(world, campaign, "hadir.csv", b"NOMOR,NAMA\n1,Budi\n")
    assert "Kolom wajib tidak ada di baris judul: NIP, TANGGAL_LAHIR." in body


def test_other_file_types_are_refused(world: World, campaign: Campaign) -> None:
    _status, body = _upload(world, campaign, "hadir.pdf", b"%PDF")
    assert "Unggah berkas .csv atau .xlsx." in body
