"""Fast aggregate fixtures: cases written with bulk_create and their statuses set directly.

Acceptable only for aggregate tests (the brief allows it): no transitions, no events, no audit.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from netralitas.cases.models import Case, Source
from netralitas.cases.workflow import Status
from netralitas.registry.models import Agency, Election, Region

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
