"""Handling effectiveness: stage durations and deadlines, team performance and the PPK compliance index.

A stage starts when a case enters one of its statuses and ends with the transition that leaves it; the
transition event records the finished stage with its start and the deadline the case had for it (the
rule and calendar valid when the stage began), so "on time" does not depend on the overdue sweep having
run. Open cases past their deadline count against the on-time share.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, F, FloatField, Func, Q, Value, When
from django.db.models import Case as SqlCase
from django.utils.translation import gettext as _

from netralitas.cases.models import Case, CaseEvent, CaseQuerySet
from netralitas.cases.workflow import STAGE_OF_STATUS, Stage, Status
from netralitas.registry.models import Agency, Region
from netralitas.sanctions.models import ControlAction, Decision

from .tables import Table, percent

STAGE_LABELS = {
    Stage.VERIFICATION: "Verifikasi Satgas",
    Stage.REVIEW: "Kajian Bawaslu",
    Stage.RECOMMENDATION: "Pengiriman rekomendasi BKN",
    Stage.FOLLOW_UP: "Tindak lanjut PPK",
}
DAY = 86400.0


@dataclass(slots=True)
class Interval:
    stage: Stage
    case_id: int
    province_id: int
    agency_id: int | None
    days: float | None  # how long the stage took; None while it is still running
    in_time: bool  # finished by its deadline (or the stage had none)
    deadline: dt.datetime | None  # of a running stage, for "past its deadline"
    actor_agency_id: int | None = None
    outcome: str = ""

    @property
    def finished(self) -> bool:
        return self.days is not None

    def on_time(self) -> bool:
        return self.days is not None and self.in_time

    def overdue_open(self, now: dt.datetime) -> bool:
        return self.days is None and self.deadline is not None and self.deadline < now


class DaysBetween(Func):
    """``end - start`` in days, computed by the database (no timestamp is parsed in Python)."""

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday("
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
        )


_STAGE_ORDER = {stage: n for n, stage in enumerate(Stage)}


def stage_intervals(cases: CaseQuerySet, only: frozenset[Stage] | None = None) -> list[Interval]:
    """Every stage interval of the cases in scope, finished or still open (of ``stages`` only, when
    given in ``only``: the PPK compliance tables read the follow-up stage alone).

    A finished stage is the transition event that left it: the transition service records on that event
    the stage, its start and the deadline the case had for it (``CaseEvent.ended_stage``,
    ``stage_started_at``, ``stage_deadline_at``; migration 0006 filled them for older events by replaying
    the timelines). Durations and "on time" are computed by the database. The stage a case is in now is
    read from the case itself."""
    in_scope = cases.order_by().values("pk")
    stages = {stage.value: stage for stage in Stage}
    intervals: list[Interval] = []
    running_statuses = [s for s, stage in STAGE_OF_STATUS.items() if only is None or stage in only]
    running = (
        Case.objects.filter(pk__in=in_scope, status__in=running_statuses)
        .order_by()
        .values_list("pk", "status", "deadline_at", "province_id", "agency_id")
    )
    for case_id, status, deadline, province_id, agency_id in running.iterator(chunk_size=5000):
        intervals.append(
            Interval(STAGE_OF_STATUS[status], case_id, province_id, agency_id, None, False, deadline)
        )
    ended = CaseEvent.objects.exclude(ended_stage="")
    if only is not None:
        ended = ended.filter(ended_stage__in=sorted(only))
    finished = (
        ended.filter(case_id__in=in_scope)
        .order_by()
        .annotate(
            took=DaysBetween(F("at"), F("stage_started_at")),
            in_time=SqlCase(
                When(Q(stage_deadline_at__isnull=True) | Q(at__lte=F("stage_deadline_at")), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values_list(
            "case_id",
            "ended_stage",
            "took",
            "in_time",
            "actor_agency_id",
            "to_status",
            "case__province_id",
            "case__agency_id",
        )
    )
    for case_id, stage, took, in_time, actor_agency, outcome, province, agency in finished.iterator(
        chunk_size=5000
    ):
        assert province is not None  # every case has its province
        intervals.append(
            Interval(
                stages[stage],
                case_id,
                province,
                agency,
                took,
                bool(in_time),
                None,
                actor_agency,
                outcome,
            )
        )
    intervals.sort(key=lambda i: (i.case_id, _STAGE_ORDER[i.stage]))  # each case's stages in order
    return intervals


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1], 1)


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def deadline_table(intervals: Iterable[Interval], now: dt.datetime) -> Table:
    table = Table(
        "tenggat",
        _("Ketepatan waktu per tahap"),
        [
            _("Tahap"),
            _("Selesai"),
            _("Selesai tepat waktu"),
            _("Belum selesai, lewat batas"),
            _("% tepat waktu"),
            _("Median hari"),
            _("Persentil 90 hari"),
        ],
        note=_(
            "% tepat waktu = selesai tepat waktu ÷ (selesai + belum selesai yang sudah lewat batas waktu). "
            "Kasus terbuka yang lewat batas waktu dihitung sebagai tidak tepat waktu."
        ),
        chart_column=4,
    )
    grouped: dict[Stage, list[Interval]] = defaultdict(list)
    for interval in intervals:
        grouped[interval.stage].append(interval)
    for stage in Stage:
        rows = grouped.get(stage, [])
        done = [i for i in rows if i.finished]
        on_time = sum(1 for i in done if i.on_time())
        overdue = sum(1 for i in rows if i.overdue_open(now))
        durations = [i.days for i in done if i.days is not None]
        table.add(
            [
                STAGE_LABELS[stage],
                len(done),
                on_time,
                overdue,
                percent(on_time, len(done) + overdue),
                _median(durations),
                _quantile(durations, 0.9),
            ]
        )
    return table


def _team_rows(
    table: Table,
    stage: Stage,
    intervals: Iterable[Interval],
    key: Callable[[Interval], str],
    now: dt.datetime,
) -> None:
    grouped: dict[str, list[Interval]] = defaultdict(list)
    for interval in intervals:  # the stage's intervals only (team_table groups them once)
        grouped[key(interval)].append(interval)
    for unit in sorted(grouped):
        rows = grouped[unit]
        done = [i for i in rows if i.finished]
        on_time = sum(1 for i in done if i.on_time())
        overdue = sum(1 for i in rows if i.overdue_open(now))
        table.add(
            [
                STAGE_LABELS[stage],
                unit,
                len(rows),
                len(done),
                on_time,
                percent(on_time, len(done) + overdue),
                len(rows) - len(done),
                _median([i.days for i in done if i.days is not None]),
            ]
        )


def team_table(intervals: list[Interval], now: dt.datetime) -> Table:
    """Per verifier team (the agency that decided), Kanreg, Bawaslu office (per province) and BKN office."""
    agencies = dict(Agency.objects.filter(is_oversight_body=True).values_list("pk", "short_name"))
    provinces = {r.pk: r for r in Region.objects.filter(level=Region.Level.PROVINCE).select_related("kanreg")}
    undecided = _("(belum diputus)")

    other = _("Instansi lain")
    kanregs = {pk: p.kanreg.name if p.kanreg else _("(tanpa Kanreg)") for pk, p in provinces.items()}
    offices = {pk: f"Bawaslu {p.name}" for pk, p in provinces.items()}
    no_kanreg = _("(tanpa Kanreg)")

    def team(i: Interval) -> str:
        if i.days is None or i.actor_agency_id is None:
            return undecided
        return agencies.get(i.actor_agency_id) or other

    def kanreg(i: Interval) -> str:
        return kanregs.get(i.province_id, no_kanreg)

    def bawaslu(i: Interval) -> str:
        return offices.get(i.province_id, "Bawaslu")

    table = Table(
        "tim",
        _("Kinerja tim"),
        [
            _("Tahap"),
            _("Unit"),
            _("Diterima"),
            _("Ditangani"),
            _("Tepat waktu"),
            _("% tepat waktu"),
            _("Belum selesai"),
            _("Median hari"),
        ],
        note=_(
            "Tim verifikator = instansi anggota Satgas yang memutus verifikasi (dari riwayat kasus); Satgas "
            "dan BKN per Kanreg menurut provinsi kejadian; kantor Bawaslu menurut provinsi kejadian."
        ),
        chart_column=5,
        label_column=1,
    )
    by_stage: dict[Stage, list[Interval]] = defaultdict(list)
    for interval in intervals:
        by_stage[interval.stage].append(interval)
    _team_rows(table, Stage.VERIFICATION, by_stage[Stage.VERIFICATION], team, now)
    _team_rows(table, Stage.VERIFICATION, by_stage[Stage.VERIFICATION], kanreg, now)
    _team_rows(table, Stage.REVIEW, by_stage[Stage.REVIEW], bawaslu, now)
    _team_rows(table, Stage.RECOMMENDATION, by_stage[Stage.RECOMMENDATION], kanreg, now)
    return table


@dataclass
class Compliance:
    agency: Agency
    received: int
    due: int
    on_time: int
    open_overdue: int
    median_days: float | None
    lighter: int
    blocks: int

    @property
    def index(self) -> float | None:
        return percent(self.on_time, self.due)


def compliance(cases: CaseQuerySet, intervals: Iterable[Interval], now: dt.datetime) -> list[Compliance]:
    """PPK follow-up per agency. ``due`` (the denominator) = recommendations followed up with a sanction
    plus open ones past their deadline; cases that became moot are left out."""
    grouped: dict[int, list[Interval]] = defaultdict(list)
    for interval in intervals:
        if interval.stage == Stage.FOLLOW_UP and interval.agency_id is not None:
            grouped[interval.agency_id].append(interval)
    in_scope = cases.order_by().values("pk")
    lighter = dict(
        Decision.objects.filter(case_id__in=in_scope, is_lighter=True)
        .order_by()
        .values_list("case__agency_id")
        .annotate(n=Count("pk"))
    )
    blocks = dict(
        ControlAction.objects.filter(
            case_id__in=in_scope, kind=ControlAction.Kind.BLOCK, state=ControlAction.State.DONE
        )
        .order_by()
        .values_list("case__agency_id")
        .annotate(n=Count("pk"))
    )
    agencies = Agency.objects.in_bulk(list(grouped))
    result: list[Compliance] = []
    for agency_id, rows in grouped.items():
        followed = [i for i in rows if i.finished and i.outcome == Status.SANCTIONED]
        on_time = sum(1 for i in followed if i.on_time())
        overdue = sum(1 for i in rows if i.overdue_open(now))
        result.append(
            Compliance(
                agency=agencies[agency_id],
                received=len(rows),
                due=len(followed) + overdue,
                on_time=on_time,
                open_overdue=overdue,
                median_days=_median([i.days for i in followed if i.days is not None]),
                lighter=lighter.get(agency_id, 0),
                blocks=blocks.get(agency_id, 0),
            )
        )
    return result


def compliance_table(rows: list[Compliance], minimum: int) -> Table:
    """Ranked by index (worst first) among agencies with at least ``minimum`` cases due; the rest after,
    unranked."""
    ranked = sorted(
        (r for r in rows if r.due >= minimum), key=lambda r: (r.index or 0.0, -r.due, r.agency.name)
    )
    unranked = sorted((r for r in rows if r.due < minimum), key=lambda r: r.agency.name)
    table = Table(
        "kepatuhan",
        _("Indeks kepatuhan PPK"),
        [
            _("Peringkat"),
            _("Instansi"),
            _("Rekomendasi diterima"),
            _("Jatuh tempo (penyebut)"),
            _("Ditindaklanjuti tepat waktu"),
            _("Indeks (%)"),
            _("Lewat batas, belum ditindaklanjuti"),
            _("Median hari"),
            _("Sanksi lebih ringan"),
            _("Pemblokiran"),
        ],
        note=_(
            "Indeks = ditindaklanjuti tepat waktu ÷ jatuh tempo; jatuh tempo = rekomendasi yang sudah "
            "ditindaklanjuti dengan sanksi ditambah yang belum ditindaklanjuti padahal batas waktunya lewat. "
            "Diberi peringkat hanya bila jatuh tempo sekurang-kurangnya %(min)s kasus."
        )
        % {"min": minimum},
        chart_column=5,
        label_column=1,
    )
    for rank, row in enumerate(ranked, start=1):
        table.add(_compliance_cells(str(rank), row))
    for row in unranked:
        table.add(_compliance_cells("—", row))
    return table


def _compliance_cells(rank: str, row: Compliance) -> list[str | int | float | None]:
    return [
        rank,
        row.agency.name,
        row.received,
        row.due,
        row.on_time,
        row.index,
        row.open_overdue,
        row.median_days,
        row.lighter,
        row.blocks,
    ]


def overdue_list(cases: CaseQuerySet, now: dt.datetime, limit: int = 30) -> list[Case]:
    from netralitas.cases.workflow import FINAL_STATUSES

    return list(
        cases.exclude(status__in=FINAL_STATUSES)
        .filter(deadline_at__lt=now)
        .select_related("province", "agency")
        .order_by("deadline_at")[:limit]
    )
