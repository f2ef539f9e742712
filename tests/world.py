"""A small, realistic slice of master data and the shared personas, built straight through the ORM.

Personas (conventions.md rule 9): a Satgas verifier (BKN Kanreg VII, Sumatera Selatan), a Bawaslu analyst
(Sumatera Selatan), a BKN officer (national), two PPKs of different agencies (Kab. Musi Banyuasin and
Kota Makassar), a BKN auditor (Kanreg VII provinces), a leader (national, read-only) and the public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netralitas.accounts.models import Function, FunctionHolder, Role, RoleAssignment, User
from netralitas.cases.models import DeadlineRule
from netralitas.registry.models import Agency, Election, ElectionStage, Employee, Kanreg, Region
from netralitas.sanctions.catalog import load_catalogs
from netralitas.sanctions.models import SanctionType, ViolationType

PASSWORD = "rahasia-uji-123"


@dataclass
class World:
    sumsel: Region
    muba: Region
    palembang: Region
    sulsel: Region
    makassar: Region
    bkn: Agency
    bawaslu: Agency
    kasn: Agency
    menpan: Agency
    pemkab_muba: Agency
    pemkot_makassar: Agency
    pilkada: Election
    camat: Employee
    makassar_staff: Employee
    verifier: User
    analyst: User
    bkn_officer: User
    ppk_muba: User
    ppk_makassar: User
    auditor: User
    leader: User
    superior: User


def _user(
    username: str,
    agency: Agency,
    role: str,
    *,
    national: bool = False,
    regions: list[Region] | None = None,
    agencies: list[Agency] | None = None,
) -> User:
    user = User.objects.create_user(
        username,
        f"{username}@example.go.id",
        PASSWORD,
        agency=agency,
        first_name=username.replace("_", " ").title(),
    )
    assignment = RoleAssignment.objects.create(user=user, role=role, national=national)
    assignment.regions.set(regions or [])
    assignment.agencies.set(agencies or [])
    return user


def build_world() -> World:
    load_catalogs(ViolationType, SanctionType, DeadlineRule)  # a transactional test may have flushed them
    k7 = Kanreg.objects.create(number=7, name="Kantor Regional VII BKN", city="Palembang")
    k4 = Kanreg.objects.create(number=4, name="Kantor Regional IV BKN", city="Makassar")
    sumsel = Region.objects.create(code="16", name="Sumatera Selatan", level=Region.Level.PROVINCE, kanreg=k7)
    muba = Region.objects.create(
        code="16.06", name="Kabupaten Musi Banyuasin", level=Region.Level.REGENCY, province=sumsel
    )
    palembang = Region.objects.create(
        code="16.71", name="Kota Palembang", level=Region.Level.CITY, province=sumsel
    )
    sulsel = Region.objects.create(
        code="73",
        name="Sulawesi Selatan",
        level=Region.Level.PROVINCE,
        kanreg=k4,
        timezone=Region.TimeZone.WITA,
    )
    makassar = Region.objects.create(
        code="73.71",
        name="Kota Makassar",
        level=Region.Level.CITY,
        province=sulsel,
        timezone=Region.TimeZone.WITA,
    )

    def agency(
        code: str,
        name: str,
        kind: str,
        region: Region | None = None,
        oversight: bool = False,
        short: str = "",
    ) -> Agency:
        return Agency.objects.create(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            region=region,
            ppk_title=f"PPK {name}",
            is_oversight_body=oversight,
        )

    bkn = agency("BKN", "Badan Kepegawaian Negara", Agency.Kind.CENTRAL, oversight=True, short="BKN")
    bawaslu = agency(
        "BAWASLU", "Badan Pengawas Pemilihan Umum", Agency.Kind.CENTRAL, oversight=True, short="Bawaslu"
    )
    kasn = agency("KASN", "Komisi Aparatur Sipil Negara", Agency.Kind.CENTRAL, oversight=True, short="KASN")
    menpan = agency(
        "KEMENPANRB", "Kementerian PANRB", Agency.Kind.CENTRAL, oversight=True, short="KemenPANRB"
    )
    pemkab_muba = agency("KAB-16.06", "Pemerintah Kabupaten Musi Banyuasin", Agency.Kind.REGENCY, muba)
    pemkot_makassar = agency("KOTA-73.71", "Pemerintah Kota Makassar", Agency.Kind.CITY, makassar)

    for function, body, until, since in [
        (Function.VERIFY, bkn, None, None),
        (Function.VERIFY, bawaslu, None, None),
        (Function.VERIFY, menpan, None, None),
        (Function.REVIEW, bawaslu, None, None),
        (Function.RECOMMEND, kasn, dt.date(2024, 9, 21), None),
        (Function.RECOMMEND, bkn, None, dt.date(2024, 9, 22)),
        (Function.CONTROL, bkn, None, None),
    ]:
        FunctionHolder.objects.create(function=function, body=body, valid_until=until, valid_from=since)

    pilkada = Election.objects.create(
        code="pilkada-2024",
        name="Pilkada Serentak 2024",
        kind=Election.Kind.PILKADA,
        voting_date=dt.date(2024, 11, 27),
        candidates_set_date=dt.date(2024, 9, 22),
    )
    pilkada.regions.set([sumsel, muba, palembang, sulsel, makassar])
    ElectionStage.objects.create(
        election=pilkada,
        code="kampanye",
        name="Masa kampanye",
        start=dt.date(2024, 9, 25),
        end=dt.date(2024, 11, 23),
    )
    ElectionStage.objects.create(
        election=pilkada,
        code="tenang",
        name="Masa tenang",
        start=dt.date(2024, 11, 24),
        end=dt.date(2024, 11, 26),
    )

    camat = Employee.objects.create(
        nip="198603132010011003",
        nik="1606041303860002",
        name="Budi Santoso",
        sex=Employee.Sex.MALE,
        birth_date=dt.date(1986, 3, 13),
        kind=Employee.Kind.PNS,
        agency=pemkab_muba,
        unit="Kecamatan Sekayu",
        position="Camat Sekayu",
        position_type=Employee.PositionType.ADMINISTRATOR,
        grade="III/d",
    )
    makassar_staff = Employee.objects.create(
        nip="199001022015032001",
        name="Andi Rahmawati",
        sex=Employee.Sex.FEMALE,
        birth_date=dt.date(1990, 1, 2),
        kind=Employee.Kind.PNS,
        agency=pemkot_makassar,
        position="Analis Kebijakan",
        position_type=Employee.PositionType.FUNGSIONAL,
        grade="III/b",
    )
    return World(
        sumsel=sumsel,
        muba=muba,
        palembang=palembang,
        sulsel=sulsel,
        makassar=makassar,
        bkn=bkn,
        bawaslu=bawaslu,
        kasn=kasn,
        menpan=menpan,
        pemkab_muba=pemkab_muba,
        pemkot_makassar=pemkot_makassar,
        pilkada=pilkada,
        camat=camat,
        makassar_staff=makassar_staff,
        verifier=_user("hendra", bkn, Role.VERIFIER, regions=[sumsel]),
        analyst=_user("dewi", bawaslu, Role.BAWASLU, regions=[sumsel]),
        bkn_officer=_user("bkn_pusat", bkn, Role.BKN, national=True),
        ppk_muba=_user("ppk_muba", pemkab_muba, Role.PPK, agencies=[pemkab_muba]),
        ppk_makassar=_user("ppk_makassar", pemkot_makassar, Role.PPK, agencies=[pemkot_makassar]),
        auditor=_user("auditor_k7", bkn, Role.AUDITOR, regions=[sumsel]),
        leader=_user("menteri", menpan, Role.LEADER, national=True),
        superior=_user("sekda_muba", pemkab_muba, Role.SUPERIOR, agencies=[pemkab_muba]),
    )
