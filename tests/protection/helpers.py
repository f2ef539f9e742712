"""Sari, an ASN of Kab. Musi Banyuasin who reports her superior with her NIK (journey 11)."""

from __future__ import annotations

import datetime as dt
import hashlib

from netralitas.cases.models import Case
from netralitas.protection.services import disclosure_mark
from netralitas.registry.models import Employee
from tests.cases.helpers import submit
from tests.world import World

SARI_NIK = "1606045205920003"
SARI_NIP = "199205122015032002"


def sari(world: World) -> Employee:
    return Employee.objects.get_or_create(
        nip=SARI_NIP,
        defaults={
            "nik": SARI_NIK,
            "name": "Sari Wulandari",
            "sex": Employee.Sex.FEMALE,
            "birth_date": dt.date(1992, 5, 12),
            "kind": Employee.Kind.PNS,
            "agency": world.pemkab_muba,
            "unit": "Kecamatan Sekayu",
            "position": "Pengelola Data",
            "position_type": Employee.PositionType.PELAKSANA,
            "grade": "III/a",
        },
    )[0]


def sari_reports(world: World, **identity: str) -> tuple[Case, str | None]:
    """Sari reports the camat with her NIK (or the identity given); marked as the portal marks it."""
    sari(world)
    given = identity or {"name": "Sari Wulandari", "nik": SARI_NIK, "phone": "081200001111"}
    digest = hashlib.sha256(repr(sorted(given.items())).encode()).hexdigest()[:40]
    case, receipt = submit(world, identity=given, key=f"sari:{digest}")
    disclosure_mark(case=case, identity=given)
    return case, receipt
