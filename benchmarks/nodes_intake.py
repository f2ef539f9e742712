"""API intake on two app nodes next to one node, same machine, same run (issue 17, docs/performance.md).

    .venv/bin/python benchmarks/nodes_intake.py --pg-url postgres://postgres@127.0.0.1:5432

1. A new PostgreSQL database is migrated and seeded as in benchmarks/api_intake.py (the test world and
   an API client with write scope).
2. Two gunicorn nodes (2 sync workers each, DEBUG off, each with its own PROMETHEUS_MULTIPROC_DIR and
   config/gunicorn.py, as in production) share the database; node B connects through PgBouncer in
   transaction mode when ``--pgbouncer-port`` is given.
3. Each round: wrk with ``--connections`` against node A alone, then the same number of connections split
   over node A and node B at once (two wrk processes). Every request is a full POST /api/v1/cases with a
   unique Idempotency-Key (a distinct run id per wrk process, so no request replays another).
4. Afterwards the rows are counted: every 2xx the nodes served (their own /metrics counter, which also
   counts answers wrk stopped waiting for at the end of a run or after its 2 s timeout) is one case and
   one outbox event (none lost, none doubled), the case numbers are unique, and wrk's 2xx count is not
   above the cases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.api_intake import PY, _seed_and_key, _wrk  # noqa: E402


def _gunicorn(port: int, env: dict[str, str], metrics_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "-c",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
    )


def _wait(url: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def _created(url: str) -> int:
    """POST /api/v1/cases answered 2xx, as the node's /metrics counted them over its workers."""
    from prometheus_client.parser import text_string_to_metric_families

    request = urllib.request.Request(f"{url}/metrics", headers={"Authorization": "Bearer bench-metrics"})
    text = urllib.request.urlopen(request, timeout=30).read().decode()
    return int(
        sum(
            sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "netralitas_http_requests_total"
            and sample.labels["method"] == "POST"
            and sample.labels["route"].endswith("/cases")
            and sample.labels["status"].startswith("2")
        )
    )


def _count(env: dict[str, str]) -> tuple[int, int, int]:
    code = (
        "import django; django.setup()\n"
        "from netralitas.cases.models import Case\n"
        "from netralitas.integrations.models import OutboxEvent\n"
        "print(Case.objects.count(), Case.objects.values('number').distinct().count(),"
        " OutboxEvent.objects.count())\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    cases, numbers, events = out.stdout.split()
    return int(cases), int(numbers), int(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432", help="server, no database")
    parser.add_argument("--pgbouncer-port", type=int, default=0, help="node B through this PgBouncer")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8871, help="node A; node B is the next port")
    args = parser.parse_args()

    import psycopg

    name = f"netralitas_nodes_bench_{int(time.time())}"
    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    print(f"database: {name}")
    workdir = Path(tempfile.mkdtemp(prefix="nodes-intake-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_api_settings",
        "NETRALITAS_ENV": "dev",
        "DEBUG": "0",
        "DEMO_CLOCK": "0",
        "DATABASE_URL": f"{args.pg_url}/{name}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "METRICS_TOKEN": "bench-metrics",
    }
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    key = _seed_and_key(env)
    env_b = dict(env)
    if args.pgbouncer_port:
        env_b |= {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{args.pgbouncer_port}/{name}",
            "DB_PG_PREPARE_THRESHOLD": "0",
            "DB_DISABLE_SERVER_SIDE_CURSORS": "1",
        }
    url_a, url_b = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    servers = [
        _gunicorn(args.port, env, workdir / "metricsA"),
        _gunicorn(args.port + 1, env_b, workdir / "metricsB"),
    ]
    answers = 0
    served = 0
    try:
        _wait(url_a)
        _wait(url_b)
        print(f"load before: {os.getloadavg()}")
        one: list[float] = []
        two: list[float] = []
        for round_no in range(args.rounds):
            single = _wrk(url_a, "/api/v1/cases", key, f"one{round_no}", args.seconds, args.connections)
            answers += int(single["requests"] - single["non2xx"])
            one.append(single["rate"])
            half = max(args.connections // 2, 1)
            with ThreadPoolExecutor(2) as pool:
                futures = {
                    node: pool.submit(
                        _wrk, url, "/api/v1/cases", key, f"two{node}{round_no}", args.seconds, half
                    )
                    for node, url in (("A", url_a), ("B", url_b))
                }
                pair = {node: future.result() for node, future in futures.items()}
            answers += sum(int(r["requests"] - r["non2xx"]) for r in pair.values())
            two.append(sum(r["rate"] for r in pair.values()))
            print(f"round {round_no + 1}: one node {single}\n         two nodes {pair}")
        print(f"load after: {os.getloadavg()}")
        time.sleep(5)  # requests wrk stopped waiting for (end of a run, client timeouts) finish on the server
        served = sum(_created(url) for url in (url_a, url_b))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    cases, numbers, events = _count(env)
    one_rate, two_rate = statistics.median(one), statistics.median(two)
    print(f"one node {one_rate:.0f}/s, two nodes {two_rate:.0f}/s, ratio {two_rate / one_rate:.2f}")
    print(
        f"rows: 2xx answers received by wrk {answers}, 2xx served (the nodes' /metrics) {served}, "
        f"cases {cases}, distinct numbers {numbers}, outbox events {events}"
    )
    ok = cases == served == numbers == events and answers <= cases
    print("no lost or doubled row" if ok else "MISMATCH: lost or doubled rows")
    shutil.rmtree(workdir, ignore_errors=True)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
