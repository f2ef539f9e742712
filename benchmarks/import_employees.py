"""Benchmark: validated employee import vs. a raw insert of the same rows into the same table.

    .venv/bin/python benchmarks/import_employees.py [--rows 4300000] [--postgres] [--modes normal,bulk]

1. Generates N employees (demo generator, national profile) to benchmarks/out/employees-N.csv (reused).
2. Makes a fresh benchmark database (SQLite file in benchmarks/out/, or PostgreSQL database
   ``netralitas_bench``, created and dropped), migrates it and loads the master data (agencies).
3. Baseline: the rows, already converted to database values outside the timer, inserted with the raw
   DB-API in one transaction: SQLite ``executemany`` (same PRAGMAs as the importer), PostgreSQL ``COPY``
   of pre-formatted text. Only the insert calls are timed.
4. The full path, ``import_employees`` (read, validate, upsert), on an emptied table, per mode.
Results go to stdout and benchmarks/out/import-<engine>.json; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "netralitas_bench"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=4_300_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--postgres", action="store_true", help="benchmark PostgreSQL (also if DATABASE_URL is one)"
    )
    parser.add_argument(
        "--pg-url", default=None, help=f"server URL for the admin connection (default {PG_ADMIN_URL})"
    )
    parser.add_argument("--modes", default="normal,bulk", help="import modes to time: normal, bulk")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> str:
    url = os.environ.get("DATABASE_URL", "")
    postgres = args.postgres or url.startswith(("postgres://", "postgresql://"))
    OUT.mkdir(parents=True, exist_ok=True)
    if postgres:
        admin = args.pg_url or (url if url.startswith(("postgres://", "postgresql://")) else PG_ADMIN_URL)
        import psycopg

        with psycopg.connect(_psycopg_url(admin), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
        os.environ["DATABASE_URL"] = admin.rsplit("/", 1)[0] + "/" + BENCH_DB
    else:
        for stale in OUT.glob("bench.sqlite3*"):
            stale.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("NETRALITAS_ENV", "test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    load_agencies()
    return "postgresql" if postgres else "sqlite"


def _psycopg_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def load_agencies() -> None:
    from netralitas.registry.models import Agency

    try:
        from netralitas.registry.masterdata import load_master_data
    except ImportError:
        load_master_data = None
    if load_master_data is not None:
        load_master_data()
    else:
        Agency.objects.bulk_create(
            Agency(
                code=f"A{i:03d}",
                name=f"Instansi {i}",
                kind="pusat" if i < 80 else "kabupaten",
                ppk_title="PPK",
            )
            for i in range(630)
        )


def generate_csv(rows: int, seed: int) -> Path:
    from netralitas.registry.demo_data import generate_employees

    path = OUT / f"employees-{rows}-seed{seed}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate_employees("national", seed=seed, count=rows, csv_path=path.with_suffix(".tmp"))
        path.with_suffix(".tmp").rename(path)
        print(f"generated {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def agency_ids() -> dict[str, str]:
    from netralitas.registry.models import Agency

    return {code: str(pk) for code, pk in Agency.objects.values_list("code", "id")}


def baseline_batches(path: Path, postgres: bool, ids: dict[str, str], batch: int = 100_000):
    """Yield batches of rows converted to database values (done outside the timer).

    ``ids`` is read before the COPY starts: the connection cannot run queries during a COPY.
    """
    sexes = {"L": "L", "P": "P", "1": "L", "2": "P"}
    stamp = "2025-01-01 00:00:00"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows: list = []
        for nip, nik, name, sex, birth, kind, agency, unit, position, ptype, grade, status in reader:
            values = (
                nip,
                nik or None,
                name,
                sexes[sex],
                birth,
                kind,
                unit,
                position,
                ptype,
                grade,
                status or "aktif",
                ids[agency],
            )
            if postgres:
                rows.append(
                    "\t".join(v if v is not None else "\\N" for v in values) + "\tf\t" + stamp + "+00\n"
                )
            else:
                rows.append((*values, 0, stamp))
            if len(rows) >= batch:
                yield rows
                rows = []
        if rows:
            yield rows


COLUMNS = (
    "nip, nik, name, sex, birth_date, kind, unit, position, position_type, grade, status, agency_id, "
    "siasn_blocked, updated_at"
)


def baseline(path: Path, engine: str) -> tuple[int, float]:
    from django.db import connection

    ids = agency_ids()
    connection.ensure_connection()
    raw = connection.connection
    total, elapsed = 0, 0.0
    if engine == "sqlite":
        raw.execute("PRAGMA cache_size = -524288")
        raw.execute("PRAGMA temp_store = MEMORY")
        sql = f"INSERT INTO registry_employee ({COLUMNS}) VALUES ({', '.join('?' * 14)})"
        raw.execute("BEGIN IMMEDIATE")
        for rows in baseline_batches(path, postgres=False, ids=ids):
            started = time.perf_counter()
            raw.executemany(sql, rows)
            elapsed += time.perf_counter() - started
            total += len(rows)
        started = time.perf_counter()
        raw.execute("COMMIT")
        elapsed += time.perf_counter() - started
    else:
        with raw.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            started = time.perf_counter()
            with cursor.copy(f"COPY registry_employee ({COLUMNS}) FROM STDIN") as copy:
                elapsed += time.perf_counter() - started
                for rows in baseline_batches(path, postgres=True, ids=ids):
                    started = time.perf_counter()
                    copy.write("".join(rows))
                    elapsed += time.perf_counter() - started
                    total += len(rows)
                started = time.perf_counter()
            raw.commit()
            elapsed += time.perf_counter() - started
    return total, elapsed


def empty_table(engine: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if engine == "sqlite":
            cursor.execute("DELETE FROM registry_employee")
        else:
            cursor.execute("TRUNCATE registry_employee RESTART IDENTITY CASCADE")
    if engine == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
    else:
        connection.close()
        connection.ensure_connection()
        connection.connection.autocommit = True
        connection.connection.execute("VACUUM ANALYZE registry_employee")


def main() -> None:
    args = parse_args()
    engine = setup_django(args)
    from netralitas.registry.importing import default_workers, import_employees

    csv_path = generate_csv(args.rows, args.seed)
    results: dict = {
        "engine": engine,
        "rows": args.rows,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "workers": args.workers if args.workers is not None else default_workers(),
    }
    empty_table(engine)
    count, seconds = baseline(csv_path, engine)
    results["baseline"] = {"rows": count, "seconds": round(seconds, 2), "rows_per_s": round(count / seconds)}
    label = "raw executemany" if engine == "sqlite" else "raw COPY"
    print(
        f"[{engine}] baseline {label}: {count:,} rows in {seconds:.1f} s = {count / seconds:,.0f} rows/s",
        flush=True,
    )
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        empty_table(engine)
        result = import_employees(csv_path, bulk=mode == "bulk", workers=args.workers, progress=False)
        rate = result.rows_read / result.seconds
        ratio = rate / results["baseline"]["rows_per_s"]
        results[mode] = {
            "rows_read": result.rows_read,
            "inserted": result.inserted,
            "rejected": result.rejected,
            "seconds": round(result.seconds, 2),
            "rows_per_s": round(rate),
            "ratio": round(ratio, 3),
        }
        print(
            f"[{engine}] import_employees ({mode}): {result.rows_read:,} rows ({result.inserted:,} inserted, "
            f"{result.rejected:,} rejected) in {result.seconds:.1f} s = {rate:,.0f} rows/s, "
            f"{ratio:.0%} of baseline",
            flush=True,
        )
    (OUT / f"import-{engine}.json").write_text(json.dumps(results, indent=2))
    if engine == "postgresql" and not args.keep:
        from django.db import connection

        connection.close()
        import psycopg

        admin = args.pg_url or PG_ADMIN_URL
        with psycopg.connect(_psycopg_url(admin), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    elif engine == "sqlite" and not args.keep:
        for leftover in OUT.glob("bench.sqlite3*"):
            leftover.unlink()
    shutil.rmtree(OUT / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
