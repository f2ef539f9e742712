"""The reporter reports retaliation on the status page (ADR 0026): an alert for the BKN auditors, with the
portal's proof-of-work and rate limits; the answer is the same whether or not the report was marked."""

from __future__ import annotations

from django.test import Client

from netralitas.cases.models import ReporterIdentity
from netralitas.core import crypto
from netralitas.protection.models import ProtectedAlert, ProtectedDisclosure
from tests.cases.helpers import submit
from tests.portal.helpers import fill_steps, proof_of_work, reporter
from tests.protection.helpers import SARI_NIK, sari, sari_reports
from tests.world import World

MESSAGE = "Saya dimutasi ke kecamatan terjauh sebulan setelah melapor atasan saya."


def _signed_in(client: Client, number: str, code: str) -> None:
    assert client.post("/status/", {"number": number, "code": str(code)}).status_code == 302


def test_the_portal_marks_a_report_whose_reporter_gives_an_asn_nik(world: World, client: Client) -> None:
    sari(world)
    token = fill_steps(client, world)
    data = reporter(token, identity="identitas", name="Sari Wulandari", nik=SARI_NIK, phone="081200001111")
    assert client.post(f"/lapor/{token}/pelapor/", data).status_code == 302
    disclosure = ProtectedDisclosure.objects.get()
    identity = ReporterIdentity.objects.get(case=disclosure.case)
    assert crypto.decrypt_json(identity.ciphertext)["nik"] == SARI_NIK
    assert SARI_NIK not in disclosure.reporter_key


def test_the_reporter_reports_retaliation_and_the_auditors_get_it(world: World, client: Client) -> None:
    case, code = sari_reports(world)
    _signed_in(client, case.number, str(code))
    page = client.get("/status/laporan/").content.decode()
    assert "Anda mengalami pembalasan karena melapor?" in page
    response = client.post(
        "/status/pembalasan/", {"message": MESSAGE, "altcha": proof_of_work()}, follow=True
    )
    assert "diteruskan kepada auditor BKN" in response.content.decode()
    alert = ProtectedAlert.objects.get()
    assert alert.kind == ProtectedAlert.Kind.CLAIM and alert.case == case and alert.disclosure is not None
    assert MESSAGE.encode() not in bytes(alert.sealed)
    assert crypto.decrypt_json(alert.sealed)["message"] == MESSAGE


def test_an_unmarked_reporter_gets_the_same_answer(world: World, client: Client) -> None:
    case, code = submit(world)
    _signed_in(client, case.number, str(code))
    response = client.post(
        "/status/pembalasan/", {"message": MESSAGE, "altcha": proof_of_work()}, follow=True
    )
    assert "diteruskan kepada auditor BKN" in response.content.decode()
    assert ProtectedAlert.objects.get().disclosure is None


def test_a_short_message_is_explained_and_nothing_is_raised(world: World, client: Client) -> None:
    case, code = submit(world)
    _signed_in(client, case.number, str(code))
    response = client.post("/status/pembalasan/", {"message": "tolong", "altcha": proof_of_work()})
    assert response.status_code == 400
    assert "minimal 10 karakter" in response.content.decode() and not ProtectedAlert.objects.exists()


def test_without_a_session_it_is_404_and_without_proof_the_tighter_budget_applies(
    world: World, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/status/pembalasan/", {"message": MESSAGE}).status_code == 404
    case, code = submit(world)
    _signed_in(client, case.number, str(code))
    settings.PORTAL_UNPROVEN_RATE, settings.PORTAL_SUBMIT_RATE = "1/h", "2/h"
    assert client.post("/status/pembalasan/", {"message": MESSAGE}).status_code == 302
    assert client.post("/status/pembalasan/", {"message": MESSAGE}).status_code == 429
    settings.PORTAL_SUBMIT_RATE = "2/h"
    assert (
        client.post("/status/pembalasan/", {"message": MESSAGE, "altcha": proof_of_work()}).status_code == 429
    )
    assert ProtectedAlert.objects.count() == 1
