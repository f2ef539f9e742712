"""A province declares its neutrality: 180,751 signatures from concurrent clients over loopback.

    .venv/bin/python benchmarks/declaration_event.py --engine sqlite
    .venv/bin/python benchmarks/declaration_event.py --engine postgres --pg-url postgres://postgres@127.0.0.1:5432

1. A fresh database (SQLite file or a new PostgreSQL database) is migrated and filled with >= 180,751
   employees in 18 agencies of Sumatera Selatan (bulk_create), an open campaign and a staff session.
2. gunicorn (2 sync workers, as bin/run-dev serves the product) serves the product plus a bare insert
   endpoint (benchmarks/decl_urls.py).
3. wrk (Lua script: every connection posts the next NIP + birth date + NIK digits of its thread's
   share, with a CSRF token fetched once) alternates bare rounds and signing rounds (bare, sign, bare,
   ..., sign, bare; ``--rounds`` signing rounds, each signing the next share of the employees), so a load
   change on the shared machine hits both alike; each signing round's rate is compared with the mean of
   the two bare rounds around it (as benchmarks/api_intake.py does).
4. While a signing round runs, pollers fetch the live coverage partial (htmx) and record latencies.
5. Afterwards signatures are counted: none lost (every NIP signed once), none duplicated, and the
   per-agency counters equal the rows.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LUA = r"""
local bodies, i, finished, n, slack = {}, 0, 0, 0, 0
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  local nthreads = tonumber(os.getenv("DECL_THREADS"))
  local prefix = os.getenv("DECL_PREFIX") or ""
  local k = 0
  for line in io.lines(os.getenv("DECL_BODIES")) do
    if k % nthreads == tid then bodies[#bodies + 1] = prefix .. line end
    k = k + 1
  end
  n = #bodies
  -- Up to one request per connection is in flight; keep going (repeating the last body, which is
  -- harmless) until every unique request has surely been answered.
  slack = 4 * tonumber(os.getenv("DECL_CONNECTIONS"))
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  local cookie = os.getenv("DECL_COOKIE")
  if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
end
function request()
  -- wrk calls request() once while setting a thread up and never sends that one: lag by one.
  i = i + 1
  return wrk.format("POST", nil, nil, bodies[math.max(1, math.min(i - 1, n))])
end
function response(status, headers, body)
  finished = finished + 1
  if finished == n + slack then
    -- wrk's main thread sleeps for the whole -d duration: tell the driver, which sends SIGINT.
    local marker = io.open(os.getenv("DECL_DONE") .. tid, "w")
    marker:close()
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d sockerr=%d p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""

AGENCY_COUNT = 18


def _configure(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "NETRALITAS_ENV": "dev",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "benchmarks.decl_settings",
        "DB_CONN_MAX_AGE": "600",
    }
    if args.engine == "sqlite":
        path = workdir / "declaration_event.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        # A new name per run: DROP DATABASE waits for every backend on the server to answer a barrier,
        # which a busy shared server may not do for minutes.
        args.pg_db = args.pg_db or f"netralitas_d_bench_{int(time.time())}"
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{args.pg_db}"')
        print(f"benchmark database: {args.pg_db} (drop it when done)")
        env["DATABASE_URL"] = f"{args.pg_url}/{args.pg_db}"
    os.environ.update(env)
    return env


def _seed(count: int, workdir: Path) -> dict[str, str]:
    """Master data, employees, an open campaign and a staff session; writes the request bodies."""
    import datetime as dt

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from netralitas.accounts.models import Role, RoleAssignment, User
    from netralitas.declarations.services import campaign_create, campaign_open
    from netralitas.registry.models import Agency, Election, Employee, Region

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, nip VARCHAR(18), at TIMESTAMP)")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE bench_bare ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
    sumsel = Region.objects.create(code="16", name="Sumatera Selatan", level=Region.Level.PROVINCE)
    agencies = [
        Agency.objects.create(
            code="PROV-16",
            name="Pemerintah Provinsi Sumatera Selatan",
            kind=Agency.Kind.PROVINCE,
            region=sumsel,
            ppk_title="Gubernur Sumatera Selatan",
        )
    ]
    for k in range(1, AGENCY_COUNT):
        region = Region.objects.create(
            code=f"16.{k:02d}", name=f"Kabupaten Uji {k:02d}", level=Region.Level.REGENCY, province=sumsel
        )
        agencies.append(
            Agency.objects.create(
                code=f"KAB-16.{k:02d}",
                name=f"Pemerintah Kabupaten Uji {k:02d}",
                kind=Agency.Kind.REGENCY,
                region=region,
                ppk_title=f"Bupati Uji {k:02d}",
            )
        )
    election = Election.objects.create(
        code="pilkada-2024",
        name="Pilkada Serentak 2024",
        kind=Election.Kind.PILKADA,
        voting_date=dt.date(2024, 11, 27),
        candidates_set_date=dt.date(2024, 9, 22),
    )
    base = dt.date(1965, 1, 1)
    bodies = (workdir / "bodies.txt").open("w")
    bare = (workdir / "bare.txt").open("w")
    batch: list[Employee] = []
    started = time.perf_counter()
    for i in range(count):
        birth = base + dt.timedelta(days=i % 10000)
        nip = f"{birth:%Y%m%d}{2005 + i // 10000}011001"
        nik4 = f"{i % 10000:04d}"
        batch.append(
            Employee(
                nip=nip,
                nik=f"160601{birth:%d%m%y}{nik4}",
                name=f"ASN Uji {i}",
                sex="L",
                birth_date=birth,
                kind="PNS",
                agency=agencies[i % AGENCY_COUNT],
                position_type="pelaksana",
            )
        )
        bodies.write(f"nip={nip}&birth_date={birth:%Y-%m-%d}&nik_last4={nik4}\n")
        bare.write(f"nip={nip}\n")
        if len(batch) == 5000:
            Employee.objects.bulk_create(batch)
            batch = []
    Employee.objects.bulk_create(batch)
    bodies.close()
    bare.close()
    print(f"seeded {count:,} employees in {AGENCY_COUNT} agencies in {time.perf_counter() - started:.1f} s")
    organiser = User.objects.create_user("sekda", "sekda@example.go.id", "bench-password-123")
    RoleAssignment.objects.create(user=organiser, role=Role.VERIFIER, national=True)
    now = timezone.now()
    campaign = campaign_create(
        actor=organiser,
        title="Deklarasi Netralitas ASN Sumatera Selatan",
        text="Kami ASN menyatakan netral.",
        election=election,
        region=sumsel,
        opens_at=now - dt.timedelta(minutes=1),
        closes_at=now + dt.timedelta(hours=3),
        agencies=agencies,
        organiser_roles=[Role.VERIFIER],
    )
    started = time.perf_counter()
    campaign = campaign_open(campaign=campaign, actor=organiser)
    print(f"target snapshot (one GROUP BY over the employees) took {time.perf_counter() - started:.2f} s")
    session = SessionStore()
    session[SESSION_KEY] = str(organiser.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # the product's, or nobody logs in
    session[HASH_SESSION_KEY] = organiser.get_session_auth_hash()
    session.create()
    return {"campaign": campaign.code, "session": session.session_key or ""}


def _csrf(base: str, campaign: str) -> tuple[str, str]:
    import httpx

    response = httpx.get(f"{base}/deklarasi/ikrar/{campaign}/")
    response.raise_for_status()
    cookie = response.cookies["csrftoken"]
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert match, "no CSRF token on the signing page"
    return cookie, match.group(1)


def _wrk(
    url: str, bodies: Path, *, threads: int, connections: int, prefix: str = "", cookie: str = ""
) -> dict:
    script = bodies.parent / "decl.lua"
    script.write_text(LUA)
    env = {
        **os.environ,
        "DECL_BODIES": str(bodies),
        "DECL_THREADS": str(threads),
        "DECL_PREFIX": prefix,
        "DECL_CONNECTIONS": str(connections),
        "DECL_COOKIE": cookie,
    }
    marker = bodies.parent / f"done-{time.monotonic_ns()}-"
    env["DECL_DONE"] = str(marker)
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            "3600s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    while not all(Path(f"{marker}{t}").exists() for t in range(threads)):
        if process.poll() is not None:
            break
        time.sleep(0.05)
    wall = time.perf_counter() - started
    process.send_signal(signal.SIGINT)
    out, _err = process.communicate(timeout=60)
    match = re.search(r"RESULT (.*)", out)
    assert match, out
    result = {k: float(v) for k, v in (kv.split("=") for kv in match.group(1).split())}
    result["wall_s"] = wall
    result["rate"] = result["requests"] / wall
    return result


def _slices(bodies: Path, rounds: int) -> list[Path]:
    """The signing bodies cut into ``rounds`` consecutive parts (each NIP signs once, in one round)."""
    lines = bodies.read_text().splitlines(keepends=True)
    size = -(-len(lines) // rounds)
    parts = []
    for k in range(rounds):
        part = bodies.parent / f"sign-{k + 1}.txt"
        part.write_text("".join(lines[k * size : (k + 1) * size]))
        parts.append(part)
    return [p for p in parts if p.stat().st_size]


def _poll_coverage(url: str, session: str, stop: threading.Event, latencies: list[float]) -> None:
    import httpx

    with httpx.Client(cookies={"sessionid": session}, headers={"HX-Request": "true"}) as client:
        while not stop.is_set():
            started = time.perf_counter()
            response = client.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (response.status_code, response.headers.get("location"))
            stop.wait(0.25)


def _count(expected: int) -> dict[str, int]:
    from django.db.models import Sum

    from netralitas.declarations.models import CampaignAgency, Signature
    from netralitas.registry.models import Employee

    missing = list(
        Employee.objects.exclude(pk__in=Signature.objects.values("employee_id")).values_list(
            "nip", flat=True
        )[:5]
    )
    if missing and Employee.objects.count() == expected:
        print(f"employees without a signature (first 5): {missing}")
    return {
        "rows": Signature.objects.count(),
        "distinct_employees": Signature.objects.values("employee_id").distinct().count(),
        "counters": CampaignAgency.objects.aggregate(n=Sum("signed"))["n"] or 0,
        "expected": expected,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--count", type=int, default=180_751)
    parser.add_argument(
        "--sign-count", type=int, default=0, help="sign only the first N employees (default: all of them)"
    )
    parser.add_argument("--bare-count", type=int, default=8_000, help="requests per bare round")
    parser.add_argument(
        "--rounds", type=int, default=6, help="signing rounds, each between two bare rounds (api_intake.py)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="wrk threads (1: a stopped thread must not hold idle sockets open)",
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (concurrent clients)")
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (sync: as bin/run-dev serves it)"
    )
    parser.add_argument("--server-threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--pollers", type=int, default=4, help="officials watching the coverage screen")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-db", default="", help="new database name (default: a fresh timestamped one)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is required: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="decl-bench-"))
    env = _configure(args, workdir)
    seeded = _seed(args.count, workdir)
    sign_count = args.sign_count or args.count
    if sign_count < args.count:
        with (workdir / "bodies.txt").open() as src:
            head = [line for _n, line in zip(range(sign_count), src, strict=False)]
        (workdir / "bodies.txt").write_text("".join(head))
    bare_bodies = workdir / "bare_sample.txt"
    with (workdir / "bare.txt").open() as src, bare_bodies.open("w") as dst:
        for n, line in enumerate(src):
            if n >= args.bare_count:
                break
            dst.write(line)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.server_threads),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(workdir / "gunicorn.log"),
            "--backlog",
            "2048",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        import httpx

        for _ in range(100):
            try:
                httpx.get(f"{base}/deklarasi/ikrar/{seeded['campaign']}/", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        load = os.getloadavg()
        print(f"engine={args.engine} load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        cookie, token = _csrf(base, seeded["campaign"])
        coverage_url = f"{base}/deklarasi/kampanye/{seeded['campaign']}/"
        latencies: list[float] = []
        bares: list[dict] = []
        signings: list[dict] = []
        slices = _slices(workdir / "bodies.txt", args.rounds)

        def bare_round() -> None:
            bares.append(
                _wrk(f"{base}/bench/bare/", bare_bodies, threads=args.threads, connections=args.connections)
            )

        # Bare and signing rounds alternate (bare, sign, bare, ..., sign, bare) as in api_intake.py: every
        # signing round is bracketed by two bare rounds, so a load change on the shared machine hits both.
        bare_round()
        for number, part in enumerate(slices, start=1):
            stop = threading.Event()
            pollers = [
                threading.Thread(
                    target=_poll_coverage, args=(coverage_url, seeded["session"], stop, latencies)
                )
                for _ in range(args.pollers)
            ]
            for poller in pollers:
                poller.start()
            signings.append(
                _wrk(
                    f"{base}/deklarasi/ikrar/{seeded['campaign']}/",
                    part,
                    threads=args.threads,
                    connections=args.connections,
                    prefix=f"csrfmiddlewaretoken={urllib.parse.quote(token)}&",
                    cookie=f"csrftoken={cookie}",
                )
            )
            stop.set()
            for poller in pollers:
                poller.join()
            bare_round()
            around = (bares[-2]["rate"] + bares[-1]["rate"]) / 2
            sign = signings[-1]
            print(
                f"round {number}: bare {bares[-2]['rate']:.0f}/s, signing {sign['rate']:.0f}/s "
                f"({sign['requests']:.0f} requests, non-2xx {sign['non2xx']:.0f}, socket errors "
                f"{sign['sockerr']:.0f}), bare {bares[-1]['rate']:.0f}/s: {100 * sign['rate'] / around:.0f} %"
            )
        load = os.getloadavg()
        ratios = [
            sign["rate"] / ((before["rate"] + after["rate"]) / 2)
            for sign, before, after in zip(signings, bares, bares[1:], strict=False)
        ]
        bare_rate = statistics.median(b["rate"] for b in bares)
        sign_rate = statistics.median(s["rate"] for s in signings)
        print(
            f"bare insert: median {bare_rate:.0f}/s over {len(bares)} rounds "
            f"(p99 {max(b['p99_ms'] for b in bares)} ms at worst, "
            f"non-2xx {sum(b['non2xx'] for b in bares):.0f})"
        )
        print(
            f"signing: median {sign_rate:.0f}/s over {len(signings)} rounds, "
            f"{sum(s['requests'] for s in signings):.0f} requests "
            f"in {sum(s['wall_s'] for s in signings):.1f} s "
            f"(non-2xx {sum(s['non2xx'] for s in signings):.0f}, "
            f"socket errors {sum(s['sockerr'] for s in signings):.0f})"
        )
        print(
            f"signing rate / bare rate: median {100 * statistics.median(ratios):.0f} % "
            f"(rounds {', '.join(f'{100 * r:.0f}' for r in ratios)} %; target >= 50 %)"
        )
        quantiles = statistics.quantiles(latencies, n=100)
        print(
            f"coverage during signing: {len(latencies)} requests, p50 {quantiles[49]:.1f} ms, "
            f"p95 {quantiles[94]:.1f} ms, max {max(latencies):.1f} ms (target p95 < 50 ms)"
        )
        print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = _count(sign_count)
    print(f"after the run: {counts}")
    ok = counts["rows"] == counts["distinct_employees"] == counts["counters"] == sign_count
    print("no signature lost or duplicated" if ok else "MISMATCH: signatures lost or duplicated")
    if args.engine == "sqlite":
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
