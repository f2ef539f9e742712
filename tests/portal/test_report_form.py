from __future__ import annotations

import datetime as dt
from html import unescape

import altcha
import pytest
import time_machine
from django.test import Client

from netralitas.cases.intake_rules import description_problem, incident_date_problem
from netralitas.cases.models import Case, ReporterIdentity, Source
from netralitas.portal.models import Draft
from tests.portal.helpers import (
    fill_steps,
    gps_of,
    photo,
    proof_of_work,
    reporter,
    start,
    what,
    who_by_description,
)
from tests.world import World


def test_landing_page_lists_violations_deadlines_and_protection(world: World, client: Client) -> None:
    page = client.get("/").content.decode()
    assert "Kampanye atau sosialisasi (bakal) calon di media sosial/daring" in page
    assert "paling lama 3 hari kerja" in page and "paling lama 14 hari kalender" in page
    assert "Perbawaslu" in page
    assert "anonim" in page and 'href="/pemantauan/publik/"' in page and 'href="/status/"' in page


def test_anonymous_report_is_filed_as_a_public_case_with_its_photo_stripped(
    world: World, client: Client
) -> None:
    token = fill_steps(client, world, files=[photo()])
    response = client.post(f"/lapor/{token}/pelapor/", reporter(token), follow=True)
    case = Case.objects.get()
    assert case.source == Source.PUBLIC and case.reported_name == "Pak Budi, camat Sekayu"
    assert case.employee is None and case.region == world.muba
    assert case.links == ["https://facebook.com/camat.sekayu/posts/123"]
    assert list(case.violation_types.values_list("code", flat=True)) == ["media-sosial"]
    assert not ReporterIdentity.objects.filter(case=case).exists()
    evidence = case.evidence.get()
    assert gps_of(evidence.file.read()) == {}
    page = response.content.decode()
    assert case.number in page and 'id="receipt-code"' in page


def test_report_naming_the_employee_by_nip_resolves_the_case(world: World, client: Client) -> None:
    token = fill_steps(client, world, who={"mode": "nip", "identifier": "19860313 201001 1 003"})
    client.post(f"/lapor/{token}/pelapor/", reporter(token))
    assert Case.objects.get().employee == world.camat


def test_identified_reporter_is_stored_encrypted(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    data = reporter(token, identity="identitas", name="Rina", nik="1606045507900001", phone="0812 3456 7890")
    response = client.post(f"/lapor/{token}/pelapor/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    identity = ReporterIdentity.objects.get()
    assert b"Rina" not in bytes(identity.ciphertext)


def test_identified_reporter_without_contact_is_told_what_to_fill(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    page = client.post(
        f"/lapor/{token}/pelapor/", reporter(token, identity="identitas", nik="123")
    ).content.decode()
    assert "Tulis nama Anda, atau pilih “Anonim”." in page
    assert "NIK" in page and "Isi nomor telepon atau e-mail" in page
    assert not Case.objects.exists()


def test_the_same_token_posted_twice_makes_one_case_and_shows_the_same_number(
    world: World, client: Client
) -> None:
    token = fill_steps(client, world)
    first = client.post(f"/lapor/{token}/pelapor/", reporter(token), follow=True)
    second = client.post(f"/lapor/{token}/pelapor/", reporter(token), follow=True)
    case = Case.objects.get()
    assert case.number in first.content.decode() and case.number in second.content.decode()
    assert case.idempotency_key == f"portal:{token}"


def test_errors_are_in_bahasa_indonesia_and_every_value_and_file_is_kept(
    world: World, client: Client
) -> None:
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", who_by_description())
    bad = what(world, description="terlalu pendek", links="bukan-url", incident_date="2099-01-01")
    response = client.post(f"/lapor/{token}/apa/", {**bad, "files": [photo("foto1.jpg")]})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Uraian terlalu singkat (14 karakter); tulis paling sedikit 30 karakter." in page
    assert "“bukan-url” bukan alamat web yang sah" in page
    assert "Tanggal kejadian tidak boleh setelah hari ini." in page
    assert "terlalu pendek" in page and 'value="2099-01-01"' in page and "bukan-url" in page
    assert 'value="media-sosial"' in page and "checked" in page
    assert "Sudah diunggah:" in page and "foto1.jpg" in page
    # a refresh (GET) still shows what was typed
    again = client.get(f"/lapor/{token}/apa/").content.decode()
    assert "terlalu pendek" in again and "foto1.jpg" in again


def test_a_text_file_named_jpg_is_refused_while_the_good_photo_is_kept(world: World, client: Client) -> None:
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", who_by_description())
    fake = photo("palsu.jpg", b"hanya teks, bukan gambar")
    page = client.post(
        f"/lapor/{token}/apa/", {**what(world), "files": [photo("asli.jpg"), fake]}
    ).content.decode()
    assert "Berkas palsu.jpg bukan JPEG, PNG, WebP, PDF atau MP4 menurut isinya" in page
    assert Draft.objects.get(token=token).files.get().original_name == "asli.jpg"


def test_a_kept_file_can_be_removed(world: World, client: Client) -> None:
    token = fill_steps(client, world, files=[photo("foto1.jpg")])
    code = Draft.objects.get(token=token).files.get().code
    assert client.post(f"/lapor/{token}/berkas/{code}/hapus/").status_code == 302
    assert not Draft.objects.get(token=token).files.exists()


def test_too_many_files_are_refused_with_the_limit(world: World, client: Client, settings: object) -> None:
    settings.PORTAL_MAX_FILES = 1  # type: ignore[attr-defined]
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", who_by_description())
    page = client.post(f"/lapor/{token}/apa/", {**what(world), "files": [photo("a.jpg"), photo("b.jpg")]})
    assert "paling banyak 1 berkas per laporan" in page.content.decode()


def test_step_one_asks_to_choose_a_search_result(world: World, client: Client) -> None:
    token = start(client)
    page = client.post(f"/lapor/{token}/siapa/", {"mode": "cari", "search_name": "Budi"}).content.decode()
    assert "Pilih satu nama dari hasil pencarian" in page


def test_unknown_nip_keeps_the_reporter_on_the_form_with_other_options(world: World, client: Client) -> None:
    token = start(client)
    page = client.post(f"/lapor/{token}/siapa/", {"mode": "nip", "identifier": "199901012020011001"})
    assert "tidak ditemukan pada data ASN aktif" in page.content.decode()
    assert "199901012020011001" in page.content.decode()


def test_employee_lookup_shows_name_agency_region_and_nothing_more(world: World, client: Client) -> None:
    token = start(client)
    page = client.get(f"/lapor/{token}/pegawai/nip/", {"identifier": world.camat.nip}).content.decode()
    assert "Budi Santoso" in page and "Pemerintah Kabupaten Musi Banyuasin" in page
    assert "Kabupaten Musi Banyuasin" in page
    for secret in ("1986-03-13", "13 Maret 1986", world.camat.nik, "III/d", world.camat.nip):
        assert secret not in page


def test_name_search_shows_name_position_agency_but_no_identifiers(world: World, client: Client) -> None:
    token = start(client)
    params = {"search_name": "budi", "search_agency": world.pemkab_muba.code}
    page = client.get(f"/lapor/{token}/pegawai/cari/", params).content.decode()
    assert "Budi Santoso" in page and "Camat Sekayu" in page
    assert world.camat.nip not in page and world.camat.nik not in page and "1986" not in page


def test_regions_follow_the_chosen_province(world: World, client: Client) -> None:
    page = client.get("/lapor/wilayah/", {"province": world.sumsel.code}).content.decode()
    assert "Kabupaten Musi Banyuasin" in page and "Kota Makassar" not in page
    assert client.get("/lapor/wilayah/", {"province": "99"}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "siapa/",
        "apa/",
        "pelapor/",
        "selesai/",
        "tanda-terima.pdf",
        "pegawai/nip/?identifier=1",
        "pegawai/cari/",
    ],
)
def test_another_visitor_gets_404_on_someone_elses_draft(world: World, client: Client, path: str) -> None:
    token = start(client)
    assert Client().get(f"/lapor/{token}/{path}").status_code == 404


def test_another_visitor_cannot_remove_a_file_from_someone_elses_draft(world: World, client: Client) -> None:
    token = fill_steps(client, world, files=[photo()])
    code = Draft.objects.get(token=token).files.get().code
    assert Client().post(f"/lapor/{token}/berkas/{code}/hapus/").status_code == 404
    assert Draft.objects.get(token=token).files.exists()


def test_receipt_pdf_downloads_once_and_holds_no_personal_data(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    client.post(
        f"/lapor/{token}/pelapor/",
        reporter(
            token, identity="identitas", name="Rina Marlina", nik="1606045507900001", phone="081234567890"
        ),
    )
    response = client.get(f"/lapor/{token}/tanda-terima.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Rina" not in response.content
    assert client.get(f"/lapor/{token}/tanda-terima.pdf").status_code == 404
    done = client.get(f"/lapor/{token}/selesai/").content.decode()
    assert Case.objects.get().number in done and 'id="receipt-code"' not in done


def test_submission_is_rate_limited_per_client(world: World, client: Client, settings: object) -> None:
    settings.PORTAL_SUBMIT_RATE = "1/h"  # type: ignore[attr-defined]
    token = fill_steps(client, world)
    client.post(f"/lapor/{token}/pelapor/", reporter(token))
    other = fill_steps(client, world)
    response = client.post(f"/lapor/{other}/pelapor/", reporter(other))
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert Case.objects.count() == 1


def test_final_step_refuses_a_forged_proof_and_offers_a_fresh_one(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    forged = altcha.Payload.from_base64(proof_of_work())
    forged.solution.counter += 1
    response = client.post(f"/lapor/{token}/pelapor/", reporter(token, altcha=forged.to_base64()))
    page = response.content.decode()
    assert response.status_code == 422 and "Pemeriksaan anti-robot otomatis kedaluwarsa atau gagal" in page
    assert "<altcha-widget" in page
    assert not Case.objects.exists()


def test_a_proof_is_accepted_once(world: World, client: Client) -> None:
    proof = proof_of_work()
    first = fill_steps(client, world)
    assert client.post(f"/lapor/{first}/pelapor/", reporter(first, altcha=proof)).status_code == 302
    second = fill_steps(client, world)
    response = client.post(f"/lapor/{second}/pelapor/", reporter(second, altcha=proof))
    assert response.status_code == 422 and Case.objects.count() == 1


def test_an_expired_proof_is_refused(world: World, client: Client) -> None:
    proof = proof_of_work()
    token = fill_steps(client, world)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=2)):
        response = client.post(f"/lapor/{token}/pelapor/", reporter(token, altcha=proof))
    assert response.status_code == 422 and not Case.objects.exists()


def test_a_report_without_javascript_is_received_within_the_unproven_budget(
    world: World, client: Client, settings: object
) -> None:
    settings.PORTAL_UNPROVEN_RATE = "1/h"  # type: ignore[attr-defined]
    first = fill_steps(client, world)
    assert client.post(f"/lapor/{first}/pelapor/", reporter(first, altcha="")).status_code == 302
    second = fill_steps(client, world)
    response = client.post(f"/lapor/{second}/pelapor/", reporter(second, altcha=""))
    assert response.status_code == 429 and Case.objects.count() == 1
    third = fill_steps(client, world)
    assert client.post(f"/lapor/{third}/pelapor/", reporter(third)).status_code == 302


def test_the_challenge_endpoint_issues_a_signed_expiring_challenge_never_cached(client: Client) -> None:
    response = client.get("/tantangan/")
    body = response.json()
    assert response["Cache-Control"] == "no-store"
    assert body["signature"] and body["parameters"]["expiresAt"] > dt.datetime.now(tz=dt.UTC).timestamp()
    assert proof_of_work(body)


def test_htmx_removal_returns_only_the_file_list(world: World, client: Client) -> None:
    token = fill_steps(client, world, files=[photo("foto1.jpg"), photo("foto2.jpg")])
    first = Draft.objects.get(token=token).files.first()
    assert first is not None
    response = client.post(f"/lapor/{token}/berkas/{first.code}/hapus/", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith('<div id="files"')
    assert "foto2.jpg" in page and "foto1.jpg" not in page


def test_employee_lookups_are_rate_limited(world: World, client: Client, settings: object) -> None:
    settings.PORTAL_STATUS_RATE = "1/h"  # type: ignore[attr-defined]
    token = start(client)
    for _ in range(4):
        assert client.get(f"/lapor/{token}/pegawai/nip/", {"identifier": "1"}).status_code == 200
    assert client.get(f"/lapor/{token}/pegawai/nip/", {"identifier": "1"}).status_code == 429


def test_the_form_bounds_dates_and_texts_with_the_apis_rules(world: World, client: Client) -> None:
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", who_by_description())
    text = "Camat" + " " * 40 + "ajak warga"
    bad = what(world, description=text, incident_date="0001-01-01")
    page = client.post(f"/lapor/{token}/apa/", bad).content.decode()
    page = unescape(page)
    assert str(description_problem(text)) in page  # "(16 karakter)", as the API says
    assert str(incident_date_problem(dt.date(1, 1, 1), world.pilkada)) in page
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("19860926201505100A", "hapus karakter bukan angka: &#x27;A&#x27;"),
        ("12345", "diterima 5 angka"),
        ("198609262030051001", "TMT CPNS pada NIP di masa depan: 2030-05"),
        ("200609262015051001", "sebelum usia 18 tahun"),
        ("198613322015051001", "tanggal lahir pada NIP tidak valid: 19861332"),
        ("1986092620150510", "tanggal lahir pada NIK tidak valid"),
    ],
)
def test_the_form_explains_a_malformed_nip_or_nik_in_the_importers_words(
    world: World, client: Client, identifier: str, message: str
) -> None:
    token = start(client)
    page = client.post(f"/lapor/{token}/siapa/", {"mode": "nip", "identifier": identifier}).content.decode()
    assert message in page
    assert "tidak ditemukan pada data ASN" not in page and "yang Anda tulis" not in page


def test_the_form_ignores_the_spaces_people_type_inside_an_nip(world: World, client: Client) -> None:
    token = start(client)
    response = client.post(f"/lapor/{token}/siapa/", {"mode": "nip", "identifier": "19860313 201001 1 003"})
    assert response.status_code == 302
