"""Monitoring benchmark (issues 5 and 20): p50/p95 of every monitoring page, for a national *pimpinan*
and a provincial Satgas verifier, next to the bare GROUP BY they rest on, measured in the same run.

Usage (benchmark databases with the national data set; see docs/performance-dashboard.md):

    export NETRALITAS_ENV=dev DEBUG=false DATABASE_URL=sqlite:////tmp/nat100k.sqlite3   # or postgres://...
    .venv/bin/python benchmarks/dashboard.py --iterations 15

    # several databases (engines, sizes), one growth table at the end (what `make bench-dashboard` runs):
    .venv/bin/python benchmarks/dashboard.py --databases sqlite:////tmp/nat10k.sqlite3 \\
        sqlite:////tmp/nat100k.sqlite3 postgres://postgres@127.0.0.1:5432/nat100k

Every page is rendered in full (template included) through Django's test client; the public tables'
cache is switched off, so each sample computes them. Each page sample is preceded by a sample of the bare
query (``SELECT status, COUNT(id) FROM cases_case GROUP BY status``), so load changes hit both alike; the
ratio is page p95 / bare p95 of the same run. The load average is printed with each run.

Targets (issue 20): every page p95 < 10x the bare p95, and < 300 ms on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

TARGET_MS = 300.0
TARGET_RATIO = 10.0


def p(samples: list[float], q: int) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def once(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def measure(iterations: int) -> dict[str, object]:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from netralitas.accounts.models import Role, RoleAssignment, User
    from netralitas.api.queries import statistics as api_statistics
    from netralitas.cases.models import Case
    from netralitas.core import clock
    from netralitas.monitoring.pdf import weekly_report_pdf
    from netralitas.registry.models import Employee, Region

    settings.MONITORING_PUBLIC_CACHE_SECONDS = 0  # every sample computes the public tables

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

    cases = Case.objects.count()
    if cases == 0:
        raise SystemExit("Tidak ada kasus: jalankan generate_employees dan generate_cases (lihat docstring).")
    employees = Employee.objects.count()
    by_province = Case.objects.order_by().values("province_id").annotate(n=Count("pk"))
    busiest = by_province.order_by("-n").first() or {}
    province = Region.objects.get(pk=busiest["province_id"])
    leader = bench_user("bench_pimpinan", Role.LEADER, national=True)
    satgas = bench_user("bench_satgas_provinsi", Role.VERIFIER, national=False, province=province)
    national, provincial, anonymous = Client(), Client(), Client()
    national.force_login(leader)
    provincial.force_login(satgas)

    def bare() -> object:
        return list(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))

    def weekly() -> object:
        today = clock.localdate()
        return weekly_report_pdf(now=clock.now(), period_start=today, period_end=today)

    pages: list[tuple[str, str, Callable[[], object]]] = []
    for scope, client in (("national", national), ("provincial", provincial)):
        pages += [
            ("dashboard /pemantauan/", scope, get_ok(client, "/pemantauan/")),
            ("breakdown /pemantauan/rincian/", scope, get_ok(client, "/pemantauan/rincian/")),
            ("team performance /pemantauan/kinerja/", scope, get_ok(client, "/pemantauan/kinerja/")),
            ("PPK compliance kepatuhan.csv", scope, get_ok(client, "/pemantauan/unduh/kepatuhan.csv")),
        ]
    pages += [
        ("API /api/v1/statistics (query)", "national", lambda: api_statistics(leader, None)),
        ("API /api/v1/statistics (query)", "provincial", lambda: api_statistics(satgas, None)),
        ("public /pemantauan/publik/", "public", get_ok(anonymous, "/pemantauan/publik/")),
        ("open data publik/provinsi.csv", "public", get_ok(anonymous, "/pemantauan/publik/provinsi.csv")),
        ("open data publik/data.json", "public", get_ok(anonymous, "/pemantauan/publik/data.json")),
        ("weekly report PDF (data and rendering)", "national", weekly),
    ]
    bare()
    for _name, _scope, fn in pages:  # warm-up: sessions, holiday calendar, templates
        fn()
    loads = [os.getloadavg()[0]]
    bare_samples: list[float] = []
    samples: dict[tuple[str, str], list[float]] = {(n, s): [] for n, s, _f in pages}
    for _ in range(iterations):
        for name, scope, fn in pages:
            bare_samples.append(once(bare))
            samples[(name, scope)].append(once(fn))
        loads.append(os.getloadavg()[0])
    bare_p95 = p(bare_samples, 95)
    rows = [
        {
            "page": name,
            "scope": scope,
            "n": len(s),
            "p50": p(s, 50),
            "p95": p(s, 95),
            "ratio": p(s, 95) / bare_p95 if bare_p95 else float("inf"),
        }
        for (name, scope), s in samples.items()
    ]
    return {
        "engine": connection.vendor,
        "cases": cases,
        "employees": employees,
        "province": province.name,
        "load_min": min(loads),
        "load_max": max(loads),
        "bare": {"n": len(bare_samples), "p50": p(bare_samples, 50), "p95": bare_p95},
        "rows": rows,
    }


def print_run(run: dict[str, object]) -> None:
    bare = run["bare"]
    assert isinstance(bare, dict)
    print(
        f"\nengine: {run['engine']}; cases: {run['cases']:,}; employees: {run['employees']:,}; "
        f"provincial scope: {run['province']}; load (1 min) {run['load_min']:.1f}-{run['load_max']:.1f}"
    )
    print(f"bare GROUP BY status: n={bare['n']}, p50 {bare['p50']:.1f} ms, p95 {bare['p95']:.1f} ms")
    print("| page | scope | n | p50 ms | p95 ms | p95 / bare p95 | < 10x | < 300 ms |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    rows = run["rows"]
    assert isinstance(rows, list)
    for r in rows:
        ratio_ok = "yes" if r["ratio"] < TARGET_RATIO else "**no**"
        ms_ok = "yes" if r["p95"] < TARGET_MS else "**no**"
        print(
            f"| {r['page']} | {r['scope']} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['ratio']:.1f}x | {ratio_ok} | {ms_ok} |"
        )


def growth_table(runs: list[dict[str, object]]) -> None:
    """One row per page and scope, one column per database: p95 ms (ratio to that run's bare p95)."""
    heads = [f"{r['engine']} {int(r['cases']):,}" for r in runs]  # type: ignore[call-overload]
    print("\n| page | scope | " + " | ".join(f"{h} p95 ms (x bare)" for h in heads) + " |")
    print("|---|---|" + "---:|" * len(runs))
    bare_cells = []
    for r in runs:
        bare = r["bare"]
        assert isinstance(bare, dict)
        bare_cells.append(f"{bare['p95']:.1f}")
    print("| bare GROUP BY status | national | " + " | ".join(bare_cells) + " |")
    first = runs[0]["rows"]
    assert isinstance(first, list)
    for i, row in enumerate(first):
        cells = []
        for r in runs:
            rows = r["rows"]
            assert isinstance(rows, list)
            cells.append(f"{rows[i]['p95']:.1f} ({rows[i]['ratio']:.1f}x)")
        print(f"| {row['page']} | {row['scope']} | " + " | ".join(cells) + " |")
    loads = ", ".join(
        f"{h}: {r['load_min']:.1f}-{r['load_max']:.1f}" for h, r in zip(heads, runs, strict=True)
    )
    print(f"\nload average (1 min) during each run: {loads}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=15)
    parser.add_argument("--databases", nargs="*", help="DATABASE_URLs, each measured in turn (growth table)")
    parser.add_argument("--json", action="store_true", help="print the run as JSON (used with --databases)")
    args = parser.parse_args()
    if not args.databases:
        run = measure(args.iterations)
        if args.json:
            print(json.dumps(run))
        else:
            print_run(run)
        return
    runs = []
    for url in args.databases:
        env = {**os.environ, "DATABASE_URL": url}
        env.setdefault("NETRALITAS_ENV", "dev")
        env.setdefault("DEBUG", "false")
        out = subprocess.run(
            [sys.executable, __file__, "--json", "--iterations", str(args.iterations)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        run = json.loads(out.strip().splitlines()[-1])
        print_run(run)
        runs.append(run)
    growth_table(runs)


if __name__ == "__main__":
    main()
