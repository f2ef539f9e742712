"""Report submissions per second through POST /api/v1/cases, next to a bare Django insert endpoint.

    .venv/bin/python benchmarks/api_intake.py --engine sqlite
    .venv/bin/python benchmarks/api_intake.py --engine postgres --pg-url postgres://postgres@127.0.0.1:5432

1. A fresh database (a SQLite file in a temporary directory, or a new PostgreSQL database) is migrated and
   seeded with the test world (regions, agencies, an election, the catalogs, two employees) and an API
   client with write scope for the Bawaslu analyst.
2. gunicorn (2 sync workers, DEBUG off) serves the product plus /bench/api-bare/
   (benchmarks/bench_api_urls.py).
3. wrk posts the same JSON body to both endpoints, alternating, ``--rounds`` times each. API requests carry
   the key and a unique Idempotency-Key, so each one does the full path: key check, rate limit, validation,
   case number, case + event + audit chain + outbox rows + idempotency record, in one transaction.
4. Afterwards the rows are counted: every 2xx answer is one case (none lost, none duplicated).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
BODY = (
    '{"source": "temuan_bawaslu", "election": "pilkada-2024", "region": "16.06", '
    '"incident_date": "2024-11-24", '
    '"description": "Camat mengajak warga memilih calon bupati lewat Facebook.", '
    '"employee_nip": "198603132010011003", "violation_types": ["media-sosial"], '
    '"links": ["https://facebook.com/post/1"]}'
)
LUA = r"""
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  n = 0
end
request = function()
  n = n + 1
  local headers = {["Content-Type"] = "application/json"}
  if api_key ~= "" then
    headers["X-API-Key"] = api_key
    headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", run_id, tid, n)
  end
  return wrk.format("POST", target, headers, body)
end
"""


def _seed_and_key(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup()\n"
        "from benchmarks.api_sql_floor import seed_world_and_client\n"
        "print(seed_world_and_client())\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def _count(env: dict[str, str]) -> tuple[int, int, int]:
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from netralitas.cases.models import Case\n"
        "from netralitas.integrations.models import OutboxEvent\n"
        "with connection.cursor() as cur:\n"
        "    cur.execute('SELECT COUNT(*) FROM bench_api_bare'); bare = cur.fetchone()[0]\n"
        "print(Case.objects.count(), OutboxEvent.objects.count(), bare)\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    cases, events, bare = out.stdout.split()
    return int(cases), int(events), int(bare)


def _wrk(
    url: str, target: str, api_key: str, run_id: str, seconds: int, connections: int
) -> dict[str, float]:
    script = LUA.replace(
        "local counter = 0",
        f'local counter = 0\ntarget = "{target}"\napi_key = "{api_key}"\n'
        f'run_id = "{run_id}"\nbody = [[{BODY}]]',
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", f.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(f.name)
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    p50 = re.search(r"50%\s+([\d.]+\w+)", out)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    return {
        "requests": requests,
        "rate": rate,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",  # type: ignore[dict-item]
        "p50": p50.group(1) if p50 else "",  # type: ignore[dict-item]
        "p99": p99.group(1) if p99 else "",  # type: ignore[dict-item]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database"
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="api-intake-"))
    if args.engine == "sqlite":
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        # A new database per run; it is left in place (drop it with dropdb): on a busy shared server a
        # DROP DATABASE can wait for a long time on other sessions.
        name = f"netralitas_a_bench_{int(time.time())}"
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        print(f"database: {name}")
        database_url = f"{args.pg_url}/{name}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_api_settings",
        "NETRALITAS_ENV": "dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    key = _seed_and_key(env)
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/api/v1/openapi.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"load before: {os.getloadavg()}")
        results: dict[str, list[dict[str, float]]] = {"bare": [], "api": []}
        for round_no in range(args.rounds):
            results["bare"].append(_wrk(url, "/bench/api-bare/", "", "", args.seconds, args.connections))
            results["api"].append(
                _wrk(url, "/api/v1/cases", key, f"r{round_no}", args.seconds, args.connections)
            )
            print(f"round {round_no + 1}: bare {results['bare'][-1]}\n         api  {results['api'][-1]}")
        print(f"load after: {os.getloadavg()}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    cases, events, bare_rows = _count(env)
    ok_api = sum(int(r["requests"] - r["non2xx"]) for r in results["api"])
    ok_bare = sum(int(r["requests"] - r["non2xx"]) for r in results["bare"])
    bare_rate = statistics.median(r["rate"] for r in results["bare"])
    api_rate = statistics.median(r["rate"] for r in results["api"])
    print(
        f"engine={args.engine} bare={bare_rate:.0f}/s api={api_rate:.0f}/s ratio={api_rate / bare_rate:.0%}"
    )
    print(
        f"rows: cases={cases} (2xx answers {ok_api}) outbox={events} bare={bare_rows} (2xx answers {ok_bare})"
    )
    if args.engine == "sqlite":
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
