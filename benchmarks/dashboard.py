"""Dashboard benchmark: p50/p95 of the national and a provincial monitoring dashboard, rendered in full
through Django's test client, next to the bare GROUP BY they rest on (cases by status), in the same run.

Usage (a benchmark database with the national data set; see docs/performance-dashboard.md):

    export NETRALITAS_ENV=dev DEBUG=false DATABASE_URL=sqlite:////tmp/bench.sqlite3   # or postgres://...
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_master_data
    .venv/bin/python manage.py generate_employees --profile national
    .venv/bin/python manage.py generate_cases --count 100000
    .venv/bin/python benchmarks/dashboard.py --iterations 40

Target (issue 5): national dashboard p95 < 10x the bare query's p95 and < 300 ms, on SQLite and PostgreSQL.
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
from django.test import Client  # noqa: E402

from netralitas.accounts.models import Role, RoleAssignment, User  # noqa: E402
from netralitas.cases.models import Case  # noqa: E402
from netralitas.registry.models import Employee, Region  # noqa: E402

TARGET_MS = 300.0
TARGET_RATIO = 10.0


def timed(fn: Callable[[], object], iterations: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(iterations):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p(samples: list[float], q: int) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def bench_user(username: str, role: str, *, national: bool, province: Region | None = None) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"is_active": True})
    if created:
        user.set_unusable_password()
        user.save()
        assignment = RoleAssignment.objects.create(user=user, role=role, national=national)
        if province is not None:
            assignment.regions.set([province])
    return user


def get_ok(client: Client, url: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response.content

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--slow-iterations", type=int, default=5, help="for the performance and public pages")
    args = parser.parse_args()

    cases = Case.objects.count()
    employees = Employee.objects.count()
    if cases == 0:
        raise SystemExit(
            "Tidak ada kasus: jalankan generate_employees dan generate_cases dahulu (lihat docstring)."
        )
    busiest = (
        Case.objects.order_by().values("province_id").annotate(n=Count("pk")).order_by("-n").first() or {}
    )
    province = Region.objects.get(pk=busiest["province_id"])
    leader = bench_user("bench_pimpinan", Role.LEADER, national=True)
    provincial = bench_user("bench_satgas_provinsi", Role.VERIFIER, national=False, province=province)
    national_client, provincial_client = Client(), Client()
    national_client.force_login(leader)
    provincial_client.force_login(provincial)

    def bare() -> object:
        return list(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))

    def position_only() -> object:
        return list(Case.objects.order_by().values_list("employee__position_type").annotate(n=Count("pk")))

    rows: list[tuple[str, list[float]]] = []
    # Interleave the bare query with the dashboards so load changes hit all of them alike.
    bare_samples: list[float] = []
    national_samples: list[float] = []
    provincial_samples: list[float] = []
    national = get_ok(national_client, "/pemantauan/")
    provincial_page = get_ok(provincial_client, "/pemantauan/")
    for fn in (bare, national, provincial_page):
        fn()
    for _ in range(args.iterations):
        bare_samples += timed(bare, 1, warmup=0)
        national_samples += timed(national, 1, warmup=0)
        provincial_samples += timed(provincial_page, 1, warmup=0)
    rows.append(("bare GROUP BY status (national)", bare_samples))
    rows.append(("national dashboard /pemantauan/", national_samples))
    rows.append((f"provincial dashboard ({province.name}, Satgas role)", provincial_samples))
    rows.append(("position-type GROUP BY (joins employees)", timed(position_only, args.iterations)))
    rows.append(
        (
            "national breakdown page /pemantauan/rincian/",
            timed(get_ok(national_client, "/pemantauan/rincian/"), args.slow_iterations, warmup=1),
        )
    )
    rows.append(
        (
            "national performance page /pemantauan/kinerja/",
            timed(get_ok(national_client, "/pemantauan/kinerja/"), args.slow_iterations, warmup=1),
        )
    )
    rows.append(
        (
            "public page /pemantauan/publik/",
            timed(get_ok(Client(), "/pemantauan/publik/"), args.slow_iterations, warmup=1),
        )
    )

    print(f"engine: {connection.vendor}; cases: {cases}; employees: {employees}; load: {os.getloadavg()}")
    print("| measured | n | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, samples in rows:
        print(f"| {name} | {len(samples)} | {p(samples, 50):.1f} | {p(samples, 95):.1f} |")
    bare_p95, national_p95 = p(bare_samples, 95), p(national_samples, 95)
    ratio = national_p95 / bare_p95 if bare_p95 else float("inf")
    verdict = "MET" if national_p95 < TARGET_MS and ratio < TARGET_RATIO else "MISSED"
    print(
        f"target national p95 < {TARGET_RATIO:g}x bare and < {TARGET_MS:g} ms: {verdict} "
        f"(national p95 {national_p95:.1f} ms = {ratio:.1f}x bare p95 {bare_p95:.1f} ms)"
    )


if __name__ == "__main__":
    main()
