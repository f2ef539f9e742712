"""Handling effectiveness: stage durations and deadlines, team performance and the PPK compliance index.

Stage intervals are rebuilt from the case timeline (``CaseEvent`` timestamps and ``actor_agency``): a stage
starts when a case enters one of its statuses and ends with the transition that leaves it. The deadline of
a finished stage is recomputed with the deadline rule valid on the day the stage started (the same rule
and calendar ``cases.services`` used), so "on time" does not depend on the overdue sweep having run.
Open cases past their deadline count against the on-time share.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils.translation import gettext as _

from netralitas.cases.models import Case, CaseEvent, CaseQuerySet, DeadlineRule
from netralitas.cases.workflow import STAGE_OF_STATUS, Stage, Status
from netralitas.core.workdays import DayUnit, deadline_at
from netralitas.registry.calendar import holiday_dates
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


@dataclass
class Interval:
    stage: Stage
    case_id: int
    province_id: int
    agency_id: int | None
    start: dt.datetime
    end: dt.datetime | None
    deadline: dt.datetime | None
    actor_agency_id: int | None = None
    outcome: str = ""

    @property
    def days(self) -> float | None:
        return None if self.end is None else (self.end - self.start).total_seconds() / DAY

    def on_time(self) -> bool:
        return self.end is not None and (self.deadline is None or self.end <= self.deadline)

    def overdue_open(self, now: dt.datetime) -> bool:
        return self.end is None and self.deadline is not None and self.deadline < now


class _Deadlines:
    """The deadline of a stage begun at a moment, memoised per (stage, local day, zone)."""

    def __init__(self) -> None:
        rules = list(DeadlineRule.objects.all())
        self.rules = sorted(rules, key=lambda r: r.valid_from or dt.date.min, reverse=True)
        self.holidays = holiday_dates()
        self.compute = lru_cache(maxsize=None)(self._compute)

    def _compute(self, stage: str, day: dt.date, tz_name: str) -> dt.datetime | None:
        for rule in self.rules:
            if rule.stage == stage and (rule.valid_from is None or rule.valid_from <= day):
                tz = ZoneInfo(tz_name)
                start = dt.datetime.combine(day, dt.time(12), tzinfo=tz)
                return deadline_at(start, rule.days, DayUnit(rule.unit), self.holidays, tz)
        return None

    def for_start(self, stage: Stage, start: dt.datetime, tz_name: str) -> dt.datetime | None:
        return self.compute(stage.value, start.astimezone(ZoneInfo(tz_name)).date(), tz_name)


def stage_intervals(cases: CaseQuerySet) -> list[Interval]:
    """Every stage interval of the cases in scope, finished or still open."""
    zones = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "timezone"))
    case_rows = cases.order_by().values_list(
        "pk", "received_at", "status", "deadline_at", "province_id", "agency_id"
    )
    info = {row[0]: row[1:] for row in case_rows}
    events = (
        CaseEvent.objects.filter(case_id__in=cases.order_by().values("pk"))
        .exclude(from_status="")
        .order_by("case_id", "at", "id")
        .values_list("case_id", "at", "from_status", "to_status", "actor_agency_id")
    )
    by_case: dict[int, list[tuple[dt.datetime, str, str, int | None]]] = defaultdict(list)
    for case_id, at, from_status, to_status, actor_agency_id in events.iterator(chunk_size=5000):
        by_case[case_id].append((at, from_status, to_status, actor_agency_id))
    deadlines = _Deadlines()
    intervals: list[Interval] = []
    for case_id, (received_at, status, current_deadline, province_id, agency_id) in info.items():
        tz_name = zones.get(province_id) or "Asia/Jakarta"
        stage: Stage | None = Stage.VERIFICATION
        started = received_at
        for at, from_status, to_status, actor_agency in by_case.get(case_id, ()):
            before, after = STAGE_OF_STATUS.get(from_status), STAGE_OF_STATUS.get(to_status)
            if before == after:
                continue
            if before is not None:
                intervals.append(
                    Interval(
                        before,
                        case_id,
                        province_id,
                        agency_id,
                        started,
                        at,
                        deadlines.for_start(before, started, tz_name),
                        actor_agency,
                        to_status,
                    )
                )
            stage, started = after, at
        current = STAGE_OF_STATUS.get(status)
        if current is not None and stage == current:
            intervals.append(
                Interval(current, case_id, province_id, agency_id, started, None, current_deadline)
            )
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
        done = [i for i in rows if i.end is not None]
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
    for interval in intervals:
        if interval.stage == stage:
            grouped[key(interval)].append(interval)
    for unit in sorted(grouped):
        rows = grouped[unit]
        done = [i for i in rows if i.end is not None]
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

    def team(i: Interval) -> str:
        if i.end is None or i.actor_agency_id is None:
            return undecided
        return agencies.get(i.actor_agency_id) or _("Instansi lain")

    def kanreg(i: Interval) -> str:
        province = provinces.get(i.province_id)
        return province.kanreg.name if province and province.kanreg else _("(tanpa Kanreg)")

    def bawaslu(i: Interval) -> str:
        province = provinces.get(i.province_id)
        return f"Bawaslu {province.name}" if province else "Bawaslu"

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
    _team_rows(table, Stage.VERIFICATION, intervals, team, now)
    _team_rows(table, Stage.VERIFICATION, intervals, kanreg, now)
    _team_rows(table, Stage.REVIEW, intervals, bawaslu, now)
    _team_rows(table, Stage.RECOMMENDATION, intervals, kanreg, now)
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
        followed = [i for i in rows if i.end is not None and i.outcome == Status.SANCTIONED]
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
