"""Cached reads of the small master-data tables that every submission resolves: regions, agencies,
elections and their stages (``core.refcache``: per process; a write in any process is seen at the next
request).

Instances returned here are shared by every request of the process: read them, assign them to foreign
keys, never modify them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TypeVar

from django.db import models

from netralitas.core.refcache import ReferenceCache

from .models import Agency, Election, ElectionStage, Region

__all__ = [
    "agency_by_code",
    "agency_by_pk",
    "election_by_code",
    "election_by_pk",
    "election_stage_on",
    "region_by_code",
    "region_by_pk",
    "with_cached_agency",
]


def _load_regions() -> tuple[dict[str, Region], dict[int, Region]]:
    regions = list(Region.objects.select_related("province"))
    return {r.code: r for r in regions}, {r.pk: r for r in regions}


def _load_agencies() -> tuple[dict[str, Agency], dict[int, Agency]]:
    agencies = list(Agency.objects.all())
    return {a.code: a for a in agencies}, {a.pk: a for a in agencies}


def _load_elections() -> tuple[dict[str, Election], dict[int, Election], dict[int, list[ElectionStage]]]:
    elections = list(Election.objects.all())
    stages: dict[int, list[ElectionStage]] = defaultdict(list)
    for stage in ElectionStage.objects.order_by("start", "pk"):
        stages[stage.election_id].append(stage)
    return {e.code: e for e in elections}, {e.pk: e for e in elections}, dict(stages)


_regions = ReferenceCache("regions", _load_regions, [Region])
_agencies = ReferenceCache("agencies", _load_agencies, [Agency])
_elections = ReferenceCache("elections", _load_elections, [Election, ElectionStage])


def region_by_code(code: str) -> Region | None:
    """The province or kabupaten/kota with this Kemendagri code, its province loaded."""
    return _regions.get()[0].get(code)


def region_by_pk(pk: int) -> Region | None:
    return _regions.get()[1].get(pk)


def agency_by_code(code: str) -> Agency | None:
    return _agencies.get()[0].get(code)


def agency_by_pk(pk: int) -> Agency | None:
    return _agencies.get()[1].get(pk)


M = TypeVar("M", bound=models.Model)


def with_cached_agency(obj: M) -> M:
    """``obj`` with its ``agency`` taken from the cache; an agency too new for this process's cache is
    simply loaded on first use."""
    agency_id = getattr(obj, "agency_id", None)
    if agency_id is not None and (agency := agency_by_pk(agency_id)) is not None:
        obj.agency = agency  # type: ignore[attr-defined]
    return obj


def election_by_code(code: str) -> Election | None:
    return _elections.get()[0].get(code)


def election_by_pk(pk: int) -> Election | None:
    return _elections.get()[1].get(pk)


def election_stage_on(election: Election, day: dt.date) -> ElectionStage | None:
    """The stage of ``election`` running on ``day`` (the earliest-starting one if stages overlap); the
    cached equivalent of ``Election.stage_on``."""
    for stage in _elections.get()[2].get(election.pk, ()):
        if stage.start <= day <= stage.end:
            return stage
    return None
