"""The published counts as SQL aggregates: reports and distinct reported ASN, by the definitions of
``buckets.py``, for every interface that publishes a figure (dashboards, open data, the API).

Every table (the buckets and totals, or rows by province, agency, election, violation type, ...) is
``grouped_figures``: two queries whatever the data and the number of measures, a GROUP BY (key, status)
for the reports and one over per-employee status masks for the reported ASN (ADR 0022).
``report_count``/``asn_count`` state the same definitions as single SQL aggregates (the reference the
tests compare with).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Case as SqlCase
from django.db.models import Count, F, IntegerField, Q, Sum, Value, When
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


# --- reported ASN from status masks (ADR 0022) ---------------------------------------------------------
#
# Distinct counts cannot be added up over statuses or groups, and a conditional COUNT(DISTINCT) per
# measure costs one temporary B-tree per measure and group. Instead, one query groups the identified
# reports by (key, employee) and folds each employee's statuses into a bit mask (the SUM of the distinct
# bits of the statuses, which is their OR), then counts the employees per (key, mask). An employee is
# among the reports of status set S exactly when mask & bits(S) != 0, so every measure of every row is
# exact and read from a few hundred (key, mask) rows.

STATUS_BITS: dict[str, int] = {status: 1 << i for i, status in enumerate(sorted(Status.values))}


def bits(statuses: frozenset[str] | None) -> int:
    """The mask of a set of statuses (every status when None)."""
    return sum(STATUS_BITS[s] for s in (ALL_STATUSES if statuses is None else statuses))


def _mask() -> Sum:
    whens = [When(status=status, then=Value(bit)) for status, bit in STATUS_BITS.items()]
    return Sum(SqlCase(*whens, default=Value(0), output_field=IntegerField()), distinct=True)


Key = tuple[object, ...]


def _empty(measures: Mapping[str, frozenset[str] | None]) -> dict[str, Figure]:
    return {name: Figure(0, 0) for name in measures}


def grouped_figures(
    cases: CaseQuerySet,
    keys: Sequence[str],
    measures: Mapping[str, frozenset[str] | None],
) -> dict[Key, dict[str, Figure]]:
    """Reports and reported ASN per value of ``keys`` (field paths, e.g. ``province_id`` or
    ``violation_types``) for each measure (a set of statuses; None = every status), from two queries:

    * a GROUP BY (keys, status) with the reports and the unidentified reports (the covering
      (key, status, employee) indexes answer it);
    * the employees per (keys, status mask), see above.

    Only the counted reports of ``cases`` are counted. A key value without reports is absent.
    """
    names = [f"k{i}" for i in range(len(keys))]
    base = counted(cases).order_by().annotate(**{n: F(k) for n, k in zip(names, keys, strict=True)})
    per_status: dict[Key, dict[str, tuple[int, int]]] = {}
    rows = base.values(*names, "status").annotate(
        n=Count("pk"), u=Count("pk", filter=Q(employee__isnull=True))
    )
    for row in rows:
        key = tuple(row[n] for n in names)
        per_status.setdefault(key, {})[row["status"]] = (row["n"], row["u"])
    persons: dict[Key, list[tuple[int, int]]] = {}
    for row in _persons_by_mask(base, names):
        persons.setdefault(tuple(row[:-2]), []).append((int(row[-2]), int(row[-1])))
    wanted = {
        name: (bits(statuses), ALL_STATUSES if statuses is None else statuses)
        for name, statuses in measures.items()
    }
    result: dict[Key, dict[str, Figure]] = {}
    for key, statuses in per_status.items():
        masks = persons.get(key, [])
        figures_of_key: dict[str, Figure] = {}
        for name, (mask, in_measure) in wanted.items():
            reports = unidentified = 0
            for status, (n, u) in statuses.items():
                if status in in_measure:
                    reports += n
                    unidentified += u
            employees = sum(n for m, n in masks if m & mask)
            figures_of_key[name] = Figure(reports, employees + unidentified)
        result[key] = figures_of_key
    return result


def _persons_by_mask(base: CaseQuerySet, names: list[str]) -> list[tuple[Any, ...]]:
    """(keys..., mask, employees): one query, the per-employee GROUP BY as a derived table."""
    inner = (
        base.filter(employee__isnull=False)
        .annotate(e=F("employee_id"))
        .values(*names, "e")
        .annotate(m=_mask())
    )
    sql, params = inner.query.sql_with_params()
    connection = connections[base.db]
    quote = connection.ops.quote_name
    cols = "".join(f"{quote(n)}, " for n in names)
    # Only quoted aliases of our own and the compiled (parametrised) inner query are interpolated.
    outer = f"SELECT {cols}{quote('m')}, COUNT(*) FROM ({sql}) {quote('t')} GROUP BY {cols}{quote('m')}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return [tuple(row) for row in cursor.fetchall()]
