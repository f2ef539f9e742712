"""Report intake through Netralitas' API next to ticket creation through django-helpdesk's API, same run.

    .venv/bin/python benchmarks/helpdesk_intake.py --engine sqlite
    .venv/bin/python benchmarks/helpdesk_intake.py --engine postgres --pg-url postgres://postgres@127.0.0.1:5432

The peer (issue 19's target: intake at least twice django-helpdesk's API ticket creation, p99 < 100 ms at 8
connections) is a stock django-helpdesk site (benchmarks/helpdesk_peer/) installed in its own virtual
environment under ~/.cache (pinned in benchmarks/helpdesk_peer/requirements.txt), never in the product's.

1. Each product gets a fresh database on the chosen engine with the same SQLite PRAGMAs, and runs under
   gunicorn with 2 sync workers, DEBUG off, on loopback.
2. wrk (2 threads, 8 connections) alternates Netralitas and helpdesk rounds, so load changes on a shared
   machine hit both alike. Netralitas gets the Bawaslu finding of api_intake.py with a unique
   Idempotency-Key (the full path: key, rate limit, validation, case, event, audit chain, outbox);
   helpdesk gets a ticket of the same text in one queue, authenticated by a DRF token.
3. Afterwards the rows are counted: every 2xx answer is one case or one ticket.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.api_intake import BODY, _count, _seed_and_key  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
PEER_DIR = ROOT / "benchmarks" / "helpdesk_peer"
PEER_VENV = Path(os.environ.get("HELPDESK_PEER_VENV", Path.home() / ".cache" / "netralitas-helpdesk-peer"))
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
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = auth}
  if api_key ~= "" then
    headers["X-API-Key"] = api_key
    headers["Idempotency-Key"] = string.format("peer-%s-%d-%d", run_id, tid, n)
  end
  return wrk.format("POST", target, headers, body)
end
"""


def _peer_python() -> str:
    """The peer's interpreter, its environment created (once) from the pinned requirements."""
    python = PEER_VENV / "bin" / "python"
    stamp = PEER_VENV / ".requirements"
    wanted = (PEER_DIR / "requirements.txt").read_text()
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        uv = str(ROOT / ".venv" / "bin" / "uv")
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(PEER_VENV)], check=True)
        subprocess.run(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                "-r",
                str(PEER_DIR / "requirements.txt"),
            ],
            check=True,
        )
        stamp.write_text(wanted)
    return str(python)


def _database(engine: str, pg_url: str, workdir: Path, label: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{workdir / f'{label}.sqlite3'}"
    import psycopg

    name = f"netralitas_{label}_bench_{int(time.time())}"  # left in place: drop it with dropdb
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    print(f"database: {name}")
    return f"{pg_url}/{name}"


def _serve(cmd: list[str], cwd: Path, env: dict[str, str], probe: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(cmd, cwd=cwd, env=env)
    for _ in range(150):
        try:
            urllib.request.urlopen(probe, timeout=2)
            return server
        except urllib.error.HTTPError:
            return server  # it answers (401/405 on a GET is fine)
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"server did not start: {probe}")


def _wrk(url: str, target: str, headers: dict[str, str], body: str, seconds: int, connections: int) -> dict:
    script = LUA.replace(
        "local counter = 0",
        "local counter = 0\n"
        f'target = "{target}"\napi_key = "{headers.get("X-API-Key", "")}"\n'
        f'auth = "{headers.get("Authorization", "")}"\nrun_id = "{headers.get("run", "")}"\n'
        f"body = [[{body}]]",
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
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "non2xx": int(bad.group(1)) if bad else 0,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out)),
    }


def _ms(found: re.Match[str] | None) -> float:
    if not found:
        return float("nan")
    value = found.group(1)
    number = float(re.match(r"[\d.]+", value).group(0))  # type: ignore[union-attr]
    unit = value[len(str(re.match(r"[\d.]+", value).group(0))) :]  # type: ignore[union-attr]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}.get(unit, float("nan"))


def _peer_tickets(python: str, env: dict[str, str]) -> int:
    code = (
        "import django; django.setup()\nfrom helpdesk.models import Ticket\nprint(Ticket.objects.count())\n"
    )
    out = subprocess.run(
        [python, "-c", code], cwd=PEER_DIR, env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432", help="server URL, no database"
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8741)
    parser.add_argument("--peer-port", type=int, default=8742)
    args = parser.parse_args()

    peer_python = _peer_python()
    workdir = Path(tempfile.mkdtemp(prefix="helpdesk-intake-"))
    ours = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_api_settings",
        "NETRALITAS_ENV": "dev",
        "DEBUG": "0",
        "DATABASE_URL": _database(args.engine, args.pg_url, workdir, "ours"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    peer = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV")},
        "DJANGO_SETTINGS_MODULE": "settings",
        "PEER_DATABASE_URL": _database(args.engine, args.pg_url, workdir, "helpdesk"),
        "PYTHONPATH": str(PEER_DIR),
    }
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=ours, check=True)
    subprocess.run([PY, "manage.py", "createcachetable"], cwd=ROOT, env=ours, check=True)
    key = _seed_and_key(ours)
    django_admin = [peer_python, "-m", "django"]
    subprocess.run([*django_admin, "migrate", "--no-input", "-v0"], cwd=PEER_DIR, env=peer, check=True)
    seeded = subprocess.run(
        [peer_python, "seed.py"], cwd=PEER_DIR, env=peer, check=True, capture_output=True, text=True
    )
    queue_id, token = seeded.stdout.split()[-2:]
    ticket = (
        f'{{"queue": {queue_id}, "title": "Camat mengajak warga memilih calon bupati", '
        '"description": "Camat mengajak warga memilih calon bupati lewat Facebook. '
        'https://facebook.com/post/1", "submitter_email": "pelapor@example.id", "priority": 3}'
    )
    url, peer_url = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.peer_port}"
    gunicorn = ["--workers", "2", "--log-level", "warning"]
    servers = [
        _serve(
            [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi:application", "--bind", url[7:], *gunicorn],
            ROOT,
            ours,
            f"{url}/api/v1/openapi.json",
        ),
        _serve(
            [
                str(Path(peer_python).parent / "gunicorn"),
                "wsgi:application",
                "--bind",
                peer_url[7:],
                *gunicorn,
            ],
            PEER_DIR,
            peer,
            f"{peer_url}/helpdesk/api/tickets/",
        ),
    ]
    results: dict[str, list[dict]] = {"netralitas": [], "helpdesk": []}
    try:
        print(f"load before: {os.getloadavg()}")
        for round_no in range(args.rounds):
            results["netralitas"].append(
                _wrk(
                    url,
                    "/api/v1/cases",
                    {"X-API-Key": key, "run": f"r{round_no}"},
                    BODY,
                    args.seconds,
                    args.connections,
                )
            )
            results["helpdesk"].append(
                _wrk(
                    peer_url,
                    "/helpdesk/api/tickets/",
                    {"Authorization": f"Token {token}"},
                    ticket,
                    args.seconds,
                    args.connections,
                )
            )
            print(f"round {round_no + 1}: netralitas {results['netralitas'][-1]}")
            print(f"         helpdesk   {results['helpdesk'][-1]}")
        print(f"load after: {os.getloadavg()}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    cases, _events, _bare = _count(ours)
    tickets = _peer_tickets(peer_python, peer)
    ok = {name: sum(r["requests"] - r["non2xx"] for r in rounds) for name, rounds in results.items()}
    rate = {name: statistics.median(r["rate"] for r in rounds) for name, rounds in results.items()}
    p99 = {name: statistics.median(r["p99"] for r in rounds) for name, rounds in results.items()}
    print(
        f"engine={args.engine} netralitas={rate['netralitas']:.1f}/s (p99 {p99['netralitas']:.0f} ms) "
        f"helpdesk={rate['helpdesk']:.1f}/s (p99 {p99['helpdesk']:.0f} ms) "
        f"ratio={rate['netralitas'] / rate['helpdesk']:.2f}x"
    )
    print(
        f"rows: cases={cases} (2xx answers {ok['netralitas']}) "
        f"tickets={tickets} (2xx answers {ok['helpdesk']})"
    )
    # wrk stops with up to one request per connection in flight; the server still completes those.
    in_flight = args.connections * args.rounds
    for rows, answered in ((cases, ok["netralitas"]), (tickets, ok["helpdesk"])):
        if not 0 <= rows - answered <= in_flight:
            raise SystemExit(f"rows lost or doubled: {rows} rows for {answered} 2xx answers")


if __name__ == "__main__":
    main()
