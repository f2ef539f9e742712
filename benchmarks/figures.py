"""Cost of the reported-ASN counts (ADR 0021): each published aggregate before and after, interleaved.

Before: GROUP BY status, GROUP BY (province, status) and (agency, status), summed in Python (served by the
covering indexes). After: one aggregate with a conditional COUNT and COUNT(DISTINCT employee_id) per
bucket/total, and GROUP BY province / agency with conditional report and ASN counts.

Usage (a benchmark database with cases, see benchmarks/dashboard.py):

    export NETRALITAS_ENV=dev DEBUG=false DATABASE_URL=sqlite:////tmp/bench.sqlite3   # or postgres://...
    .venv/bin/python benchmarks/figures.py --iterations 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from netralitas.cases.figures import asn_count, counted, figures, report_count  # noqa: E402
from netralitas.cases.models import Case  # noqa: E402
from netralitas.monitoring.queries import OPEN_STATUSES, PPK_STATUSES, SANCTIONED_STATUSES  # noqa: E402


def by_status() -> object:
    return list(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))


def by_key_and_status(key: str) -> Callable[[], object]:
    return lambda: list(Case.objects.order_by().values_list(key, "status").annotate(n=Count("pk")))


def by_key(key: str, *, asn: bool) -> Callable[[], object]:
    def run() -> object:
        counts = {
            "total": report_count(),
            "open": report_count(frozenset(OPEN_STATUSES)),
            "ppk": report_count(PPK_STATUSES),
            "sanctioned": report_count(SANCTIONED_STATUSES),
        }
        if asn:
            counts |= {"asn": asn_count(), "asn_sanctioned": asn_count(SANCTIONED_STATUSES)}
        return list(counted(Case.objects.all()).order_by().values_list(key).annotate(**counts))

    return run


def all_figures() -> object:
    return figures(counted(Case.objects.all()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=20)
    args = parser.parse_args()
    measured: dict[str, Callable[[], object]] = {
        "before: GROUP BY status": by_status,
        "after: every bucket and total, reports + ASN, one aggregate": all_figures,
        "before: GROUP BY province, status": by_key_and_status("province_id"),
        "after: GROUP BY province, conditional reports only": by_key("province_id", asn=False),
        "after: GROUP BY province, conditional reports + ASN": by_key("province_id", asn=True),
        "before: GROUP BY agency, status": by_key_and_status("agency_id"),
        "after: GROUP BY agency, conditional reports + ASN": by_key("agency_id", asn=True),
    }
    samples: dict[str, list[float]] = {name: [] for name in measured}
    for fn in measured.values():
        fn()
    for _ in range(args.iterations):  # interleaved, so load changes hit every query alike
        for name, fn in measured.items():
            started = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - started) * 1000)
    print(f"engine: {connection.vendor}; cases: {Case.objects.count()}; load: {os.getloadavg()}")
    print("| query | n | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, values in samples.items():
        q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        print(f"| {name} | {len(values)} | {q[49]:.1f} | {q[94]:.1f} |")


if __name__ == "__main__":
    main()
