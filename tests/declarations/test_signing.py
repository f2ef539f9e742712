"""Signing a campaign: NIP + birth date + last 4 NIK digits, once per employee, counted live."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netralitas.declarations.models import Campaign, CampaignAgency, Signature
from netralitas.declarations.services import DeclarationError, campaign_close, signature_sign
from tests.declarations.conftest import make_campaign
from tests.world import World

BIRTH = dt.date(1986, 3, 13)


def _sign(campaign: Campaign, world: World, **kw: object) -> tuple[Signature, bool]:
    args: dict = {"nip": world.camat.nip, "birth_date": BIRTH, "nik_last4": "0002", **kw}
    return signature_sign(campaign=campaign, **args)


def test_opening_snapshots_the_active_employees_of_each_agency(world: World, campaign: Campaign) -> None:
    participant = CampaignAgency.objects.get(campaign=campaign, agency=world.pemkab_muba)
    assert participant.target == 2  # the camat and one colleague; the retired one is not counted
    assert participant.signed == 0
    assert campaign.state == Campaign.State.OPEN


def test_an_employee_signs_with_nip_birth_date_and_nik_digits(world: World, campaign: Campaign) -> None:
    signature, created = _sign(campaign, world, nip="19860313 201001 1 003")
    assert created
    assert signature.employee == world.camat
    assert signature.agency == world.pemkab_muba
    assert CampaignAgency.objects.get(campaign=campaign).signed == 1


def test_a_repeat_returns_the_existing_signature_and_counts_once(world: World, campaign: Campaign) -> None:
    first, _ = _sign(campaign, world)
    again, created = _sign(campaign, world)
    assert not created
    assert again.pk == first.pk and again.code == first.code
    assert CampaignAgency.objects.get(campaign=campaign).signed == 1
    assert Signature.objects.filter(campaign=campaign).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("birth_date", dt.date(1986, 3, 14)), ("nik_last4", "0003"), ("nip", "198603132010011999")],
)
def test_a_wrong_second_factor_is_refused_without_saying_which(
    world: World, campaign: Campaign, field: str, value: object
) -> None:
    with pytest.raises(DeclarationError, match="tidak cocok"):
        _sign(campaign, world, **{field: value})
    assert not Signature.objects.exists()


def test_an_employee_without_nik_cannot_sign_online(world: World, campaign: Campaign) -> None:
    with pytest.raises(DeclarationError, match="tidak cocok"):
        signature_sign(
            campaign=campaign, nip=world.makassar_staff.nip, birth_date=dt.date(1990, 1, 2), nik_last4="0000"
        )


def test_a_retired_employee_cannot_sign(world: World, campaign: Campaign) -> None:
    with pytest.raises(DeclarationError, match="tidak lagi berstatus ASN aktif"):
        signature_sign(
            campaign=campaign, nip="198001012005011001", birth_date=dt.date(1980, 1, 1), nik_last4="0003"
        )


def test_an_employee_of_a_non_participating_agency_cannot_sign(world: World, campaign: Campaign) -> None:
    world.makassar_staff.nik = "7371014201900001"
    world.makassar_staff.save()
    with pytest.raises(DeclarationError, match="tidak termasuk peserta"):
        signature_sign(
            campaign=campaign, nip=world.makassar_staff.nip, birth_date=dt.date(1990, 1, 2), nik_last4="0001"
        )


def test_a_draft_or_closed_campaign_accepts_no_signature(world: World) -> None:
    draft = make_campaign(world, open_=False)
    with pytest.raises(DeclarationError, match="belum dibuka atau sudah ditutup"):
        _sign(draft, world)
    opened = make_campaign(world)
    closed = campaign_close(campaign=opened, actor=world.verifier)
    with pytest.raises(DeclarationError, match="belum dibuka atau sudah ditutup"):
        _sign(closed, world)


def test_signing_after_the_period_is_refused(world: World, campaign: Campaign) -> None:
    with pytest.raises(DeclarationError, match="selama periode"):
        _sign(campaign, world, now=timezone.now() + dt.timedelta(days=2))


# Refused attempts write nothing, so sharing the world between examples is safe.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(digits=st.text(alphabet="0123456789", min_size=4, max_size=4).filter(lambda d: d != "0002"))
def test_no_other_four_digits_sign_for_the_camat(world: World, campaign: Campaign, digits: str) -> None:
    with pytest.raises(DeclarationError):
        _sign(campaign, world, nik_last4=digits)


def test_a_campaign_closed_elsewhere_refuses_signatures_although_this_process_still_holds_it_open(
    world: World, campaign: Campaign
) -> None:
    from netralitas.declarations.queries import get_signing_campaign

    held = get_signing_campaign(campaign.code)  # the per-process copy the signing page uses
    assert held.state == Campaign.State.OPEN
    # Closed by another gunicorn worker: this process's cache is not told.
    Campaign.objects.filter(pk=campaign.pk).update(state=Campaign.State.CLOSED)
    assert get_signing_campaign(campaign.code).state == Campaign.State.OPEN

    with pytest.raises(DeclarationError, match="sudah ditutup"):
        _sign(held, world)
    assert not Signature.objects.exists()
    assert CampaignAgency.objects.get(campaign=campaign).signed == 0


def test_the_database_counts_every_signature_row_whichever_way_it_is_written(
    world: World, campaign: Campaign
) -> None:
    counter = CampaignAgency.objects.get(campaign=campaign, agency=world.pemkab_muba)
    row = Signature.objects.create(
        campaign=campaign, employee=world.camat, agency=world.pemkab_muba, signed_at=timezone.now()
    )
    counter.refresh_from_db()
    assert counter.signed == 1
    row.delete()
    counter.refresh_from_db()
    assert counter.signed == 0


def test_a_new_signature_counts_once_on_the_metrics_and_a_repeat_not_at_all(
    world: World, campaign: Campaign, django_capture_on_commit_callbacks: Any
) -> None:
    from netralitas.core.metrics import SIGNATURES

    online = SIGNATURES.labels(Signature.Channel.ONLINE)
    before = online._value.get()
    with django_capture_on_commit_callbacks(execute=True):  # counted on commit only
        _sign(campaign, world)
        _sign(campaign, world)  # the same employee again: the existing signature, not a new one
    assert online._value.get() - before == 1
