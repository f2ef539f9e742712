"""The database's own share of an API submission: its statements replayed verbatim, with no application code.

    .venv/bin/python benchmarks/api_sql_floor.py --engine sqlite
    .venv/bin/python benchmarks/api_sql_floor.py --engine postgres --pg-url postgres://postgres@127.0.0.1:5432

It answers one question about the ≥ 50 % target of ``api_intake.py``: how much of a submission's time is
the database writing what a submission must write (the case and its violation types, the event, the
outbox row and its delivery, the audit chain append, the number), whatever the code around it?

1. A fresh database is seeded like ``api_intake.py`` and warmed with 50 submissions; a copy is taken.
2. ``--count`` submissions go through the WSGI application in-process, as gunicorn would call it, and
   every statement they send is recorded with its parameters; then ``--count`` more are timed without
   recording.
3. The recorded statements are replayed on the copy through the bare driver (sqlite3 or psycopg), one
   transaction per submission: the same rows, indexes, locks and commits, and nothing else.
4. In the same run: the bare view of ``api_intake.py`` in-process, and its one ``INSERT`` through the bare
   driver.

The rate limiter's shared counter (one statement every ``API_RATE_LIMIT_SYNC_EVERY`` requests) is left
out of the replay. On SQLite both sides checkpoint the WAL inline (the default 1,000 pages).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Statement = tuple[str, Any]


def _setup(database_url: str) -> Any:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.bench_api_settings",
            "NETRALITAS_ENV": "dev",
            "DEBUG": "0",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable")


def seed_world_and_client() -> str:
    """The test world, an API client with write scope (rate limit 10⁹/min) and the bare view's table;
    returns the client's key. ``api_intake.py`` seeds its server's database with this too."""
    from django.db import connection

    from netralitas.api.keys import api_client_issue_key
    from netralitas.api.models import ApiClient
    from tests.world import build_world

    world = build_world()
    client = ApiClient(
        name="bench", agency=world.bawaslu, user=world.analyst, can_write=True, rate_limit_per_minute=10**9
    )
    key = api_client_issue_key(client=client)
    pk = "SERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_api_bare (id {pk}, body TEXT, at TIMESTAMP)")
    return key


class _Caller:
    def __init__(self, key: str) -> None:
        from django.core.wsgi import get_wsgi_application

        from benchmarks.api_intake import BODY

        self.app = get_wsgi_application()
        self.body = BODY.encode()
        self.key = key

    def __call__(self, path: str, idempotency_key: str | None) -> None:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(self.body),
            "CONTENT_LENGTH": str(len(self.body)),
            "CONTENT_TYPE": "application/json",
        }
        if idempotency_key is not None:
            environ["HTTP_X_API_KEY"] = self.key
            environ["HTTP_IDEMPOTENCY_KEY"] = idempotency_key
        status: list[str] = []

        def start_response(line: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(line)
            return lambda data: None

        b"".join(self.app(environ, start_response))
        if not status[0].startswith("201"):
            raise SystemExit(f"{path}: {status[0]}")


def _timed(count: int, call: Any) -> float:
    started = time.perf_counter()
    for i in range(count):
        call(i)
    return (time.perf_counter() - started) / count


def _record(count: int, caller: _Caller) -> tuple[float, list[list[Statement]]]:
    from django.db import connection

    recorded: list[list[Statement]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "netralitas_cache" not in sql:
            recorded[-1].append((sql, tuple(params) if params is not None else None))
        return execute(sql, params, many, context)

    def submit(i: int) -> None:
        recorded.append([])
        caller("/api/v1/cases", f"floor-{i}")

    with connection.execute_wrapper(record):
        per_call = _timed(count, submit)
    return per_call, recorded


def _replay_sqlite(path: str, submissions: list[list[Statement]]) -> tuple[float, float]:
    import sqlite3

    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "cache_size=-65536"):
        db.execute(f"PRAGMA {pragma}").fetchall()
    native = [[(FORMAT_QMARK_REGEX.sub("?", s).replace("%%", "%"), p) for s, p in sub] for sub in submissions]

    def replay(i: int) -> None:
        for sql, params in native[i]:
            if sql.startswith("BEGIN") and db.in_transaction:
                db.execute("COMMIT")
            db.execute(sql, params or ()).fetchall()
        if db.in_transaction:
            db.execute("COMMIT")

    def bare(i: int) -> None:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO bench_api_bare (body, at) VALUES (?, ?)", ("{}", "2026-12-01 10:00:00"))
        db.execute("COMMIT")

    return _timed(len(native), replay), _timed(len(native), bare)


def _replay_postgres(url: str, submissions: list[list[Statement]]) -> tuple[float, float]:
    import psycopg

    db = psycopg.connect(url, prepare_threshold=5)

    def replay(i: int) -> None:
        with db.cursor() as cursor:
            for sql, params in submissions[i]:
                cursor.execute(sql, params)
        db.commit()

    def bare(i: int) -> None:
        with db.cursor() as cursor:
            cursor.execute("INSERT INTO bench_api_bare (body, at) VALUES (%s, now())", ("{}",))
        db.commit()

    try:
        return _timed(len(submissions), replay), _timed(len(submissions), bare)
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="api-floor-"))
    stamp = int(time.time())
    if args.engine == "sqlite":
        database_url = f"sqlite:///{workdir / 'a.sqlite3'}"
    else:
        import psycopg

        source, copy = f"netralitas_floor_a_{stamp}", f"netralitas_floor_b_{stamp}"
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {source}")
        database_url = f"{args.pg_url}/{source}"
    _setup(database_url)
    from django.db import connection

    caller = _Caller(seed_world_and_client())
    for i in range(50):
        caller("/api/v1/cases", f"warm-{i}")
    connection.close()
    if args.engine == "sqlite":
        import sqlite3

        with sqlite3.connect(workdir / "a.sqlite3") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(workdir / "a.sqlite3", workdir / "b.sqlite3")
    else:
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {copy} TEMPLATE {source}")

    bare_view = _timed(args.count, lambda i: caller("/bench/api-bare/", None))
    _recording, recorded = _record(args.count, caller)
    # Timed apart: while statements are recorded, the pre-built ones take Django's slower cursor.
    api = _timed(args.count, lambda i: caller("/api/v1/cases", f"timed-{i}"))
    connection.close()
    if args.engine == "sqlite":
        floor, raw_insert = _replay_sqlite(str(workdir / "b.sqlite3"), recorded)
    else:
        floor, raw_insert = _replay_postgres(f"{args.pg_url}/{copy}", recorded)

    statements = sum(len(s) for s in recorded) / len(recorded)
    print(f"engine={args.engine} submissions={len(recorded)} statements/submission={statements:.1f}")
    print(f"bare view, in-process:          {bare_view * 1e3:7.3f} ms")
    print(f"  of which its INSERT (driver): {raw_insert * 1e3:7.3f} ms")
    print(f"API submission, in-process:     {api * 1e3:7.3f} ms")
    print(
        f"  its statements alone (driver): {floor * 1e3:6.3f} ms  ({floor / raw_insert:.0f}x the bare INSERT)"
    )
    print(f"  everything else:              {(api - floor) * 1e3:7.3f} ms")
    print(
        "ceiling with no application code at all, in-process: "
        f"{bare_view / (bare_view - raw_insert + floor):.0%} of the bare view"
    )
    shutil.rmtree(workdir, ignore_errors=True)
    if args.engine == "postgres":
        print(f"databases left in place (drop them with dropdb): {source} {copy}")


if __name__ == "__main__":
    main()
