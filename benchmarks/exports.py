"""Case-list export benchmark (issue 20): the national XLSX/CSV of every case, old way and new way, next to
a plain ``values_list()`` fetch of the same columns in the same run.

Usage (a benchmark database with cases; see docs/performance-dashboard.md for generating one):

    export NETRALITAS_ENV=dev DEBUG=false DATABASE_URL=sqlite:////tmp/bench.sqlite3   # or postgres://...
    .venv/bin/python benchmarks/exports.py --repeat 2
    OPENPYXL_LXML=False .venv/bin/python benchmarks/exports.py   # openpyxl's pure-Python XML writer

Each figure is one pass over the whole national list (the minimum of ``--repeat`` passes). "old" is the
export as it was before (a model instance per case, the model's display helpers, ``timezone.localtime``
and ``strftime`` per cell); "new" is ``netralitas.monitoring.exports``. "background build" is the whole
task body (``export_build``: scope, rows, workbook, storage, audit), what the requester waits for.
Target: the national XLSX of 100,000 cases ready in < 30 s.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl.xml import LXML  # noqa: E402

from netralitas.accounts.models import Role, RoleAssignment, User  # noqa: E402
from netralitas.cases.models import Case  # noqa: E402
from netralitas.core import clock  # noqa: E402
from netralitas.monitoring import exports, queries  # noqa: E402
from netralitas.monitoring.dashboard import case_list  # noqa: E402
from netralitas.monitoring.export_services import export_build, export_request  # noqa: E402
from netralitas.monitoring.models import Export  # noqa: E402
from netralitas.monitoring.queries import CaseFilter  # noqa: E402
from netralitas.registry.models import Employee  # noqa: E402

TARGET_S = 30.0


def old_rows(user: User) -> Iterator[list[Any]]:
    listing = case_list(user, CaseFilter(), clock.now())
    for case in listing.iterator(chunk_size=2000):
        yield [
            case.number,
            case.get_status_display(),
            queries.bucket_of(case.status),
            case.election.name,
            case.election_stage.name if case.election_stage else "",
            case.province.name,
            case.agency.name if case.agency else "",
            timezone.localtime(case.received_at).strftime("%d-%m-%Y %H:%M"),
            timezone.localtime(case.deadline_at).strftime("%d-%m-%Y %H:%M") if case.deadline_at else "",
        ]


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-old", action="store_true", help="leave out the slow old-way figures")
    args = parser.parse_args()

    leader, created = User.objects.get_or_create(username="bench_pimpinan", defaults={"is_active": True})
    if created:
        leader.set_unusable_password()
        leader.save()
        RoleAssignment.objects.create(user=leader, role=Role.LEADER, national=True)
    tz = timezone.get_current_timezone()
    listing = case_list(leader, CaseFilter(), clock.now())
    total = listing.count()
    if total == 0:
        raise SystemExit("Tidak ada kasus: jalankan generate_employees dan generate_cases dahulu.")

    def baseline() -> object:
        return sum(1 for _ in listing.values_list(*exports.CASE_COLUMNS).iterator(chunk_size=5000))

    def new_rows() -> object:
        return sum(1 for _ in exports.case_rows(listing, tz))

    def new_xlsx() -> object:
        return exports.write_xlsx(io.BytesIO(), exports.CASE_HEADERS, exports.case_rows(listing, tz), "kasus")

    def new_csv() -> object:
        return exports.write_csv(io.BytesIO(), exports.CASE_HEADERS, exports.case_rows(listing, tz))

    def old_rows_only() -> object:
        return sum(1 for _ in old_rows(leader))

    def old_xlsx() -> object:
        return exports.write_xlsx(io.BytesIO(), exports.CASE_HEADERS, old_rows(leader), "kasus")

    def background(fmt: str) -> Callable[[], object]:
        def run() -> object:
            export = export_request(user=leader, fmt=fmt, query="")
            built = export_build(export_id=export.pk)
            assert built.state == Export.State.READY and built.rows_total == total, built
            built.file.delete(save=False)
            return built

        return run

    figures: list[tuple[str, float]] = [
        ("baseline: values_list() of the same columns", best(baseline, args.repeat))
    ]
    figures.append(("new rows (values_list + cheap formatting)", best(new_rows, args.repeat)))
    figures.append(("new XLSX in memory (rows + openpyxl write-only)", best(new_xlsx, args.repeat)))
    figures.append(("new CSV in memory (rows + csv.writer)", best(new_csv, args.repeat)))
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        figures.append(
            ("background build, XLSX (export_build, stored)", best(background("xlsx"), args.repeat))
        )
        figures.append(("background build, CSV (export_build, stored)", best(background("csv"), args.repeat)))
    if not args.skip_old:
        figures.append(("old rows (model instances + display helpers)", best(old_rows_only, 1)))
        figures.append(("old XLSX (old rows + openpyxl write-only)", best(old_xlsx, 1)))

    print(
        f"engine: {connection.vendor}; cases: {total}; employees: {Employee.objects.count()}; "
        f"openpyxl lxml: {LXML}; load: {os.getloadavg()}"
    )
    base = figures[0][1]
    print("| measured (whole national list) | s | x baseline |")
    print("|---|---:|---:|")
    for name, seconds in figures:
        print(f"| {name} | {seconds:.2f} | {seconds / base:.1f} |")
    build = dict(figures)["background build, XLSX (export_build, stored)"]
    verdict = "MET" if build < TARGET_S else "MISSED"
    print(f"target national XLSX ready < {TARGET_S:g} s: {verdict} ({build:.1f} s, {total} cases)")
    print(f"end load: {os.getloadavg()}; cases table total: {Case.objects.count()}")


if __name__ == "__main__":
    main()
