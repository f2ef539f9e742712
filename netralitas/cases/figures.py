"""The published counts as SQL aggregates: reports and distinct reported ASN, by the definitions of
``buckets.py``, for every interface that publishes a figure (dashboards, open data, the API).

Every table (the buckets and totals, or rows by province, agency, election, violation type, ...) is
``grouped_figures``: at most two queries whatever the data and the number of measures, a GROUP BY
(key, status) and one over per-(key, employee) flags for the reported ASN of several statuses (ADR 0022).
``report_count``/``asn_count`` state the same definitions as single SQL aggregates (the reference the
tests compare with).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Case as SqlCase
from django.db.models import Count, F, IntegerField, Max, Q, Value, When
from django.db.models.expressions import Combinable

from .buckets import BUCKETS, SUMMARY, TOTALS
from .models import CaseQuerySet
from .workflow import Status

# A report merged into another (cancelled with a target) is represented by its target: never counted.
COUNTED_Q = Q(merged_into__isnull=True)
ALL_STATUSES = frozenset(Status.values)


def counted(cases: CaseQuerySet) -> CaseQuerySet:
    """The reports every published figure counts: all but those merged into another as duplicates."""
    return cases.filter(COUNTED_Q)


def _where(statuses: frozenset[str] | None, prefix: str) -> Q | None:
    if statuses is None or statuses == ALL_STATUSES:
        return None
    return Q(**{f"{prefix}status__in": sorted(statuses)})


def report_count(statuses: frozenset[str] | None = None, prefix: str = "") -> Count:
    """Reports with one of ``statuses`` (all when None). ``prefix`` reaches the case through a relation
    (``"case__"`` from the violation-type link table)."""
    return Count(f"{prefix}pk" if prefix else "pk", filter=_where(statuses, prefix))


def asn_count(statuses: frozenset[str] | None = None, prefix: str = "") -> Combinable:
    """Reported ASN among the reports with one of ``statuses``: distinct identified employees plus one per
    report whose reported person is not yet identified."""
    where = _where(statuses, prefix)
    unidentified = Q(**{f"{prefix}employee__isnull": True})
    return Count(f"{prefix}employee", distinct=True, filter=where) + Count(
        f"{prefix}pk" if prefix else "pk", filter=unidentified & where if where is not None else unidentified
    )


@dataclass(frozen=True)
class Figure:
    reports: int
    asn: int


def groups() -> dict[str, frozenset[str]]:
    """Every published count by code: detailed buckets, the summary grouping, the totals."""
    result = {b.code: b.statuses for b in (*BUCKETS, *SUMMARY)}
    result.update({code: statuses for code, (statuses, _d, _e) in TOTALS.items()})
    return result


def figures(cases: CaseQuerySet, codes: Iterable[str] | None = None) -> dict[str, Figure]:
    """Reports and reported ASN of every bucket, summary group and total over the counted reports of
    ``cases``: two queries whatever the data (``grouped_figures`` without a key)."""
    wanted = groups() if codes is None else {c: groups()[c] for c in codes}
    return grouped_figures(cases, (), wanted).get((), _empty(wanted))


# --- reported ASN without a COUNT(DISTINCT) per measure (ADR 0022) ------------------------------------
#
# Distinct counts cannot be added up over statuses or groups, and a conditional COUNT(DISTINCT) per
# measure costs one temporary B-tree per measure and group. Instead:
# * a measure of one status reads the distinct employees of that status from the GROUP BY (key, status),
#   which walks the (key, status, employee) index in order (no temporary B-tree);
# * the measures of several statuses come from one query that groups the identified reports by
#   (key, employee), walking the (key, employee, status) index in order, with one flag per measure
#   ("has a report with one of these statuses"), and sums the flags per key. An employee is counted
#   once per key and measure, exactly as COUNT(DISTINCT employee_id) would.

Key = tuple[object, ...]


def _empty(measures: Mapping[str, frozenset[str] | None]) -> dict[str, Figure]:
    return {name: Figure(0, 0) for name in measures}


def grouped_figures(
    cases: CaseQuerySet,
    keys: Sequence[str],
    measures: Mapping[str, frozenset[str] | None],
    asn_of: Iterable[str] | None = None,
) -> dict[Key, dict[str, Figure]]:
    """Reports and reported ASN per value of ``keys`` (field paths, e.g. ``province_id`` or
    ``violation_types``) for each measure (a set of statuses; None = every status), from at most two
    queries whatever the data: a GROUP BY (keys, status) with the reports, the unidentified reports and
    the distinct employees, and the per-(keys, employee) flags above when a measure has several statuses.

    Only the counted reports of ``cases`` are counted. A key value without reports is absent. With
    ``asn_of``, only those measures get their reported ASN (the others' ``asn`` is 0): a table that shows
    the reports of a measure but not its ASN does not pay for them.
    """
    names = [f"k{i}" for i in range(len(keys))]
    base = counted(cases).order_by().annotate(**{n: F(k) for n, k in zip(names, keys, strict=True)})
    per_status: dict[Key, dict[str, tuple[int, int, int]]] = {}
    rows = base.values(*names, "status").annotate(
        n=Count("pk"), u=Count("pk", filter=Q(employee__isnull=True)), d=Count("employee", distinct=True)
    )
    for row in rows:
        key = tuple(row[n] for n in names)
        per_status.setdefault(key, {})[row["status"]] = (row["n"], row["u"], row["d"])
    sets = {name: ALL_STATUSES if statuses is None else statuses for name, statuses in measures.items()}
    with_asn = set(measures if asn_of is None else asn_of)
    several = sorted({s for name, s in sets.items() if len(s) > 1 and name in with_asn}, key=sorted)
    flags = _employees_with(base, list(keys), names, several) if several else {}
    result: dict[Key, dict[str, Figure]] = {}
    for key, statuses in per_status.items():
        figures_of_key: dict[str, Figure] = {}
        for name, in_measure in sets.items():
            reports = unidentified = employees = 0
            for status, (n, u, d) in statuses.items():
                if status in in_measure:
                    reports += n
                    unidentified += u
                    employees += d  # one status: distinct already
            if name not in with_asn:
                figures_of_key[name] = Figure(reports, 0)
                continue
            if len(in_measure) > 1:
                employees = flags.get(key, [0] * len(several))[several.index(in_measure)]
            figures_of_key[name] = Figure(reports, employees + unidentified)
        result[key] = figures_of_key
    return result


def _employees_with(
    base: CaseQuerySet, keys: list[str], names: list[str], several: list[frozenset[str]]
) -> dict[Key, list[int]]:
    """Per key: the distinct identified employees with a report in each status set of ``several``."""
    identified = base.filter(employee__isnull=False)
    if len(base.query.where.children) > len(counted(base.model.objects.all()).query.where.children):
        # A scope (e.g. province IN (...) OR reporter = me) would make the planner walk the employee index
        # and read every row to test it; the scoped ids first (answered from the indexes) measured 10x
        # faster on SQLite at 100,000 cases. Same rows either way.
        identified = counted(base.model.objects.filter(pk__in=base.values("pk"))).filter(
            employee__isnull=False
        )
        identified = identified.annotate(**{n: F(k) for n, k in zip(names, keys, strict=True)})
    identified = identified.annotate(e=F("employee_id"))
    flags = {
        f"f{i}": Max(
            SqlCase(When(status__in=sorted(s), then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        for i, s in enumerate(several)
        if s != ALL_STATUSES
    }
    # ``n`` makes it a GROUP BY even when every set is "every status" (no flag): one row per employee.
    inner = identified.values(*names, "e").annotate(n=Count("pk"), **flags)
    sql, params = inner.query.sql_with_params()
    connection = connections[base.db]
    quote = connection.ops.quote_name
    sums = ", ".join(
        "COUNT(*)" if s == ALL_STATUSES else f"SUM({quote(f'f{i}')})" for i, s in enumerate(several)
    )
    cols = ", ".join(quote(n) for n in names)
    select = f"{cols}, {sums}" if names else sums
    group = f" GROUP BY {cols}" if names else ""
    # Only quoted aliases of our own and the compiled (parametrised) inner query are interpolated.
    outer = f"SELECT {select} FROM ({sql}) {quote('t')}{group}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        rows = cursor.fetchall()
    width = len(names)
    return {tuple(row[:width]): [int(v or 0) for v in row[width:]] for row in rows}
