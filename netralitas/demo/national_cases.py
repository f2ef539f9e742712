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

import base64
import datetime as dt
import hashlib
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from netralitas.accounts.models import Function, FunctionHolder, User
from netralitas.audit.models import GENESIS_HASH, AuditEvent
from netralitas.audit.services import audit_record, lock_chain_head
from netralitas.cases.models import Case, CaseEvent, CaseNumberSequence, ReporterIdentity, Source
from netralitas.cases.queries import function_holder_ids
from netralitas.cases.services import actor_label, deadline_rule_for
from netralitas.cases.workflow import Stage, Status
from netralitas.core import crypto
from netralitas.registry.calendar import holiday_dates
from netralitas.registry.models import Agency, Election, Employee, Region
from netralitas.sanctions.models import ControlAction, Decision, Recommendation, SanctionType, ViolationType

from . import national_texts as texts
from .national_history import (
    Calendar,
    CasePlan,
    ElectionStageWindow,
    ElectionWindow,
    History,
    Rule,
    build_history,
    build_merged,
)

AS_OF = dt.datetime(2024, 12, 13, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))  # two weeks after Pilkada voting
KEY_PREFIX = "demo-national"
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
# Actor role → the function whose holder acts, and the body that acts when no holder is recorded.
ACTOR_FUNCTION = {"verifier": Function.VERIFY, "review": Function.REVIEW, "recommend": Function.RECOMMEND,
                  "auditor": Function.CONTROL, "bkn": Function.CONTROL}  # fmt: skip
FALLBACK_BODY: dict[str, str] = {Function.VERIFY: "BKN", Function.REVIEW: "BAWASLU",
                                 Function.RECOMMEND: "BKN", Function.CONTROL: "BKN"}  # fmt: skip
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # crypto's Crockford alphabet


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


class Actor(NamedTuple):
    id: int
    label: str
    agency_id: int | None


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


def receipt_code(seed: int, index: int) -> str:
    """The receipt code of synthetic case ``index`` (for status-check benchmarks; demo data only)."""
    digest = hashlib.sha256(f"{KEY_PREFIX}:{seed}:{index}:receipt".encode()).digest()
    raw = "".join(_RECEIPT_ALPHABET[b % 32] for b in digest[:12])
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def _opaque_code(seed: int, index: int) -> str:
    digest = hashlib.sha256(f"{KEY_PREFIX}:{seed}:{index}:code".encode()).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def _quota(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Largest-remainder split of ``total``: proportions hold exactly, even for a few hundred cases."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: counts[k] - exact[k])[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


class _World:
    """Master data the generator reads once: elections, regions, agencies, catalogs, rules, holidays."""

    def __init__(self, as_of: dt.datetime) -> None:
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
        for election in Election.objects.filter(code__in=ELECTION_SHARE).order_by("code"):
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
            as_of=as_of, holidays=holiday_dates(), rule_for=rule_for, block_after=block_after
        )

    def province_weight(self, province_id: int) -> float:
        return PROVINCE_WEIGHT.get(self.code[province_id], 1.0)


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


class _Planner:
    """Who and what for each case: election, status, person, place, violations, sanctions, texts."""

    def __init__(self, world: _World, pool: list[PoolEmployee], rng: random.Random) -> None:
        self.w, self.rng = world, rng
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

    def plan(self, index: int, election: ElectionWindow, status: str, merge: bool) -> CasePlan:
        rng, w = self.rng, self.w
        people, cum, _, _ = self.choosers[election.id]
        person = rng.choices(people, cum_weights=cum)[0]
        region_id, province_id = self._place(election, person.agency_id)
        source = rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]
        never = status in EARLY and rng.random() < UNRESOLVED_EARLY
        later = status not in EARLY and rng.random() < RESOLVED_LATER
        codes = [c for c in texts.VIOLATION_WEIGHTS if c in w.violations] or sorted(w.violations)
        weights = [texts.VIOLATION_WEIGHTS.get(c, 1) for c in codes]
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


def _plans(world: _World, pool: list[PoolEmployee], rng: random.Random, count: int) -> list[CasePlan]:
    shares = {e.code: ELECTION_SHARE[e.code] for e in world.elections}
    per_election = _quota(count, shares)
    slots: list[tuple[ElectionWindow, str, bool]] = []
    for election in world.elections:
        statuses = _quota(per_election[election.code], STATUS_MIX[election.code])
        merged = round(statuses[Status.CANCELLED] * MERGED_OF_CANCELLED)
        for status, n in statuses.items():
            slots += [(election, status, status == Status.CANCELLED and i < merged) for i in range(n)]
    rng.shuffle(slots)
    planner = _Planner(world, pool, rng)
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


class _Actors:
    """Synthetic, inactive users who act in the histories: one per role and acting body (data-driven by
    ``FunctionHolder``, so KASN sends recommendations until 21 Sep 2024 and BKN after), one PPK per agency."""

    def __init__(self, agency_ids_with_ppk: Iterable[int]) -> None:
        bodies = {a.code: a for a in Agency.objects.filter(code__in=[*FALLBACK_BODY.values(), "KEMENDAGRI"])}
        self.users: dict[tuple[str, int], Actor] = {}
        holders: dict[str, set[int]] = {}
        for row in FunctionHolder.objects.all():
            holders.setdefault(row.function, set()).add(row.body_id)
        wanted: dict[str, tuple[str, int]] = {}
        for role, function in ACTOR_FUNCTION.items():
            body_ids = holders.get(function) or {self._fallback(bodies, function)}
            for body_id in body_ids:
                wanted[f"nasional.{role}.{body_id}"] = (role, body_id)
        reporter_body = (bodies.get("KEMENDAGRI") or bodies[FALLBACK_BODY[Function.VERIFY]]).pk
        wanted[f"nasional.pelapor.{reporter_body}"] = ("pelapor", reporter_body)
        for agency_id in agency_ids_with_ppk:
            wanted[f"nasional.ppk.{agency_id}"] = ("ppk", agency_id)
        existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
        unusable = "!"  # what set_unusable_password() starts with: these users never log in
        missing = [
            (name, role, body) for name, (role, body) in sorted(wanted.items()) if name not in existing
        ]
        User.objects.bulk_create(
            [User(username=n, agency_id=b, is_active=False, password=unusable, first_name=f"Demo {r}")
             for n, r, b in missing], batch_size=500)  # fmt: skip
        for user in User.objects.filter(username__in=wanted).select_related("agency"):
            role, body = wanted[user.username]
            self.users[role, body] = Actor(user.pk, actor_label(user), user.agency_id)
        self.reporter = self.users["pelapor", reporter_body]
        self.bawaslu = self.users[
            "review", min(holders.get(Function.REVIEW) or {self._fallback(bodies, Function.REVIEW)})
        ]

    @staticmethod
    def _fallback(bodies: dict[str, Agency], function: str) -> int:
        body = bodies.get(FALLBACK_BODY[function])
        if body is None:
            raise RuntimeError(f"Instansi {FALLBACK_BODY[function]} belum dimuat: jalankan load_master_data.")
        return body.pk

    @cache  # noqa: B019 — one generator run, a few hundred distinct days
    def _bodies(self, function: str, day: dt.date) -> tuple[int, ...]:
        return tuple(sorted(function_holder_ids(function, day)))

    def resolve(self, role: str | None, at: dt.datetime, plan: CasePlan) -> Actor | None:
        if role is None:
            return None
        if role == "reporter":
            return self.bawaslu if plan.source == Source.BAWASLU_FINDING else self.reporter
        if role == "ppk":
            assert plan.agency_id is not None
            return self.users["ppk", plan.agency_id]
        day = timezone.localdate(at)
        bodies = [b for b in self._bodies(ACTOR_FUNCTION[role], day) if (role, b) in self.users]
        if not bodies:  # no holder that day: any body that ever held the function
            bodies = sorted(b for r, b in self.users if r == role)
        return self.users[role, bodies[day.toordinal() % len(bodies)]]


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
        world = _World(as_of)
        pool = _employee_pool(rng, count)
        plans = _plans(world, pool, rng, count)
        histories = _histories(plans, world.calendar, rng)
        say(f"planned {len(histories)} cases over {len(pool)} employees ({time.monotonic() - started:.1f}s)")
        actors = _Actors(sorted({h.plan.agency_id for h in histories if h.decree_date and h.plan.agency_id}))
        numbers = _numbers(histories)
        ordered = sorted(histories, key=lambda h: (h.received_at, h.plan.index))
        writer = _Writer(seed, numbers, actors, head.last_hash if head.count else GENESIS_HASH)
        for start in range(0, len(ordered), batch_size):
            writer.write(ordered[start : start + batch_size])
            say(
                f"  {min(start + batch_size, len(ordered))}/{len(ordered)} cases, "
                f"{writer.counts['events']} events ({time.monotonic() - started:.1f}s)"
            )
        head.last_id, head.last_hash, head.count = (
            writer.last_id,
            writer.prev_hash,
            head.count + writer.counts["events"],
        )
        head.save(update_fields=["last_id", "last_hash", "count"])
        _employee_effects(histories)
        counts = {"created": len(histories), **writer.counts, **Counter(str(h.status) for h in histories)}
        audit_record(
            actor=None,
            action="demo.national_cases",
            data={"seed": seed, "as_of": as_of.isoformat(), **counts},
        )
    say(f"created {counts['created']} cases in {time.monotonic() - started:.1f}s: {counts}")
    return counts


def _employee_effects(histories: Sequence[History]) -> None:
    """Master-data side effects: SIASN blocks still in force, and employees who left service (moot)."""
    blocked = sorted({h.plan.employee_id for h in histories if h.blocked and h.plan.employee_id})
    for start in range(0, len(blocked), 5000):
        Employee.objects.filter(pk__in=blocked[start : start + 5000]).update(siasn_blocked=True)
    left: dict[str, list[int]] = {}
    for h in histories:
        if h.status == Status.MOOT and h.plan.employee_id:
            left.setdefault(h.plan.moot_status, []).append(h.plan.employee_id)
    for status, ids in sorted(left.items()):
        Employee.objects.filter(pk__in=ids).update(status=status)


# fmt: off
class _Writer:
    """Writes one batch of histories in receipt order; the audit chain continues from ``prev_hash``."""

    def __init__(self, seed: int, numbers: dict[int, str], actors: _Actors, prev_hash: str) -> None:
        self.seed, self.numbers, self.actors, self.prev_hash = seed, numbers, actors, prev_hash
        self.prefix = f"{KEY_PREFIX}-{seed}-"
        self.pk_of: dict[int, int] = {}
        self.last_id: int | None = None
        self.counts: Counter[str] = Counter()

    def write(self, batch: list[History]) -> None:
        cases = [self._case(h) for h in batch]
        Case.objects.bulk_create(cases, batch_size=1000)
        pairs = list(zip(batch, cases, strict=True))
        self.pk_of.update((h.plan.index, c.pk) for h, c in pairs)
        merged = [c for h, c in pairs if h.merged_into is not None]
        for h, c in pairs:
            c.merged_into_id = self.pk_of[h.merged_into] if h.merged_into is not None else None
        Case.objects.bulk_update(merged, ["merged_into"], batch_size=500)
        through = Case.violation_types.through
        through.objects.bulk_create(
            [through(case_id=c.pk, violationtype_id=v) for h, c in pairs for v in h.plan.violation_ids],
            batch_size=5000)
        ReporterIdentity.objects.bulk_create([
            ReporterIdentity(case=c, created_at=h.received_at,
                             ciphertext=crypto.encrypt_json(texts.identity(self.seed, h.plan.index)))
            for h, c in pairs if h.plan.has_identity], batch_size=2000)
        self._events(pairs)
        self._sanction_rows(pairs)
        self.counts["cases"] += len(cases)

    def _case(self, h: History) -> Case:
        p = h.plan
        reporter = self.actors.resolve("reporter", h.received_at, p) if p.source != Source.PUBLIC else None
        return Case(
            number=self.numbers[p.index], code=_opaque_code(self.seed, p.index), source=p.source,
            status=h.status, version=h.version, election_id=p.election.id, election_stage_id=h.stage_id,
            incident_date=h.incident_date, region_id=p.region_id, province_id=p.province_id,
            agency_id=p.agency_id,
            employee_id=p.employee_id, reported_name=p.reported_name, reported_position=p.reported_position,
            description=p.description, links=p.links, reporter_user_id=reporter.id if reporter else None,
            receipt_hash=crypto.receipt_hash(receipt_code(self.seed, p.index)),
            idempotency_key=f"{self.prefix}{p.index}", received_at=h.received_at,
            stage_started_at=h.stage_started_at or h.received_at, deadline_at=h.deadline_at,
            deadline_rule_id=h.rule_id, overdue_since=h.overdue_since, closed_at=h.closed_at)

    def _events(self, pairs: list[tuple[History, Case]]) -> None:
        rows: list[tuple[CaseEvent, str]] = []
        for h, case in pairs:
            for spec in sorted(h.events, key=lambda e: e.at):
                data, note = spec.data, spec.note
                if spec.ref is not None:  # the other case's number is known only now
                    other = self.numbers[spec.ref]
                    data, note = ({"reason": f"Duplikat dari {other}", "merged_into": other}, note) \
                        if spec.action == "merge" else ({"merged_from": other}, f"Digabungkan dari {other}")
                actor = self.actors.resolve(spec.actor, spec.at, h.plan)
                rows.append((CaseEvent(
                    case_id=case.pk, at=spec.at, actor_id=actor.id if actor else None,
                    actor_label=actor.label if actor else "sistem",
                    actor_agency_id=actor.agency_id if actor else None,
                    action=spec.action, from_status=spec.from_status, to_status=spec.to_status, note=note,
                    public_message=spec.public_message, data=data), case.number))
        CaseEvent.objects.bulk_create([e for e, _ in rows], batch_size=2000)
        now = timezone.now()  # what audit_record stamps: the time of writing, in chain order
        audits = []
        for event, number in rows:  # the payload services._record_event hands to audit_record
            audit = AuditEvent(
                at=now, actor_id=event.actor_id, actor_label=event.actor_label, action=f"case.{event.action}",
                target_type=Case._meta.label_lower, target_id=str(event.case_id), reason="",
                prev_hash=self.prev_hash, data={"number": number, "from": event.from_status,
                                                "to": event.to_status, "event_id": event.pk, **event.data})
            audit.hash = self.prev_hash = audit.compute_hash()
            audits.append(audit)
        AuditEvent.objects.bulk_create(audits, batch_size=2000)  # ids grow in list order: chain order
        self.last_id = audits[-1].pk if audits else self.last_id
        self.counts["events"] += len(rows)

    def _sanction_rows(self, pairs: list[tuple[History, Case]]) -> None:
        recommendations, decisions, controls = [], [], []
        for h, case in pairs:
            p, sent = h.plan, h.sent_at
            if h.reviewed_at is not None:
                reviewer = self.actors.resolve("review", h.reviewed_at, p)
                sender = self.actors.resolve("recommend", sent, p) if sent else None
                assert reviewer is not None and reviewer.agency_id is not None
                recommendations.append(Recommendation(
                    case_id=case.pk, track=p.track, level=p.level, sanction_type_id=p.sanction_id,
                    rationale=p.rationale, reviewed_by_id=reviewer.id, reviewing_agency_id=reviewer.agency_id,
                    reviewed_at=h.reviewed_at,
                    letter_number=f"R-{case.number}/{sent:%m}/{sent:%Y}" if sent else "",
                    sent_at=sent, sent_by_id=sender.id if sender else None,
                    sending_agency_id=sender.agency_id if sender else None))
            if h.decree_date is not None and h.closed_at is not None:
                ppk = self.actors.resolve("ppk", h.closed_at, p)
                assert ppk is not None
                decisions.append(Decision(
                    case_id=case.pk, decree_number=h.decree_number, decree_date=h.decree_date,
                    sanction_type_id=p.imposed_id, is_lighter=p.lighter, recorded_by_id=ppk.id,
                    recorded_at=h.closed_at))
            for c in h.controls:
                proposer = self.actors.resolve(c.proposed_by, c.done_at or c.created_at, p)
                approver = self.actors.resolve(c.approved_by, c.done_at or c.created_at, p)
                controls.append(ControlAction(
                    case_id=case.pk, kind=c.kind, state=c.state, number=c.number, note=c.note,
                    created_at=c.created_at,
                    done_at=c.done_at, proposed_by_id=proposer.id if proposer else None,
                    approved_by_id=approver.id if approver else None))
        Recommendation.objects.bulk_create(recommendations, batch_size=2000)
        through = Recommendation.violation_types.through
        violations = {c.pk: h.plan.violation_ids for h, c in pairs}
        through.objects.bulk_create([through(recommendation_id=r.pk, violationtype_id=v)
                                     for r in recommendations for v in violations[r.case_id]],
                                    batch_size=5000)
        Decision.objects.bulk_create(decisions, batch_size=2000)
        ControlAction.objects.bulk_create(controls, batch_size=2000)
        self.counts.update(recommendations=len(recommendations), decisions=len(decisions),
                           controls=len(controls))
# fmt: on
