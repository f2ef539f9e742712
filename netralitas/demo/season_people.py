"""Who the demo season's reports are about: one employee per counted report, drawn without replacement
(so the ASN counts are exact), with the rungs in the demo logins' agencies and provinces, and the ASN
reported twice (in two different categories) chosen on purpose."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netralitas.registry.models import Agency, Election, Employee

from .national_cases import PoolEmployee, World

if TYPE_CHECKING:
    from .season import Season

CENTRAL_WEIGHT = 0.6
LARGE_CENTRAL = {"KEMENAG": 2.2, "KEMENDIKDASMEN": 1.8, "KEMENKES": 1.0}


@dataclass(slots=True)
class Slot:
    """One case to plan: its status and rung, where its employee must come from, and (later) who."""

    status: str
    rung: str = ""
    stop: str = ""  # ``CasePlan.ladder_stop``
    agency: str | None = None  # an agency code the employee must belong to
    province: str | None = None  # a province code the case must sit in
    elsewhere: bool = False  # outside the demo provinces
    identified: bool = True
    person: PoolEmployee | None = None
    place: tuple[int, int] | None = None  # (region id, province id); None: drawn by the planner
    paired: bool = False  # the ASN is reported in a second category too


def season_pool(appointed_before: int) -> list[PoolEmployee]:
    """Active employees not yet reported in any case, appointed before ``appointed_before``."""
    reported = Employee.objects.filter(cases__isnull=False)
    rows = (
        Employee.objects.filter(status=Employee.Status.ACTIVE)
        .exclude(pk__in=reported.values("pk"))
        .order_by("id")
        .values_list("id", "agency_id", "kind", "name", "position", "nip")
    )
    return [PoolEmployee(*row[:5]) for row in rows if int(row[5][8:12]) < appointed_before]


class _Places:
    def __init__(self, world: World, election_code: str) -> None:
        self.w = world
        self.agency_id = dict(Agency.objects.values_list("code", "pk"))
        self.province_id = {code: pk for pk, code in world.code.items() if "." not in code}
        regions = set(Election.objects.get(code=election_code).regions.values_list("pk", flat=True))
        self.regions = regions or None
        self.voting_provinces = {world.province_of[r] for r in regions}

    def province(self, person: PoolEmployee) -> int | None:
        region = self.w.agencies[person.agency_id][1]
        return self.w.province_of[region] if region else None

    def eligible(self, person: PoolEmployee) -> bool:
        """Central staff anywhere; regional staff where their government holds the election."""
        kind, region = self.w.agencies[person.agency_id]
        if region is None or self.regions is None:
            return True
        if kind == Agency.Kind.PROVINCE:
            return region in self.voting_provinces
        return region in self.regions

    def weight(self, person: PoolEmployee, codes: dict[int, str]) -> float:
        province = self.province(person)
        if province is None:
            return LARGE_CENTRAL.get(codes[person.agency_id], CENTRAL_WEIGHT)
        return self.w.province_weight(province)

    def central_place(self, province_code: str, rng: random.Random) -> tuple[int, int]:
        province = self.province_id[province_code]
        children = self.w.children.get(province, [])
        return (rng.choice(children) if children else province), province


def _take(candidates: list[PoolEmployee], taken: set[int], rng: random.Random, what: str) -> PoolEmployee:
    free = [p for p in candidates if p.id not in taken]
    if not free:
        raise RuntimeError(f"no employee left for {what}: generate the season employees first")
    person = rng.choice(free)
    taken.add(person.id)
    return person


def assign_people(
    slots: list[Slot],
    pool: list[PoolEmployee],
    world: World,
    season: Season,
    categories: dict[str, frozenset[str]],
    rng: random.Random,
) -> list[Slot]:
    places = _Places(world, season.code)
    codes = {pk: code for code, pk in places.agency_id.items()}
    pool = [p for p in pool if places.eligible(p)]
    taken: set[int] = set()
    by_agency: dict[int, list[PoolEmployee]] = {}
    by_province: dict[int | None, list[PoolEmployee]] = {}
    for person in pool:
        by_agency.setdefault(person.agency_id, []).append(person)
        by_province.setdefault(places.province(person), []).append(person)
    demo = {places.province_id[c] for c in ("16", "73")}
    elsewhere = [p for p in pool if places.province(p) not in demo and places.province(p) is not None]
    for slot in (s for s in slots if s.rung):
        if slot.agency is not None:
            agency = places.agency_id[slot.agency]
            slot.person = _take(by_agency.get(agency, []), taken, rng, slot.agency)
            if slot.province is not None and world.agencies[agency][1] is None:
                slot.place = places.central_place(slot.province, rng)
        elif slot.province is not None:
            candidates = by_province.get(places.province_id[slot.province], [])
            slot.person = _take(candidates, taken, rng, f"province {slot.province}")
        else:
            slot.person = _take(elsewhere, taken, rng, "another province")
    regular = [s for s in slots if not s.rung]
    free = [p for p in pool if p.id not in taken]
    if len(free) < len(regular):
        raise RuntimeError(f"{season.code}: {len(regular)} reports but only {len(free)} employees left")
    # Weighted draw without replacement (Efraimidis-Spirakis keys): exact counts, weighted places.
    keys = sorted(((rng.random() ** (1 / places.weight(p, codes)), p.id, p) for p in free), reverse=True)
    for slot, (_, _, person) in zip(regular, keys, strict=False):
        slot.person = person
    for first, second, count in season.overlaps:
        for _ in range(count):
            a = _pick_for_pair(regular, categories[first], rng)
            b = _pick_for_pair(regular, categories[second], rng)
            b.person, b.place = a.person, None
    return slots


def _pick_for_pair(slots: list[Slot], statuses: frozenset[str], rng: random.Random) -> Slot:
    free = [s for s in slots if s.status in statuses and s.identified and not s.paired]
    if not free:
        raise RuntimeError(f"no identified report left in {sorted(statuses)} to pair")
    slot = rng.choice(free)
    slot.paired = True
    return slot
