"""The ``national`` demo/benchmark case set: 100,000 cases in every state over the national master data.

Bypasses the transition service on purpose (ADR 0004): ``national_history`` builds each case's dated
history in Python, and this module writes the rows the services would have written — cases, case
events, their audit events in the hash chain, recommendations, decisions, control actions, SIASN blocks —
with ``bulk_create`` in one transaction that holds the audit chain head. Deterministic for a seed and
idempotent: every case carries the idempotency key ``demo-national-<seed>-<n>``; a second run with the
same seed creates nothing. Numbers come from ``CaseNumberSequence`` (from ``SBT-<year>-100001`` up) and
the sequence rows are moved past them, so later cases filed through the services never collide.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from netralitas.audit.models import GENESIS_HASH, AuditChainHead
from netralitas.audit.services import audit_record, lock_chain_head
from netralitas.cases.deadlines import deadline_rule_for
from netralitas.cases.models import Case, CaseNumberSequence, Source
from netralitas.cases.workflow import Stage, Status
from netralitas.registry.calendar import holiday_dates
from netralitas.registry.models import Agency, Election, Employee, Region
from netralitas.sanctions.models import SanctionType, ViolationType

from . import national_texts as texts
from .national_history import build_history, build_merged
from .national_types import Calendar, CasePlan, ElectionStageWindow, ElectionWindow, History, Rule
from .national_writer import KEY_PREFIX, Actors, CaseWriter, employee_effects

AS_OF = dt.datetime(2024, 12, 13, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))  # two weeks after Pilkada voting
FIRST_NUMBER = 100_001
ELECTION_SHARE = {"pemilu-2024": 35, "pilkada-2024": 65}
# Pemilu 2024 is mostly concluded; Pilkada 2024 shows the Kemendagri picture (many waiting for
# verification and for the PPK). Overall: ~70% of concluded cases proven, ~65% of proven sanctioned.
_ORDER = (Status.RECEIVED, Status.VERIFICATION, Status.REVIEW, Status.PROVEN, Status.AWAITING_FOLLOW_UP,
          Status.SANCTIONED, Status.MOOT, Status.NOT_PROVEN, Status.REJECTED, Status.CANCELLED)  # fmt: skip
STATUS_MIX: dict[str, dict[str, int]] = {
    "pemilu-2024": dict(zip(_ORDER, (3, 3, 1, 1, 8, 36, 2, 22, 16, 8), strict=True)),
    "pilkada-2024": dict(zip(_ORDER, (16, 12, 6, 2, 14, 20, 1, 14, 9, 6), strict=True)),
}
SOURCE_WEIGHTS = {Source.PUBLIC: 70, Source.AGENCY: 18, Source.BAWASLU_FINDING: 12}
# More cases per employee in Sumatera Selatan, Sulawesi Selatan and Java (the 2024 hot spots).
PROVINCE_WEIGHT = {"16": 3.0, "73": 2.5, "31": 1.4, "32": 1.4, "33": 1.4, "34": 1.4, "35": 1.4, "36": 1.4}
UNRESOLVED_EARLY, RESOLVED_LATER, LIGHTER, MERGED_OF_CANCELLED = 0.27, 0.08, 0.13, 1 / 3
EARLY = frozenset({Status.RECEIVED, Status.VERIFICATION, Status.REJECTED, Status.CANCELLED})


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


class PoolEmployee(NamedTuple):
    id: int
    agency_id: int
    kind: str
    name: str
    position: str


class Sanction(NamedTuple):
    id: int
    code: str
    track: str
    level: str
    severity: int
    applies_to: str


def _quota(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Largest-remainder split of ``total``: proportions hold exactly, even for a few hundred cases."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: counts[k] - exact[k])[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


class World:
    """Master data the generator reads once: elections, regions, agencies, catalogs, rules, holidays."""

    def __init__(
        self,
        as_of: dt.datetime,
        election_codes: Iterable[str] = tuple(ELECTION_SHARE),
        province_weight: dict[str, float] | None = None,
        received_until: dt.datetime | None = None,
    ) -> None:
        self.weights = PROVINCE_WEIGHT if province_weight is None else province_weight
        regions = {r.pk: r for r in Region.objects.order_by("pk")}
        self.province_of = {pk: r.province_id or pk for pk, r in regions.items()}
        self.tz = {pk: ZoneInfo(regions[self.province_of[pk]].timezone or "Asia/Jakarta") for pk in regions}
        self.code = {pk: r.code for pk, r in regions.items()}
        self.children: dict[int, list[int]] = {}
        for pk, r in regions.items():
            if r.province_id:
                self.children.setdefault(r.province_id, []).append(pk)
        self.agencies = {a.pk: (a.kind, a.region_id) for a in Agency.objects.order_by("pk")}
        self.elections: list[ElectionWindow] = []
        self.allowed: dict[int, set[int] | None] = {}
        for election in Election.objects.filter(code__in=list(election_codes)).order_by("code"):
            weights = texts.STAGE_WEIGHTS.get(election.code, {})
            stages = tuple(
                ElectionStageWindow(s.pk, s.code, s.start, s.end, weights.get(s.code, 2.0))
                for s in election.stages.order_by("start", "pk")
            )
            self.elections.append(ElectionWindow(election.pk, election.code, stages))
            provinces = {self.province_of[pk] for pk in election.regions.values_list("pk", flat=True)}
            self.allowed[election.pk] = provinces or None
        if not self.elections:
            raise RuntimeError("Pemilu/Pilkada 2024 belum dimuat: jalankan load_master_data dahulu.")
        self.violations = {v.code: v for v in ViolationType.objects.filter(active=True)}
        self.sanctions = [
            Sanction(s.pk, s.code, s.track, s.level, s.severity, s.applies_to)
            for s in SanctionType.objects.filter(active=True).order_by("severity", "pk")
        ]

        def rule_for(stage: Stage, day: dt.date) -> Rule | None:
            row = deadline_rule_for(stage, day)
            return Rule(row.pk, row.days, row.unit, row.reminder_days_before) if row else None

        block_after = dt.timedelta(days=settings.BLOCK_AFTER_WARNING_DAYS)
        self.calendar = Calendar(
            as_of=as_of,
            holidays=holiday_dates(),
            rule_for=rule_for,
            block_after=block_after,
            received_until=received_until,
        )

    def province_weight(self, province_id: int) -> float:
        return self.weights.get(self.code[province_id], 1.0)


def _employee_pool(rng: random.Random, wanted: int) -> list[PoolEmployee]:
    """Active employees: all of a small world, or a random sample of ids from the national one."""
    active = Employee.objects.filter(status=Employee.Status.ACTIVE)
    fields = ("id", "agency_id", "kind", "name", "position")
    stats = active.aggregate(low=Min("id"), high=Max("id"), n=Count("id"))
    if not stats["n"]:
        raise RuntimeError("Tidak ada pegawai aktif: jalankan generate_employees dahulu.")
    if stats["n"] <= wanted * 2:
        return [PoolEmployee(*row) for row in active.order_by("id").values_list(*fields)]
    found: dict[int, PoolEmployee] = {}
    for _ in range(1000):
        ids = sorted({rng.randint(stats["low"], stats["high"]) for _ in range(5000)})
        found.update((row[0], PoolEmployee(*row)) for row in active.filter(pk__in=ids).values_list(*fields))
        if len(found) >= wanted:
            break
    return [found[pk] for pk in sorted(found)]


class Planner:
    """Who and what for each case: election, status, person, place, violations, sanctions, texts."""

    def __init__(
        self,
        world: World,
        pool: list[PoolEmployee],
        rng: random.Random,
        violation_weights: dict[str, int] | None = None,
    ) -> None:
        self.w, self.rng = world, rng
        self.violation_weights = violation_weights or texts.VIOLATION_WEIGHTS
        self.by_code = {s.code: s for s in world.sanctions}
        self.choosers: dict[int, tuple[list[PoolEmployee], list[float], list[int], list[float]]] = {}
        for election in world.elections:
            allowed = world.allowed[election.id]
            people, weights, per_province = [], [], Counter[int]()
            for person in pool:
                region_id = world.agencies[person.agency_id][1]
                province = world.province_of[region_id] if region_id else None
                if province is not None and allowed is not None and province not in allowed:
                    continue
                people.append(person)
                weights.append(world.province_weight(province) if province else 1.0)
                if province:
                    per_province[province] += 1
            provinces = sorted(p for p in world.children if allowed is None or p in allowed)
            province_weights = [(per_province[p] + 1) * world.province_weight(p) for p in provinces]
            cum_people, cum_provinces = itertools.accumulate(weights), itertools.accumulate(province_weights)
            self.choosers[election.id] = (people, list(cum_people), provinces, list(cum_provinces))
            if not people:
                raise RuntimeError(f"Tidak ada pegawai aktif di wilayah {election.code}.")

    def _place(self, election: ElectionWindow, agency_id: int) -> tuple[int, int]:
        kind, region_id = self.w.agencies[agency_id]
        rng = self.rng
        if region_id is None:  # a central agency's vertical office somewhere in the country
            _, _, provinces, cum = self.choosers[election.id]
            province = rng.choices(provinces, cum_weights=cum)[0] if provinces else None
            if province is None:
                raise RuntimeError("Wilayah belum dimuat: jalankan load_master_data dahulu.")
            children = self.w.children.get(province, [])
            return (rng.choice(children) if children else province), province
        if kind == Agency.Kind.PROVINCE:
            children = self.w.children.get(region_id, [])
            region = rng.choice(children) if children and rng.random() < 0.6 else region_id
            return region, region_id
        return region_id, self.w.province_of[region_id]

    def _sanctions(self, plan: CasePlan, primary: ViolationType, kind: str) -> None:
        fits = [s for s in self.w.sanctions if s.applies_to in (SanctionType.AppliesTo.ALL, kind)]
        ladder = [s for s in fits if s.track == primary.default_track and s.level == primary.default_level]
        if primary.code != "anggota-parpol":  # dismissal without honour is for party membership only
            ladder = [s for s in ladder if s.severity < 60] or ladder
        if not ladder:
            ladder = fits[:1]
        rng = self.rng
        recommended = (
            ladder[-1] if primary.code == "anggota-parpol" else ladder[int(len(ladder) * rng.random() ** 2)]
        )
        lighter = [s for s in fits if s.severity < recommended.severity]
        imposed = lighter[-1] if lighter and rng.random() < LIGHTER else recommended
        plan.track, plan.level = recommended.track, recommended.level
        plan.sanction_id, plan.sanction_code = recommended.id, recommended.code
        plan.imposed_id, plan.imposed_code = imposed.id, imposed.code
        plan.lighter = imposed.severity < recommended.severity

    def plan(
        self,
        index: int,
        election: ElectionWindow,
        status: str,
        merge: bool,
        person: PoolEmployee | None = None,
        place: tuple[int, int] | None = None,
        identified: bool | None = None,
    ) -> CasePlan:
        """One case's plan; ``person``, ``place`` (region, province) and ``identified`` (the employee is
        resolved by the end) are drawn when not given."""
        rng, w = self.rng, self.w
        if person is None:
            people, cum, _, _ = self.choosers[election.id]
            person = rng.choices(people, cum_weights=cum)[0]
        region_id, province_id = place or self._place(election, person.agency_id)
        source = rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]
        never = status in EARLY and rng.random() < UNRESOLVED_EARLY
        if identified is not None:
            never = not identified
        later = status not in EARLY and rng.random() < RESOLVED_LATER
        codes = [c for c in self.violation_weights if c in w.violations] or sorted(w.violations)
        weights = [self.violation_weights.get(c, 1) for c in codes]
        primary = w.violations[rng.choices(codes, weights=weights)[0]]
        violation_ids = [primary.pk]
        if rng.random() < 0.15:
            other = w.violations[rng.choice(codes)]
            violation_ids += [other.pk] if other.pk != primary.pk else []
        plan = CasePlan(
            index=index, status=status, election=election, tz=w.tz[province_id], source=source,
            has_identity=source == Source.PUBLIC and rng.random() < 0.55,
            employee_id=None if never else person.id, resolved_at_submit=not (never or later),
            agency_id=person.agency_id, region_id=region_id, province_id=province_id,
            violation_ids=violation_ids, merge=merge)  # fmt: skip
        if not plan.resolved_at_submit:
            plan.reported_name = " ".join(person.name.split()[:2])
            plan.reported_position = person.position
        self._sanctions(plan, primary, person.kind)
        plan.description, plan.links = texts.describe(primary.code, person.position, rng)
        plan.rationale = texts.rationale(primary.code, rng)
        plan.reason, plan.moot_status = texts.reason(status, rng)
        return plan


def _plans(world: World, pool: list[PoolEmployee], rng: random.Random, count: int) -> list[CasePlan]:
    shares = {e.code: ELECTION_SHARE[e.code] for e in world.elections}
    per_election = _quota(count, shares)
    slots: list[tuple[ElectionWindow, str, bool]] = []
    for election in world.elections:
        statuses = _quota(per_election[election.code], STATUS_MIX[election.code])
        merged = round(statuses[Status.CANCELLED] * MERGED_OF_CANCELLED)
        for status, n in statuses.items():
            slots += [(election, status, status == Status.CANCELLED and i < merged) for i in range(n)]
    rng.shuffle(slots)
    planner = Planner(world, pool, rng)
    return [planner.plan(i, election, status, merge) for i, (election, status, merge) in enumerate(slots)]


def _histories(plans: list[CasePlan], calendar: Calendar, rng: random.Random) -> list[History]:
    done = {p.index: build_history(p, calendar, rng) for p in plans if not p.merge}
    targets: dict[int, list[History]] = {}
    for h in done.values():
        if h.status not in (Status.CANCELLED, Status.REJECTED):
            targets.setdefault(h.plan.election.id, []).append(h)
    for plan in (p for p in plans if p.merge):
        history = None
        candidates = targets.get(plan.election.id, [])
        for target in (rng.choice(candidates) for _ in range(6 if candidates else 0)):
            for name in _COPIED:
                setattr(plan, name, getattr(target.plan, name))
            plan.resolved_at_submit = plan.employee_id is not None
            history = build_merged(plan, target, calendar, rng)
            if history is not None:
                break
        if history is None:
            plan.merge, plan.reason = False, texts.reason(Status.CANCELLED, rng)[0]
            history = build_history(plan, calendar, rng)
        done[plan.index] = history
    return [done[p.index] for p in plans]


_COPIED = ("employee_id", "agency_id", "region_id", "province_id", "tz", "violation_ids", "reported_name",
           "reported_position", "description", "links")  # fmt: skip


def _numbers(histories: list[History]) -> dict[int, str]:
    """Numbers in order of receipt, per year of receipt, after every number already issued."""
    ordered = sorted(histories, key=lambda h: (h.received_at, h.plan.index))
    years = sorted({timezone.localdate(h.received_at).year for h in ordered})
    last: dict[int, int] = {}
    for year in years:
        seq, _ = CaseNumberSequence.objects.select_for_update().get_or_create(year=year)
        top = Case.objects.filter(number__startswith=f"SBT-{year}-").order_by("-number").first()
        last[year] = max(FIRST_NUMBER - 1, seq.last, int(top.number.rsplit("-", 1)[1]) if top else 0)
    numbers = {}
    for h in ordered:
        year = timezone.localdate(h.received_at).year
        last[year] += 1
        numbers[h.plan.index] = f"SBT-{year}-{last[year]:06d}"
    for year, value in last.items():
        CaseNumberSequence.objects.filter(year=year).update(last=value)
    return numbers


def write_histories(
    histories: list[History],
    *,
    seed: int,
    head: AuditChainHead,
    say: Callable[[str], object],
    key_prefix: str = KEY_PREFIX,
    batch_size: int = 5000,
) -> CaseWriter:
    """Writes the histories in receipt order and moves the locked audit chain head past them; the caller
    holds the transaction that locked ``head`` (``lock_chain_head``)."""
    started = time.monotonic()
    actors = Actors(sorted({h.plan.agency_id for h in histories if h.decree_date and h.plan.agency_id}))
    numbers = _numbers(histories)
    ordered = sorted(histories, key=lambda h: (h.received_at, h.plan.index))
    writer = CaseWriter(seed, numbers, actors, head.last_hash if head.count else GENESIS_HASH, key_prefix)
    for start in range(0, len(ordered), batch_size):
        writer.write(ordered[start : start + batch_size])
        say(
            f"  {min(start + batch_size, len(ordered))}/{len(ordered)} cases, "
            f"{writer.counts['events']} events ({time.monotonic() - started:.1f}s)"
        )
    if writer.counts["events"]:
        head.last_id, head.last_hash, head.count = (
            writer.last_id,
            writer.prev_hash,
            head.count + writer.counts["events"],
        )
        head.save(update_fields=["last_id", "last_hash", "count"])
    employee_effects(histories)
    return writer


def generate_national_cases(
    *,
    count: int = 100_000,
    seed: int = 2024,
    stdout: Writer | None = None,
    as_of: dt.datetime = AS_OF,
    batch_size: int = 5000,
) -> dict[str, int]:
    """Creates ``count`` synthetic cases with full histories; returns counts (``created`` 0 on a rerun)."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo cases are never generated in production.")
    say: Callable[[str], object] = stdout.write if stdout is not None else (lambda _msg: None)
    started = time.monotonic()
    prefix = f"{KEY_PREFIX}-{seed}-"
    if connection.vendor == "sqlite":  # random-keyed unique indexes (hash, code) outgrow the 2 MB default
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    with transaction.atomic():
        head = lock_chain_head()  # held to the end: the chain is extended in one piece
        existing = Case.objects.filter(idempotency_key__startswith=prefix).count()
        if existing:
            say(f"national cases for seed {seed} already exist ({existing}); nothing created")
            return {"created": 0, "existing": existing}
        rng = random.Random(seed)
        world = World(as_of)
        pool = _employee_pool(rng, count)
        plans = _plans(world, pool, rng, count)
        histories = _histories(plans, world.calendar, rng)
        say(f"planned {len(histories)} cases over {len(pool)} employees ({time.monotonic() - started:.1f}s)")
        writer = write_histories(histories, seed=seed, head=head, say=say, batch_size=batch_size)
        counts = {"created": len(histories), **writer.counts, **Counter(str(h.status) for h in histories)}
        audit_record(
            actor=None,
            action="demo.national_cases",
            data={"seed": seed, "as_of": as_of.isoformat(), **counts},
        )
    say(f"created {counts['created']} cases in {time.monotonic() - started:.1f}s: {counts}")
    return counts
