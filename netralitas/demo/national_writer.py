"""Writing the synthetic national case set: the acting users, the deterministic codes, and the bulk
insert of cases, events, audit rows and sanction rows in chain order (see ADR 0004)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from django.utils import timezone

from netralitas.accounts.models import Function, FunctionHolder, User
from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case, CaseEvent, ReporterIdentity, Source
from netralitas.cases.services import actor_label
from netralitas.cases.workflow import Status
from netralitas.core import clock, crypto
from netralitas.registry.models import Agency, Employee
from netralitas.sanctions.models import ControlAction, Decision, Recommendation

from .national_texts import identity
from .national_types import (
    CasePlan,
    History,
)

KEY_PREFIX = "demo-national"


# Actor role → the function whose holder acts, and the body that acts when no holder is recorded.
ACTOR_FUNCTION = {"verifier": Function.VERIFY, "review": Function.REVIEW, "recommend": Function.RECOMMEND,
                  "auditor": Function.CONTROL, "bkn": Function.CONTROL}  # fmt: skip
FALLBACK_BODY: dict[str, str] = {Function.VERIFY: "BKN", Function.REVIEW: "BAWASLU",
                                 Function.RECOMMEND: "BKN", Function.CONTROL: "BKN"}  # fmt: skip
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # crypto's Crockford alphabet


class Actor(NamedTuple):
    id: int
    label: str
    agency_id: int | None


def receipt_code(seed: int, index: int, prefix: str = KEY_PREFIX) -> str:
    """The receipt code of synthetic case ``index`` (for status-check benchmarks; demo data only)."""
    digest = hashlib.sha256(f"{prefix}:{seed}:{index}:receipt".encode()).digest()
    raw = "".join(_RECEIPT_ALPHABET[b % 32] for b in digest[:12])
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def _opaque_code(seed: int, index: int, prefix: str = KEY_PREFIX) -> str:
    digest = hashlib.sha256(f"{prefix}:{seed}:{index}:code".encode()).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


class Actors:
    """Synthetic, inactive users who act in the histories: one per role and acting body (data-driven by
    ``FunctionHolder``, so KASN sends recommendations until 21 Sep 2024 and BKN after), one PPK per agency."""

    def __init__(self, agency_ids_with_ppk: Iterable[int]) -> None:
        bodies = {a.code: a for a in Agency.objects.filter(code__in=[*FALLBACK_BODY.values(), "KEMENDAGRI"])}
        self.users: dict[tuple[str, int], Actor] = {}
        holders: dict[str, set[int]] = {}
        # Read once: the same test as ``queries.function_holder_ids``, in memory (thousands of days).
        self.holder_rows = [(r.function, r.body_id, r.valid_from, r.valid_until)
                            for r in FunctionHolder.objects.all()]  # fmt: skip
        for function, body_id, _, _ in self.holder_rows:
            holders.setdefault(function, set()).add(body_id)
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
        return tuple(sorted({
            body for f, body, start, end in self.holder_rows
            if f == function and (start is None or start <= day) and (end is None or day <= end)
        }))  # fmt: skip

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


def employee_effects(histories: Sequence[History]) -> None:
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
class CaseWriter:
    """Writes one batch of histories in receipt order; the audit chain continues from ``prev_hash``."""

    def __init__(self, seed: int, numbers: dict[int, str], actors: Actors, prev_hash: str,
                 key_prefix: str = KEY_PREFIX) -> None:
        self.seed, self.numbers, self.actors, self.prev_hash = seed, numbers, actors, prev_hash
        self.key_prefix = key_prefix
        self.prefix = f"{key_prefix}-{seed}-"
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
                             ciphertext=crypto.encrypt_json(identity(self.seed, h.plan.index)))
            for h, c in pairs if h.plan.has_identity], batch_size=2000)
        self._events(pairs)
        self._sanction_rows(pairs)
        self.counts["cases"] += len(cases)

    def _case(self, h: History) -> Case:
        p = h.plan
        reporter = self.actors.resolve("reporter", h.received_at, p) if p.source != Source.PUBLIC else None
        return Case(
            number=self.numbers[p.index], code=_opaque_code(self.seed, p.index, self.key_prefix),
            source=p.source,
            status=h.status, version=h.version, election_id=p.election.id, election_stage_id=h.stage_id,
            incident_date=h.incident_date, region_id=p.region_id, province_id=p.province_id,
            agency_id=p.agency_id,
            employee_id=p.employee_id, reported_name=p.reported_name, reported_position=p.reported_position,
            description=p.description, links=p.links, reporter_user_id=reporter.id if reporter else None,
            receipt_hash=crypto.receipt_hash(receipt_code(self.seed, p.index, self.key_prefix)),
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
                    public_message=spec.public_message, data=data, ended_stage=spec.ended_stage,
                    stage_started_at=spec.stage_started_at, stage_deadline_at=spec.stage_deadline_at),
                    case.number))
        CaseEvent.objects.bulk_create([e for e, _ in rows], batch_size=2000)
        now = clock.now()  # what audit_record stamps: the time of writing, in chain order
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
            if h.decree_date is not None and h.decided_at is not None:
                ppk = self.actors.resolve("ppk", h.decided_at, p)
                checker = self.actors.resolve("auditor", h.checked_at, p) if h.checked_at else None
                assert ppk is not None
                decisions.append(Decision(
                    case_id=case.pk, decree_number=h.decree_number, decree_date=h.decree_date,
                    sanction_type_id=p.imposed_id, is_lighter=p.lighter, recorded_by_id=ppk.id,
                    recorded_at=h.decided_at, checked_at=h.checked_at,
                    checked_by_id=checker.id if checker else None))
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
