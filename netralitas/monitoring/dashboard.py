"""Assembles the monitoring pages from the queries: one call per view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.cases.buckets import (
    ASN_DEFINITION,
    BUCKETS,
    COUNTED_DEFINITION,
    SUMMARY,
    TOTAL_LABELS,
    TOTALS,
)
from netralitas.cases.figures import counted
from netralitas.cases.models import Case, CaseQuerySet
from netralitas.cases.queries import user_scope
from netralitas.registry.models import Election, Region

from . import charts, conflicts, due_process, performance, prevention, queries
from .models import Report
from .prevention import Prevention
from .queries import CaseFilter
from .tables import Table


@dataclass
class Dashboard:
    filter: CaseFilter
    totals: dict[str, int]
    totals_asn: dict[str, int]
    tables: list[Table]
    map_svg: SafeString
    legend: list[tuple[str, str]]
    overdue: int
    at_risk: int
    at_risk_cases: list[Case]
    elections: list[Election]
    provinces: list[Region]
    national: bool
    reports: list[Report] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)
    prevention: Prevention | None = None


def is_national(user: User) -> bool:
    return any(r.national for r in user_scope(user).roles)


def _scoped(user: User, flt: CaseFilter, *, open_only: bool = False) -> CaseQuerySet:
    """The counted reports in the viewer's scope (merged duplicates are never counted again). For counts
    of open cases only (overdue, at risk) the filter is left out: a merged duplicate is closed anyway, and
    the filter would keep those counts from the (status, deadline_at, province, agency) index."""
    cases = queries.monitored_cases(user)
    if not open_only:
        cases = counted(cases)
    return CaseFilter(election=flt.election, province=flt.province).apply(cases)


def definitions() -> list[tuple[str, str]]:
    # The two texts are msgids of their own (English in the .po), so the page speaks the reader's language.
    rows = [(_("Yang dihitung"), _(COUNTED_DEFINITION)), (_("ASN terlapor"), _(ASN_DEFINITION))]
    rows += [(str(TOTAL_LABELS[code]), text) for code, (_s, text, _e) in TOTALS.items()]
    rows += [(b.label, b.definition) for b in BUCKETS]
    return rows + [(b.label, b.definition) for b in SUMMARY if b not in BUCKETS]


def dashboard(user: User, flt: CaseFilter, now: dt.datetime) -> Dashboard:
    cases = _scoped(user, flt)
    base = CaseFilter(election=flt.election, province=flt.province)
    counts = queries.bucket_figures(cases)
    open_cases = _scoped(user, flt, open_only=True)
    overdue = queries.overdue_by_province_and_agency(open_cases, now)
    province = queries.province_table(cases, base, now, overdue=overdue["province_id"])
    tiles = []
    shown = {str(row[0]): row for row in province.rows}
    links = {str(row[0]): link for row, link in province.linked_rows()}
    for region in Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"):
        row = shown.get(region.name)
        share = row[4] if row else None
        label = (
            _("%(open)s belum selesai, %(share)s%% lewat batas") % {"open": row[2], "share": row[4] or 0}
            if row
            else _("tidak ada kasus dalam cakupan")
        )
        tiles.append(
            charts.Tile(
                region.code,
                region.name,
                region.latitude,
                region.longitude,
                share if isinstance(share, float) else (0.0 if row else None),
                label,
                links.get(region.name),
            )
        )
    at_risk, risky = queries.at_risk_cases(open_cases, now)
    national = is_national(user)
    return Dashboard(
        filter=flt,
        totals=queries.totals(counts),
        totals_asn=queries.totals_asn(counts),
        tables=[
            queries.totals_table(counts, base),
            queries.pipeline_table(counts, base),
            province,
            queries.agency_table(cases, base, now, overdue=overdue["agency_id"]),
            queries.summary_table(counts, base),
        ],
        map_svg=charts.province_map(
            tiles, _("Peta provinsi: persentase kasus belum selesai yang lewat batas waktu")
        ),
        legend=charts.legend(),
        overdue=sum(row[3] for row in province.rows if isinstance(row[3], int)),
        at_risk=at_risk,
        at_risk_cases=risky,
        elections=list(Election.objects.order_by("-voting_date")),
        provinces=list(Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")),
        national=national,
        reports=list(Report.objects.order_by("-created_at")[:5]) if national else [],
        definitions=definitions(),
        prevention=prevention.panels(user, flt, now),
    )


def breakdown_tables(user: User, flt: CaseFilter) -> list[Table]:
    """What was reported: by violation type, position type (joins employees), election and stage, week."""
    cases = _scoped(user, flt)
    base = CaseFilter(election=flt.election, province=flt.province)
    return [
        queries.violation_table(cases, base),
        queries.position_table(cases, base),
        queries.election_table(cases, base),
        queries.weekly_trend_table(cases),
    ]


def performance_tables(user: User, flt: CaseFilter, now: dt.datetime) -> list[Table]:
    cases = _scoped(user, flt)
    intervals = performance.stage_intervals(cases)
    minimum = int(settings.MONITORING_COMPLIANCE_MIN_CASES)
    rows = performance.compliance(cases, intervals, now)
    if not conflicts.shown_to(user):  # a PPK: one index, no trace of the conflict flag
        return [
            performance.deadline_table(intervals, now),
            performance.team_table(intervals, now),
            performance.compliance_table(rows, minimum),
        ]
    pairs = conflicts.conflicted_pairs(cases)
    return [
        performance.deadline_table(intervals, now),
        performance.team_table(intervals, now),
        *conflicts.compliance_apart(rows, pairs, minimum),
        conflicts.conflict_region_table(cases, pairs, int(settings.MONITORING_SUPPRESS_BELOW)),
        due_process.hearing_table(cases),
        due_process.remedy_table(cases),
    ]


DASHBOARD_TABLES = (
    "jumlah",
    "ringkasan",
    "tahapan",
    "provinsi",
    "instansi",
    "pelanggaran",
    "jabatan",
    "pemilihan",
    "tren",
)
PERFORMANCE_TABLES = (
    "tenggat",
    "tim",
    "kepatuhan",
    "kepatuhan_konflik",
    "konflik_wilayah",
    "pemeriksaan",
    "upaya",
)


def one_table(user: User, name: str, flt: CaseFilter, now: dt.datetime) -> Table:
    """A single dashboard table for download; 404 for an unknown name."""
    if name == "kepatuhan":  # the follow-up stage alone: the same rows as on the performance page
        cases = _scoped(user, flt)
        follow_up = performance.stage_intervals(cases, frozenset({performance.Stage.FOLLOW_UP}))
        minimum = int(settings.MONITORING_COMPLIANCE_MIN_CASES)
        return performance.compliance_table(performance.compliance(cases, follow_up, now), minimum)
    if name in PERFORMANCE_TABLES:
        tables = performance_tables(user, flt, now)
    elif name in DASHBOARD_TABLES:
        cases = _scoped(user, flt)
        base = CaseFilter(election=flt.election, province=flt.province)
        builders = {
            "jumlah": lambda: queries.totals_table(queries.bucket_figures(cases), base),
            "ringkasan": lambda: queries.summary_table(queries.bucket_figures(cases), base),
            "tahapan": lambda: queries.pipeline_table(queries.bucket_figures(cases), base),
            "provinsi": lambda: queries.province_table(cases, base, now),
            "instansi": lambda: queries.agency_table(cases, base, now, limit=10_000),
            "pelanggaran": lambda: queries.violation_table(cases, base),
            "jabatan": lambda: queries.position_table(cases, base),
            "pemilihan": lambda: queries.election_table(cases, base),
            "tren": lambda: queries.weekly_trend_table(cases),
        }
        tables = [builders[name]()]
    else:
        raise Http404("Tabel tidak dikenal.")
    found = next((t for t in tables if t.name == name), None)
    if found is None:  # a table not built for this viewer (the conflict tables for a PPK)
        raise Http404("Tabel tidak dikenal.")
    return found


def case_list(user: User, flt: CaseFilter, now: dt.datetime) -> CaseQuerySet:
    cases = flt.apply(counted(queries.monitored_cases(user)), now)
    return cases.select_related("province", "agency", "election", "election_stage").order_by(
        "-received_at", "pk"
    )


def report_for_user(user: User, code: str) -> Report:
    """Reports cover the whole country: only national monitoring viewers may open them (404 otherwise)."""
    queries.monitored_cases(user)
    report = Report.objects.filter(code=code).first()
    if report is None or not is_national(user):
        raise Http404("Laporan tidak ditemukan.")
    return report
