"""The published counts as SQL aggregates: reports and distinct reported ASN, by the definitions of
``buckets.py``, for every interface that publishes a figure (dashboards, open data, the API).

Every function here adds aggregate expressions to *one* query: per bucket or total a conditional
``COUNT`` of reports and a conditional ``COUNT(DISTINCT employee_id)`` plus a conditional count of the
unidentified reports, so the reported ASN cost no extra query and no per-row Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
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
    """Reports and reported ASN of every bucket, summary group and total, from one aggregate query over
    the counted reports of ``cases``."""
    wanted = groups() if codes is None else {c: groups()[c] for c in codes}
    expressions: dict[str, Count | Combinable] = {}
    for i, statuses in enumerate(wanted.values()):
        expressions[f"r{i}"] = report_count(statuses)
        expressions[f"a{i}"] = asn_count(statuses)
    row = counted(cases).order_by().aggregate(**expressions)
    return {code: Figure(row[f"r{i}"] or 0, row[f"a{i}"] or 0) for i, code in enumerate(wanted)}
