from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.declarations.models import Campaign
from netralitas.declarations.services import campaign_create, campaign_open
from netralitas.registry.models import Agency, Employee
from tests.world import PASSWORD, World


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


@pytest.fixture
def sumsel_agencies(world: World) -> list[Agency]:
    """The regional governments of Sumatera Selatan besides Musi Banyuasin: the province and Palembang."""
    return [
        Agency.objects.create(
            code=code, name=name, kind=kind, region=region, ppk_title=f"PPK {name}", short_name=""
        )
        for code, name, kind, region in [
            ("PROV-16", "Pemerintah Provinsi Sumatera Selatan", Agency.Kind.PROVINCE, world.sumsel),
            ("KOTA-16.71", "Pemerintah Kota Palembang", Agency.Kind.CITY, world.palembang),
        ]
    ]


@pytest.fixture
def satgas_sulsel(world: World) -> User:
    """A Satgas verifier of Sulawesi Selatan: an organiser, but of another province."""
    user = User.objects.create_user(
        "satgas_sulsel", "satgas_sulsel@example.go.id", PASSWORD, agency=world.bkn
    )
    RoleAssignment.objects.create(user=user, role=Role.VERIFIER).regions.set([world.sulsel])
    return user


def login(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client
