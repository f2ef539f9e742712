from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import timezone

from netralitas.accounts.models import Role
from netralitas.declarations.models import Campaign
from netralitas.declarations.services import campaign_create, campaign_open
from netralitas.registry.models import Employee
from tests.world import World


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: None) -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def add_employee(
    world: World, nip: str, nik: str | None, *, status: str = Employee.Status.ACTIVE
) -> Employee:
    return Employee.objects.create(
        nip=nip,
        nik=nik,
        name=f"Pegawai {nip[-4:]}",
        sex=Employee.Sex.FEMALE,
        birth_date=dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        kind=Employee.Kind.PNS,
        agency=world.pemkab_muba,
        position_type=Employee.PositionType.PELAKSANA,
        status=status,
    )


def make_campaign(world: World, *, open_: bool = True, agencies: list | None = None) -> Campaign:
    now = timezone.now()
    campaign = campaign_create(
        actor=world.verifier,
        title="Deklarasi Netralitas ASN Sumatera Selatan",
        text="Kami ASN Sumatera Selatan menyatakan netral dalam Pilkada 2024.",
        election=world.pilkada,
        region=world.sumsel,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
        agencies=agencies or [world.pemkab_muba],
        organiser_roles=[Role.VERIFIER],
    )
    return campaign_open(campaign=campaign, actor=world.verifier) if open_ else campaign


@pytest.fixture
def campaign(world: World) -> Campaign:
    add_employee(world, "199105052019032002", "1606044505910001")
    add_employee(world, "198001012005011001", "1606040101800003", status=Employee.Status.RETIRED)
    return make_campaign(world)
