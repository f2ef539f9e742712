"""The demo season ``make run`` loads: three elections calibrated to published figures, as of 5 Dec 2024.

All counts are of **cases in the database** and of **distinct reported employees** (ASN), per election:

- **Pilkada 2024, as of AS_OF (Thu 5 Dec 2024 10:00 WIB)**, calibrated to the tally Kemendagri gave the
  DPR on 4 Dec 2024 (published 5 Dec). Its five category figures are read as *ASN counted per category*:
  667 in verification/review (statuses diterima, verifikasi, kajian_bawaslu, terbukti), 436 awaiting the
  PPK (menunggu_tindak_lanjut, keputusan_diperiksa), 19 sanctioned (disanksi), 24 not proven
  (tidak_terbukti), 60 rejected (ditolak): 1,206 category entries over 1,158 distinct ASN, because 48 ASN
  have two reports sitting in two different categories. So there are 1,206 counted reports, each about a
  different ASN within its category; some early reports (diterima, verifikasi, ditolak) never identified
  their ASN, and each of those counts as one ASN (distinct identified + unidentified = the figure). Not
  counted on top: 27 duplicates already merged (dibatalkan, ``merged_into`` set; Kemendagri's "27
  dibatalkan") and the open duplicates still waiting to be merged (same ASN, same category as their
  original). The "4 berhenti/pensiun" of the same tally are left out: published as "<5", they would make
  complementary suppression hide the 19 sanctioned on the public page (docs/demo.md).
- **Pemilu 2024**, closed, KASN recommending (KASN, 6 Feb 2024): 403 ASN reported, 183 proven
  (terbukti, menunggu_tindak_lanjut, keputusan_diperiksa, disanksi, gugur), 97 sanctioned. Every report
  was received before 6 Feb 2024, and everything that happened after did so before 21 Sep 2024, while
  KASN still recommended; the proven rest still waits for its PPK (some blocked in SIASN) or is moot.
- **Pilkada 2020**, history (KASN final figures): 2,034 ASN reported, 1,597 proven, 1,450 sanctioned,
  every case closed (the proven rest is moot).

One report per ASN in the two KASN seasons, so their ASN and report counts agree (merged duplicates
aside). Every rung of the PPK ladder and of the earlier flow is present at AS_OF in the demo logins'
scope (Musi Banyuasin, Palembang, Makassar, Gowa, and Kemenag's offices in both provinces): see
``PPK_RUNGS`` and ``EARLY_RUNGS``. Histories are synthetic and written in bulk (ADR 0004); the season is
deterministic and idempotent (one idempotency-key prefix per election: a second run creates nothing).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from netralitas.audit.services import audit_record, lock_chain_head
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.registry.models import Agency, Election, Employee

from . import national_texts as texts
from .national_cases import _COPIED, Planner, PoolEmployee, World, write_histories
from .national_history import build_history, build_merged
from .national_types import CasePlan, ElectionWindow, History
from .season_conflicts import load_conflicts
from .season_evidence import attach_evidence, store_evidence
from .season_people import Slot, assign_people, season_pool
from .season_rungs import SCRIPTED, build_open_duplicate, build_rung

JAKARTA = ZoneInfo("Asia/Jakarta")
AS_OF = dt.datetime(2024, 12, 5, 10, 0, tzinfo=JAKARTA)
KEY_PREFIX = "demo-season"
S = Status

# Pilkada 2024 categories (Kemendagri, 4/5 Dec 2024) and the statuses each counts.
CATEGORIES: dict[str, frozenset[str]] = {
    "verifikasi": frozenset({S.RECEIVED, S.VERIFICATION, S.REVIEW, S.PROVEN}),
    "menunggu_ppk": frozenset({S.AWAITING_FOLLOW_UP, S.DECISION_CHECK}),
    "disanksi": frozenset({S.SANCTIONED}),
    "tidak_terbukti": frozenset({S.NOT_PROVEN}),
    "ditolak": frozenset({S.REJECTED}),
}
PILKADA_2024_FIGURES = {"verifikasi": 667, "menunggu_ppk": 436, "disanksi": 19, "tidak_terbukti": 24,
                        "ditolak": 60}  # fmt: skip
PILKADA_2024_ASN = 1158
PROVEN = frozenset({S.PROVEN, S.AWAITING_FOLLOW_UP, S.DECISION_CHECK, S.SANCTIONED, S.MOOT})
# The demo logins' agencies, two per province, and the central agency whose offices sit in both.
DEMO_AGENCIES = {"16": ("KAB-16.06", "KOTA-16.71"), "73": ("KOTA-73.71", "KAB-73.06")}
DEMO_CENTRAL = "KEMENAG"
# (rung, status, ladder stop): per demo province two cases in each demo agency and one of Kemenag's.
PPK_RUNGS = (
    ("reminded", S.AWAITING_FOLLOW_UP, ""),
    ("warning_due", S.AWAITING_FOLLOW_UP, "warning_due"),
    ("block_due", S.AWAITING_FOLLOW_UP, "block_due"),
    ("block_proposed", S.AWAITING_FOLLOW_UP, "block_proposed"),
    ("blocked", S.AWAITING_FOLLOW_UP, "blocked"),
    ("decision_check", S.DECISION_CHECK, ""),
    ("unblocked", S.SANCTIONED, "blocked"),
)
# Earlier flow: four cases anywhere in each demo province and one of Kemenag's.
EARLY_RUNGS = (
    ("new_today", S.RECEIVED, ""),
    ("late_verification", S.VERIFICATION, ""),
    ("review_over_holiday", S.REVIEW, ""),
    ("proven", S.PROVEN, ""),
    ("duplicate_original", S.VERIFICATION, ""),
)
NEW_TODAY_ELSEWHERE = 20  # reports received this morning in other provinces
# Sumatera Selatan and Sulawesi Selatan among the worst (journey 5); Java's large provinces follow.
PROVINCE_WEIGHT = {"16": 3.4, "73": 3.0, "32": 1.1, "33": 1.1, "35": 1.1, "74": 1.4, "82": 1.3}
# media-sosial is ~30% of the cases (primary or second violation).
VIOLATION_WEIGHTS = {**texts.VIOLATION_WEIGHTS, "media-sosial": 32}


@dataclass(frozen=True)
class Season:
    code: str
    seed: int
    as_of: dt.datetime
    received_until: dt.datetime
    statuses: dict[str, int]  # counted reports (one per ASN within a category)
    unidentified: dict[str, int] = field(default_factory=dict)
    overlaps: tuple[tuple[str, str, int], ...] = ()  # (category, other category, ASN in both)
    stops: dict[str, int] = field(default_factory=dict)  # awaiting-PPK cases forced up to a rung
    merged: int = 0
    rungs: bool = False
    appointed_before: int = 2025  # reported ASN were appointed before this year (NIP digits 9-12)


SEASONS = (
    Season("pilkada-2024", 2024, AS_OF, AS_OF,
           {S.RECEIVED: 260, S.VERIFICATION: 215, S.REVIEW: 130, S.PROVEN: 62, S.AWAITING_FOLLOW_UP: 418,
            S.DECISION_CHECK: 18, S.SANCTIONED: 19, S.NOT_PROVEN: 24, S.REJECTED: 60},
           unidentified={S.RECEIVED: 70, S.VERIFICATION: 35, S.REJECTED: 15},
           overlaps=(("ditolak", "verifikasi", 14), ("verifikasi", "menunggu_ppk", 18),
                     ("tidak_terbukti", "verifikasi", 4), ("menunggu_ppk", "disanksi", 4),
                     ("verifikasi", "disanksi", 3), ("tidak_terbukti", "menunggu_ppk", 3),
                     ("ditolak", "menunggu_ppk", 2)),
           merged=27, rungs=True),
    Season("pemilu-2024", 2023, dt.datetime(2024, 9, 20, 16, tzinfo=JAKARTA),
           dt.datetime(2024, 2, 6, tzinfo=JAKARTA),
           {S.SANCTIONED: 97, S.AWAITING_FOLLOW_UP: 50, S.MOOT: 36, S.NOT_PROVEN: 128, S.REJECTED: 92},
           unidentified={S.REJECTED: 20}, stops={"blocked": 10, "block_proposed": 3, "warning_due": 6},
           merged=12, appointed_before=2023),
    Season("pilkada-2020", 2020, dt.datetime(2021, 12, 30, 16, tzinfo=JAKARTA),
           dt.datetime(2021, 3, 1, tzinfo=JAKARTA),
           {S.SANCTIONED: 1450, S.MOOT: 147, S.NOT_PROVEN: 250, S.REJECTED: 187},
           unidentified={S.REJECTED: 40}, merged=30, appointed_before=2020),
)  # fmt: skip


def _rung_slots(season: Season) -> list[Slot]:
    if not season.rungs:
        return []
    slots = []
    for province, agencies in DEMO_AGENCIES.items():
        for rung, status, stop in PPK_RUNGS:
            slots += [Slot(status, rung, stop, agency=code) for code in agencies for _ in range(2)]
            slots.append(Slot(status, rung, stop, agency=DEMO_CENTRAL, province=province))
        for rung, status, stop in EARLY_RUNGS:
            slots += [Slot(status, rung, stop, province=province) for _ in range(4)]
            slots.append(Slot(status, rung, stop, agency=DEMO_CENTRAL, province=province))
    slots += [Slot(S.RECEIVED, "new_today", "", elsewhere=True) for _ in range(NEW_TODAY_ELSEWHERE)]
    return slots


def _slots(season: Season, rng: random.Random) -> list[Slot]:
    """Every counted report of the season: the rungs first, then the rest of each status's quota."""
    slots = _rung_slots(season)
    used = Counter(s.status for s in slots)
    stops = [stop for stop, n in sorted(season.stops.items()) for _ in range(n)]
    for status, total in season.statuses.items():
        if used[status] > total:
            raise ValueError(f"{season.code}: {used[status]} rungs exceed the {total} {status} cases")
        unidentified = season.unidentified.get(status, 0)
        for n in range(total - used[status]):
            stop = stops.pop() if status == S.AWAITING_FOLLOW_UP and stops else ""
            slots.append(Slot(status, "", stop, identified=n >= unidentified))
    rng.shuffle(slots)
    return slots


def _plan(planner: Planner, election: ElectionWindow, index: int, slot: Slot, rng: random.Random) -> CasePlan:
    assert slot.person is not None
    plan = planner.plan(index, election, slot.status, False, person=slot.person, place=slot.place,
                        identified=slot.identified)  # fmt: skip
    if slot.rung in SCRIPTED:  # rungs about an identified ASN whose name the reporter gave
        plan.resolved_at_submit = slot.identified and (slot.rung != "new_today" or rng.random() < 0.6)
        if not plan.resolved_at_submit:
            plan.reported_name = " ".join(slot.person.name.split()[:2])
            plan.reported_position = slot.person.position
    plan.ladder_stop = slot.stop
    return plan


def _copy(plan: CasePlan, original: CasePlan) -> None:
    for name in _COPIED:
        setattr(plan, name, getattr(original, name))
    plan.resolved_at_submit = plan.employee_id is not None
    plan.reported_name = plan.reported_position = ""


def _histories(season: Season, world: World, pool: list[PoolEmployee], rng: random.Random) -> list[History]:
    election = world.elections[0]
    slots = assign_people(_slots(season, rng), pool, world, season, CATEGORIES, rng)
    planner = Planner(world, pool, rng, VIOLATION_WEIGHTS)
    cal = world.calendar
    histories: list[History] = []
    for index, slot in enumerate(slots):
        plan = _plan(planner, election, index, slot, rng)
        if slot.rung in SCRIPTED:
            histories.append(build_rung(plan, slot.rung, cal, rng))
        else:
            histories.append(build_history(plan, cal, rng))
    index = len(slots)
    for original in [h for h in histories if h.plan.index < len(slots) and slots[h.plan.index].rung
                     == "duplicate_original"]:  # fmt: skip
        plan = planner.plan(index, election, S.RECEIVED, False, person=slots[original.plan.index].person)
        _copy(plan, original.plan)
        histories.append(build_open_duplicate(plan, original, cal, rng))
        index += 1
    targets = [h for h in histories[: len(slots)] if not slots[h.plan.index].rung and h.plan.employee_id
               and h.status not in (S.CANCELLED, S.REJECTED)]  # fmt: skip
    merged = 0
    while merged < season.merged and targets:
        target = targets.pop(rng.randrange(len(targets)))
        plan = planner.plan(index, election, S.CANCELLED, True, person=slots[target.plan.index].person)
        _copy(plan, target.plan)
        history = build_merged(plan, target, cal, rng)
        if history is not None:
            histories.append(history)
            index, merged = index + 1, merged + 1
    if merged < season.merged:
        raise RuntimeError(f"{season.code}: only {merged} of {season.merged} duplicates could be merged")
    return histories


def _province_weight(season: Season) -> dict[str, float]:
    return PROVINCE_WEIGHT if season.code == "pilkada-2024" else {"16": 1.3, "73": 1.3}


def load_season_election(season: Season, *, say: Callable[[str], object]) -> dict[str, int]:
    """Loads one election's season in one transaction; a second run creates nothing."""
    started = time.monotonic()
    prefix = f"{KEY_PREFIX}-{season.seed}-"
    if not Election.objects.filter(code=season.code).exists():
        say(f"{season.code}: election not in the master data; skipped")
        return {"created": 0}
    with transaction.atomic():
        head = lock_chain_head()
        existing = Case.objects.filter(idempotency_key__startswith=prefix).count()
        if existing:
            say(f"{season.code}: already loaded ({existing} cases); nothing created")
            return {"created": 0, "existing": existing}
        rng = random.Random(season.seed)
        world = World(season.as_of, [season.code], _province_weight(season), season.received_until)
        pool = season_pool(season.appointed_before)
        histories = _histories(season, world, pool, rng)
        demo = {pk for pk, code in world.code.items() if code in DEMO_AGENCIES}
        files = attach_evidence(histories, demo, rng) if season.rungs else []
        writer = write_histories(histories, seed=season.seed, head=head, say=lambda _m: None,
                                 key_prefix=KEY_PREFIX)  # fmt: skip
        stored = store_evidence(files, writer.pk_of)
        counts = {"created": len(histories), "evidence": stored, **writer.counts,
                  **Counter(str(h.status) for h in histories)}  # fmt: skip
        audit_record(actor=None, action="demo.season",
                     data={"election": season.code, "seed": season.seed, "as_of": season.as_of.isoformat(),
                           **counts})  # fmt: skip
    say(f"{season.code}: {len(histories)} cases, {counts['events']} events, {stored} evidence files "
        f"({time.monotonic() - started:.1f}s)")  # fmt: skip
    return counts


def load_season(*, say: Callable[[str], object] = lambda _m: None) -> dict[str, dict[str, int]]:
    """The three seasons, Pilkada 2024 first (its rungs take the demo agencies' staff); an employee is
    reported in one season only."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("The demo season is never loaded in production.")
    if not Employee.objects.exists() or not Agency.objects.exists():
        raise RuntimeError("Muat data induk dan pegawai dahulu (load_master_data, generate_employees).")
    loaded = {season.code: load_season_election(season, say=say) for season in SEASONS}
    conflicts = load_conflicts(AS_OF)
    say(
        f"konflik kepentingan PPK: {conflicts['candidates']} candidates, "
        f"{conflicts['escalations']} escalations"
    )
    return loaded
