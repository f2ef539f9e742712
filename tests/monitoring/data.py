"""Fast aggregate fixtures: cases written with bulk_create and their statuses set directly.

Acceptable only for aggregate tests (the brief allows it): no transitions, no events, no audit.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from netralitas.cases.models import Case, Source
from netralitas.cases.workflow import Status
from netralitas.registry.models import Agency, Election, Employee, Region
from tests.world import World

_serial = itertools.count(1)

# Pilkada 2020 as published (domain.md §8): 2,034 reported, 1,597 proven, 1,450 sanctioned.
PILKADA_2020 = {
    Status.SANCTIONED: 1450,
    Status.AWAITING_FOLLOW_UP: 100,
    Status.PROVEN: 27,
    Status.MOOT: 20,
    Status.NOT_PROVEN: 300,
    Status.REJECTED: 80,
    Status.CANCELLED: 20,
    Status.REVIEW: 17,
    Status.VERIFICATION: 10,
    Status.RECEIVED: 10,
}


def pilkada_2020() -> Election:
    election, _ = Election.objects.get_or_create(
        code="pilkada-2020",
        defaults={
            "name": "Pilkada Serentak 2020",
            "kind": Election.Kind.PILKADA,
            "voting_date": dt.date(2020, 12, 9),
        },
    )
    return election


def bulk_cases(
    *,
    election: Election,
    region: Region,
    agency: Agency | None,
    statuses: dict[str, int],
    received_at: dt.datetime | None = None,
    deadline_at: dt.datetime | None = None,
) -> list[Case]:
    received = received_at or timezone.now() - dt.timedelta(days=3)
    province = region.province or region
    rows = []
    for status, count in statuses.items():
        for _ in range(count):
            n = next(_serial)
            rows.append(
                Case(
                    number=f"UJI-{n:07d}",
                    code=f"uji{n:07d}{status[:8]}",
                    source=Source.PUBLIC,
                    status=status,
                    election=election,
                    incident_date=received.date(),
                    region=region,
                    province=province,
                    agency=agency,
                    description="Data uji agregat.",
                    received_at=received,
                    stage_started_at=received,
                    deadline_at=deadline_at,
                )
            )
    return Case.objects.bulk_create(rows, batch_size=1000)


def pemilu_2024() -> Election:
    election, _ = Election.objects.get_or_create(
        code="pemilu-2024",
        defaults={"name": "Pemilu 2024", "kind": Election.Kind.PEMILU, "voting_date": dt.date(2024, 2, 14)},
    )
    return election


def one_case(
    world: World,
    *,
    election: Election,
    status: str,
    employee: Employee | None,
    merged_into: Case | None = None,
) -> Case:
    region = (
        world.makassar if employee is not None and employee.agency == world.pemkot_makassar else world.muba
    )
    case = bulk_cases(
        election=election,
        region=region,
        agency=employee.agency if employee is not None else None,
        statuses={status: 1},
    )[0]
    case.employee, case.merged_into = employee, merged_into
    case.save(update_fields=["employee", "merged_into"])
    return case


def reported_twice_world(world: World) -> None:
    """A season where reports and reported ASN differ, with the counts each interface must read back:

    Pilkada 2024 — the camat (Muba) sanctioned on one report and awaiting the PPK on another, plus a
    duplicate of the first merged into it; an unidentified person under Bawaslu review (Muba); the
    Makassar official reported twice, both reports at the PPK stage (one decree under the auditor's
    check); an unidentified report withdrawn (cancelled, not merged). Pemilu 2024 — the camat sanctioned
    once more; an unidentified report rejected.
    """
    pilkada, pemilu = world.pilkada, pemilu_2024()
    sanctioned = one_case(world, election=pilkada, status=Status.SANCTIONED, employee=world.camat)
    one_case(world, election=pilkada, status=Status.AWAITING_FOLLOW_UP, employee=world.camat)
    one_case(world, election=pilkada, status=Status.CANCELLED, employee=world.camat, merged_into=sanctioned)
    one_case(world, election=pilkada, status=Status.REVIEW, employee=None)
    one_case(world, election=pilkada, status=Status.AWAITING_FOLLOW_UP, employee=world.makassar_staff)
    one_case(world, election=pilkada, status=Status.DECISION_CHECK, employee=world.makassar_staff)
    one_case(world, election=pilkada, status=Status.CANCELLED, employee=None)
    one_case(world, election=pemilu, status=Status.SANCTIONED, employee=world.camat)
    one_case(world, election=pemilu, status=Status.REJECTED, employee=None)


# What reported_twice_world must read back as, per election: (reports, reported ASN).
EXPECTED_TOTALS = {
    "pilkada-2024": {"dilaporkan": (6, 4), "terbukti": (4, 2), "disanksi": (1, 1)},
    "pemilu-2024": {"dilaporkan": (2, 2), "terbukti": (1, 1), "disanksi": (1, 1)},
    "": {"dilaporkan": (8, 5), "terbukti": (5, 2), "disanksi": (2, 1)},
}
_NONE = (0, 0)
EXPECTED_BUCKETS = {
    "pilkada-2024": {
        "menunggu_verifikasi": _NONE,
        "dikaji_bawaslu": (1, 1),
        "menunggu_rekomendasi": _NONE,
        "menunggu_ppk": (3, 2),  # the camat and the Makassar official (twice)
        "disanksi": (1, 1),
        "tidak_terbukti": _NONE,
        "ditolak": _NONE,
        "dibatalkan": (1, 1),  # the withdrawn report; the merged duplicate is not counted
        "gugur": _NONE,
    },
    "pemilu-2024": {
        **dict.fromkeys(("menunggu_verifikasi", "dikaji_bawaslu", "menunggu_rekomendasi"), _NONE),
        **dict.fromkeys(("menunggu_ppk", "tidak_terbukti", "dibatalkan", "gugur"), _NONE),
        "disanksi": (1, 1),
        "ditolak": (1, 1),
    },
}
EXPECTED_SUMMARY = {
    "pilkada-2024": {
        "dalam_verifikasi_kajian": (1, 1),
        "menunggu_ppk": (3, 2),
        "disanksi": (1, 1),
        "tidak_terbukti": _NONE,
        "ditolak": _NONE,
        "dibatalkan": (1, 1),
        "gugur": _NONE,
    },
    "pemilu-2024": {
        "dalam_verifikasi_kajian": _NONE,
        "menunggu_ppk": _NONE,
        "disanksi": (1, 1),
        "tidak_terbukti": _NONE,
        "ditolak": (1, 1),
        "dibatalkan": _NONE,
        "gugur": _NONE,
    },
}
# The elections table over all elections: (reports dilaporkan, terbukti, disanksi), (ASN the same).
EXPECTED_ELECTIONS = {
    "pilkada-2024": ((6, 4, 1), (4, 2, 1)),
    "pemilu-2024": ((2, 1, 1), (2, 1, 1)),
    "total": ((8, 5, 2), (5, 2, 1)),  # ASN rows add up to 6: the camat is in both elections
}
