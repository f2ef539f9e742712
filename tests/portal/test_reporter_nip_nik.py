"""A reporter who gives both an NIP and a NIK: the two must describe one person."""

from __future__ import annotations

import pytest
from django.test import Client

from netralitas.cases.models import Case, ReporterIdentity
from netralitas.registry.identifiers import reporter_nip_nik_problem
from tests.portal.helpers import fill_steps, reporter
from tests.world import World

pytestmark = pytest.mark.django_db

NIK = "1606045507900001"  # born 15 Jul 1990 (day + 40: a woman)


def _identified(token: str, nip: str) -> dict[str, str]:
    return reporter(token, identity="identitas", name="Sari", nik=NIK, nip=nip, phone="081234567890")


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("199007162015032001", "tanggal lahir tidak cocok dengan NIP"),
        ("199007152015031001", "jenis kelamin tidak cocok dengan NIP"),
    ],
)
def test_a_reporters_nip_and_nik_of_two_people_are_refused(
    world: World, client: Client, nip: str, message: str
) -> None:
    token = fill_steps(client, world)
    page = client.post(f"/lapor/{token}/pelapor/", _identified(token, nip)).content.decode()
    assert message in page
    assert message in str(reporter_nip_nik_problem(nip, NIK))
    assert not Case.objects.exists()


def test_a_reporters_matching_nip_and_nik_are_accepted(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    response = client.post(f"/lapor/{token}/pelapor/", _identified(token, "19900715 201503 2 001"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReporterIdentity.objects.count() == 1


def test_a_malformed_reporter_nip_is_explained(world: World, client: Client) -> None:
    token = fill_steps(client, world)
    page = client.post(f"/lapor/{token}/pelapor/", _identified(token, "19900715201503200A")).content.decode()
    assert "hapus karakter bukan angka: &#x27;A&#x27;" in page or "hapus karakter bukan angka: 'A'" in page
    assert not Case.objects.exists()


def test_the_cross_check_names_both_dates() -> None:
    problem = reporter_nip_nik_problem("199007162015032001", NIK)
    assert problem == "NIK: tanggal lahir tidak cocok dengan NIP (NIK 15-07-1990, NIP 1990-07-16)"
