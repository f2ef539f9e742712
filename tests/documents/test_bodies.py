"""The national issuing bodies are data: seeded, valid, and the KASN → BKN change is a period of office."""

from __future__ import annotations

import datetime as dt

import pytest

from netralitas.documents.models import IssuingBody, LetterKind, Signatory
from netralitas.documents.services import body_for_agency, signatory_for
from netralitas.registry.identifiers import parse_nip
from netralitas.registry.models import Agency

pytestmark = pytest.mark.usefixtures("bodies")


def test_the_five_bodies_and_the_satgas_are_seeded_with_their_letterhead() -> None:
    codes = set(IssuingBody.objects.values_list("code", flat=True))
    assert {"bkn", "kasn", "kemenpanrb", "kemendagri", "bawaslu", "satgas"} <= codes
    for body in IssuingBody.objects.all():
        assert body.lines and body.address and body.city and body.email and body.website


def test_every_seeded_signatory_has_a_valid_nip() -> None:
    for signatory in Signatory.objects.all():
        parse_nip(signatory.nip)
        signatory.full_clean()


def test_kasn_signs_recommendations_until_21_september_2024_and_bkn_from_the_22nd() -> None:
    kasn, bkn = IssuingBody.objects.get(code="kasn"), IssuingBody.objects.get(code="bkn")
    before, after = dt.date(2024, 9, 21), dt.date(2024, 9, 22)
    assert signatory_for(kasn, LetterKind.RECOMMENDATION, before) is not None
    assert signatory_for(kasn, LetterKind.RECOMMENDATION, after) is None
    assert signatory_for(bkn, LetterKind.RECOMMENDATION, before) is None
    deputy = signatory_for(bkn, LetterKind.RECOMMENDATION, after)
    assert deputy is not None and "Deputi" in deputy.position


def test_bkn_control_letters_are_signed_by_the_director() -> None:
    bkn = IssuingBody.objects.get(code="bkn")
    signer = signatory_for(bkn, LetterKind.WARNING, dt.date(2024, 12, 5))
    assert signer is not None and signer.position.startswith("Direktur")


def test_an_agency_without_a_body_gets_its_ppk_office_created_once() -> None:
    agency = Agency.objects.create(
        code="KAB-99.01",
        name="Pemerintah Kabupaten Contoh",
        kind=Agency.Kind.REGENCY,
        ppk_title="Bupati Contoh",
    )
    office = body_for_agency(agency)
    assert office.agency == agency and "Pemerintah Kabupaten Contoh" in office.lines
    assert body_for_agency(agency) == office


def test_a_seeded_national_body_is_linked_to_its_agency() -> None:
    agency = Agency.objects.create(
        code="BKN", name="Badan Kepegawaian Negara", kind=Agency.Kind.CENTRAL, ppk_title="Kepala BKN"
    )
    assert body_for_agency(agency).code == "bkn"
    assert IssuingBody.objects.get(code="bkn").agency == agency
