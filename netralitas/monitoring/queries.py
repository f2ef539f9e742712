"""Read-only aggregates of the monitoring dashboards, always over ``cases.queries.visible_cases(user)``.

Every count is a GROUP BY over cases (served by the (province,status), (agency,status), (election,status)
and (status,deadline_at) indexes); the employee table is joined only for the position-type breakdown.
Nothing is cached: the numbers are exactly those of the moment the page is drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.cases.buckets import BUCKET_OF_STATUS, BUCKETS, SUMMARY, TOTAL_LABELS, TOTALS, Bucket
from netralitas.cases.figures import Figure, figures, grouped_figures
from netralitas.cases.models import Case, CaseQuerySet
from netralitas.cases.queries import user_scope, visible_cases
from netralitas.cases.workflow import FINAL_STATUSES, Status
from netralitas.core import clock
from netralitas.core.formatting import long_date
from netralitas.core.workdays import DayUnit, due_date, end_of_day
from netralitas.registry.calendar import holiday_dates
from netralitas.registry.models import Agency, Election, ElectionStage, Employee, Region
from netralitas.sanctions.models import ViolationType

from .tables import Table, percent

MONITORING_ROLES = frozenset(
    {Role.VERIFIER, Role.BAWASLU, Role.BKN, Role.PPK, Role.AUDITOR, Role.LEADER, Role.ADMIN}
)
# Positive list (not NOT IN): lets the (status, deadline_at) index find open and overdue cases.
OPEN_STATUSES = sorted(set(Status.values) - FINAL_STATUSES)
OPEN_Q = Q(status__in=OPEN_STATUSES)
TREND_WEEKS = 12
AT_RISK_WORKING_DAYS = 2


def monitored_cases(user: User) -> CaseQuerySet:
    """The one access helper of the monitoring pages: the viewer's cases, 404 without a monitoring role."""
    roles = user_scope(user).roles
    if not any(r.role in MONITORING_ROLES for r in roles):
        raise Http404("Tidak ada peran pemantauan.")
    return visible_cases(user)


@dataclass(frozen=True)
class CaseFilter:
    """Drill-down filters from the query string; every value is a public code, never a row id."""

    election: str = ""
    stage: str = ""
    province: str = ""
    agency: str = ""
    bucket: str = ""
    violation: str = ""
    position: str = ""
    overdue: bool = False
    at_risk: bool = False

    PARAMS = {
        "election": "pemilihan",
        "stage": "tahapan",
        "province": "provinsi",
        "agency": "instansi",
        "bucket": "kelompok",
        "violation": "pelanggaran",
        "position": "jabatan",
    }

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> CaseFilter:
        values = {attr: (query.get(param) or "").strip()[:40] for attr, param in cls.PARAMS.items()}
        return cls(**values, overdue=query.get("lewat") == "1", at_risk=query.get("rawan") == "1")

    def with_(self, **changes: object) -> CaseFilter:
        data = {**self.__dict__, **changes}
        return CaseFilter(**data)

    def query_string(self) -> str:
        pairs = [(param, getattr(self, attr)) for attr, param in self.PARAMS.items() if getattr(self, attr)]
        if self.overdue:
            pairs.append(("lewat", "1"))
        if self.at_risk:
            pairs.append(("rawan", "1"))
        return urlencode(pairs)

    def is_empty(self) -> bool:
        return not self.query_string()

    def apply(self, cases: CaseQuerySet, now: dt.datetime | None = None) -> CaseQuerySet:
        now = now or clock.now()
        if self.election:
            cases = cases.filter(election__code=self.election)
        if self.stage:
            cases = cases.filter(election_stage__code=self.stage)
        if self.province:
            cases = cases.filter(province__code=self.province)
        if self.agency:
            cases = cases.filter(agency__code=self.agency)
        if self.bucket:
            statuses = bucket_statuses(self.bucket)
            cases = cases.filter(status__in=statuses)
        if self.violation:
            with_type = Case.violation_types.through.objects.filter(violationtype__code=self.violation)
            cases = cases.filter(pk__in=with_type.values("case_id"))
        if self.position:
            cases = cases.filter(employee__position_type=self.position)
        if self.overdue:
            cases = cases.filter(OPEN_Q, deadline_at__lt=now)
        if self.at_risk:
            cases = cases.filter(OPEN_Q, deadline_at__gte=now, deadline_at__lte=at_risk_limit(now))
        return cases


def bucket_statuses(code: str) -> frozenset[str]:
    """Statuses of a bucket or a published total; an unknown code matches nothing."""
    for bucket in (*BUCKETS, *SUMMARY):
        if bucket.code == code:
            return bucket.statuses
    if code in TOTALS:
        return TOTALS[code][0]
    if code == "terbuka":
        return frozenset(Status.values) - FINAL_STATUSES
    return frozenset()


def at_risk_limit(now: dt.datetime) -> dt.datetime:
    """End of the second working day after today (WIB): deadlines up to then are "at risk"."""
    tz = ZoneInfo("Asia/Jakarta")
    today = now.astimezone(tz).date()
    return end_of_day(due_date(today, AT_RISK_WORKING_DAYS, DayUnit.WORKING, holiday_dates()), tz)


def drill_url(base: CaseFilter, **changes: object) -> str:
    return f"{reverse('monitoring:cases')}?{base.with_(**changes).query_string()}"


# --- the counts ----------------------------------------------------------------------------------


def bucket_figures(cases: CaseQuerySet) -> dict[str, Figure]:
    """Reports and reported ASN of every bucket, summary group and total: one aggregate query."""
    return figures(cases)


def pipeline_table(
    counts: Mapping[str, Figure],
    base: CaseFilter,
    buckets: tuple[Bucket, ...] = BUCKETS,
    name: str = "tahapan",
    title: str = "",
) -> Table:
    table = Table(
        name,
        title or _("Kasus menurut kelompok tahapan"),
        [_("Kelompok"), _("Jumlah"), _("ASN terlapor"), _("Definisi")],
        chart_column=1,
    )
    for bucket in buckets:
        f = counts[bucket.code]
        table.add([bucket.label, f.reports, f.asn, bucket.definition], drill_url(base, bucket=bucket.code))
    return table


def summary_table(counts: Mapping[str, Figure], base: CaseFilter) -> Table:
    """The grouping Kemendagri published (verification and review, awaiting the PPK, sanctioned, ...)."""
    return pipeline_table(counts, base, SUMMARY, "ringkasan", _("Ringkasan menurut pengelompokan Kemendagri"))


def totals(counts: Mapping[str, Figure]) -> dict[str, int]:
    return {code: counts[code].reports for code in TOTALS}


def totals_asn(counts: Mapping[str, Figure]) -> dict[str, int]:
    return {code: counts[code].asn for code in TOTALS}


def totals_table(counts: Mapping[str, Figure], base: CaseFilter) -> Table:
    table = Table(
        "jumlah",
        _("Jumlah yang dipublikasikan"),
        [_("Jumlah"), _("Kasus"), _("ASN terlapor"), _("Definisi")],
    )
    for code, (_statuses, definition, _en) in TOTALS.items():
        f = counts[code]
        table.add([str(TOTAL_LABELS[code]), f.reports, f.asn, definition], drill_url(base, bucket=code))
    return table


@dataclass
class Counts:
    """Counts of one province or agency."""

    total: int = 0
    open: int = 0
    overdue: int = 0
    ppk: int = 0
    sanctioned: int = 0
    asn: int = 0
    asn_sanctioned: int = 0


def overdue_by_province_and_agency(cases: CaseQuerySet, now: dt.datetime) -> dict[str, dict[int | None, int]]:
    """Open cases past their deadline per province and per agency, from one GROUP BY over those rows."""
    result: dict[str, dict[int | None, int]] = {"province_id": {}, "agency_id": {}}
    rows = cases.filter(OPEN_Q, deadline_at__lt=now).order_by().values_list("province_id", "agency_id")
    for province_id, agency_id, n in rows.annotate(n=Count("pk")):
        result["province_id"][province_id] = result["province_id"].get(province_id, 0) + n
        result["agency_id"][agency_id] = result["agency_id"].get(agency_id, 0) + n
    return result


PPK_STATUSES = frozenset({Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK})
SANCTIONED_STATUSES = TOTALS["disanksi"][0]


def _by_key(
    cases: CaseQuerySet,
    key: str,
    now: dt.datetime,
    overdue: dict[int | None, int] | None = None,
) -> dict[int | None, Counts]:
    """Counts per ``key`` (reports and reported ASN, ``grouped_figures``), plus one GROUP BY over the overdue
    rows only (found through the (status, deadline_at) index)."""
    result: dict[int | None, Counts] = {}
    measures = {
        "total": None,
        "open": frozenset(OPEN_STATUSES),
        "ppk": PPK_STATUSES,
        "sanctioned": SANCTIONED_STATUSES,
    }
    for (value,), f in grouped_figures(cases, (key,), measures, asn_of=("total", "sanctioned")).items():
        result[cast(int | None, value)] = Counts(
            f["total"].reports,
            f["open"].reports,
            0,
            f["ppk"].reports,
            f["sanctioned"].reports,
            f["total"].asn,
            f["sanctioned"].asn,
        )
    if overdue is None:
        overdue = overdue_by_province_and_agency(cases, now)[key]
    for value, n in overdue.items():
        result.setdefault(value, Counts()).overdue += n
    return result


def province_table(
    cases: CaseQuerySet,
    base: CaseFilter,
    now: dt.datetime,
    overdue: dict[int | None, int] | None = None,
) -> Table:
    by_id = _by_key(cases, "province_id", now, overdue)
    table = Table(
        "provinsi",
        _("Kasus menurut provinsi"),
        [
            _("Provinsi"),
            _("Dilaporkan"),
            _("Belum selesai"),
            _("Lewat batas waktu"),
            _("% lewat batas (dari yang belum selesai)"),
            _("Menunggu PPK"),
            _("Disanksi"),
            _("ASN terlapor"),
            _("ASN disanksi"),
        ],
        chart_column=2,
    )
    for province in Region.objects.filter(pk__in=[k for k in by_id if k]).order_by("code"):
        c = by_id[province.pk]
        table.add(
            [
                province.name,
                c.total,
                c.open,
                c.overdue,
                percent(c.overdue, c.open),
                c.ppk,
                c.sanctioned,
                c.asn,
                c.asn_sanctioned,
            ],
            drill_url(base, province=province.code),
        )
    return table


def agency_table(
    cases: CaseQuerySet,
    base: CaseFilter,
    now: dt.datetime,
    limit: int = 20,
    overdue: dict[int | None, int] | None = None,
) -> Table:
    """Agencies with the largest backlog (the "stuck" list), largest first."""
    by_id = _by_key(cases, "agency_id", now, overdue=overdue)
    by_id.pop(None, None)
    ranked = sorted(by_id.items(), key=lambda kv: (-kv[1].open, -kv[1].overdue, kv[0] or 0))[:limit]
    agencies = Agency.objects.in_bulk([k for k, _c in ranked])
    table = Table(
        "instansi",
        _("Instansi dengan kasus belum selesai terbanyak"),
        [
            _("Instansi"),
            _("Dilaporkan"),
            _("Belum selesai"),
            _("Lewat batas waktu"),
            _("Menunggu PPK"),
            _("Disanksi"),
            _("ASN terlapor"),
            _("ASN disanksi"),
        ],
        chart_column=2,
    )
    for agency_id, c in ranked:
        agency = agencies[agency_id or 0]
        table.add(
            [agency.name, c.total, c.open, c.overdue, c.ppk, c.sanctioned, c.asn, c.asn_sanctioned],
            drill_url(base, agency=agency.code),
        )
    return table


def violation_table(cases: CaseQuerySet, base: CaseFilter) -> Table:
    grouped = grouped_figures(cases, ("violation_types",), {"all": None})
    counts = {key[0]: (f["all"].reports, f["all"].asn) for key, f in grouped.items() if key[0] is not None}
    table = Table(
        "pelanggaran",
        _("Kasus menurut jenis pelanggaran"),
        [_("Jenis pelanggaran"), _("Kasus"), _("ASN terlapor")],
        note=_("Satu kasus dapat memuat lebih dari satu jenis pelanggaran."),
        chart_column=1,
    )
    for vt in ViolationType.objects.filter(pk__in=counts).order_by("order", "code"):
        table.add([f"{vt.number}. {vt.name}", *counts[vt.pk]], drill_url(base, violation=vt.code))
    return table


def position_table(cases: CaseQuerySet, base: CaseFilter) -> Table:
    grouped = grouped_figures(cases, ("employee__position_type",), {"all": None})
    counts = {key[0]: (f["all"].reports, f["all"].asn) for key, f in grouped.items()}
    table = Table(
        "jabatan",
        _("Kasus menurut jenis jabatan terlapor"),
        [_("Jenis jabatan"), _("Kasus"), _("ASN terlapor")],
        note=_("Terlapor yang belum teridentifikasi dihitung terpisah."),
        chart_column=1,
    )
    for value, label in Employee.PositionType.choices:
        if value in counts:
            table.add([str(label), *counts[value]], drill_url(base, position=value))
    if None in counts:
        table.add([_("Belum teridentifikasi"), *counts[None]])
    return table


def election_table(cases: CaseQuerySet, base: CaseFilter) -> Table:
    measures = {"total": None, "proven": TOTALS["terbukti"][0], "sanctioned": SANCTIONED_STATUSES}
    rows: list[list[Any]] = [
        [
            election_id,
            stage_id,
            *(f[m].reports for m in measures),
            *(f[m].asn for m in measures),
        ]
        for (election_id, stage_id), f in grouped_figures(
            cases, ("election_id", "election_stage_id"), measures
        ).items()
    ]
    elections = Election.objects.in_bulk({r[0] for r in rows})
    stages = ElectionStage.objects.in_bulk({r[1] for r in rows if r[1]})
    table = Table(
        "pemilihan",
        _("Kasus menurut pemilihan dan tahapan"),
        [
            _("Pemilihan"),
            _("Tahapan"),
            _("Dilaporkan"),
            _("Terbukti"),
            _("Disanksi"),
            _("ASN terlapor"),
            _("ASN terbukti"),
            _("ASN disanksi"),
        ],
        chart_column=2,
        label_column=1,
    )
    rows.sort(
        key=lambda r: (-elections[r[0]].voting_date.toordinal(), stages[r[1]].start if r[1] else dt.date.max)
    )
    for election_id, stage_id, *counts in rows:
        election = elections[election_id]
        stage = stages.get(stage_id) if stage_id else None
        link = drill_url(base, election=election.code, stage=stage.code if stage else "")
        table.add([election.name, stage.name if stage else _("(tanpa tahapan)"), *counts], link)
    return table


def weekly_trend_table(cases: CaseQuerySet) -> Table:
    """Reports received per week (Monday to Sunday, WIB) over the twelve weeks up to the latest report in
    scope: one scan with a conditional count per week (no per-row date function, which SQLite would run
    in Python)."""
    table = Table(
        "tren",
        _("Laporan diterima per minggu"),
        [_("Minggu mulai"), _("Laporan diterima")],
        note=_("Dua belas minggu terakhir sampai laporan terbaru dalam cakupan Anda."),
        chart_column=1,
    )
    latest = cases.order_by().aggregate(m=Max("received_at"))["m"]
    if latest is None:
        return table
    tz = ZoneInfo("Asia/Jakarta")
    last_day = latest.astimezone(tz).date()
    first_monday = last_day - dt.timedelta(days=last_day.weekday(), weeks=TREND_WEEKS - 1)
    starts = [first_monday + dt.timedelta(weeks=i) for i in range(TREND_WEEKS)]
    bounds = [dt.datetime.combine(day, dt.time.min, tzinfo=tz) for day in starts]
    bounds.append(bounds[-1] + dt.timedelta(weeks=1))
    counts = cases.order_by().aggregate(
        **{
            f"w{i}": Count("pk", filter=Q(received_at__gte=bounds[i], received_at__lt=bounds[i + 1]))
            for i in range(TREND_WEEKS)
        }
    )
    for i, day in enumerate(starts):
        table.add([long_date(day), counts[f"w{i}"]])
    return table


def at_risk_cases(cases: CaseQuerySet, now: dt.datetime, limit: int = 20) -> tuple[int, list[Case]]:
    risky = cases.filter(OPEN_Q, deadline_at__gte=now, deadline_at__lte=at_risk_limit(now))
    count = risky.order_by().count()
    rows = list(risky.select_related("province", "agency").order_by("deadline_at")[:limit])
    return count, rows


def overdue_count(cases: CaseQuerySet, now: dt.datetime) -> int:
    return cases.filter(OPEN_Q, deadline_at__lt=now).order_by().count()


def bucket_of(status: str) -> str:
    bucket = BUCKET_OF_STATUS.get(status)
    return bucket.label if bucket else status
