"""The cost of SQLite ``synchronous=FULL`` against ``NORMAL`` on intake and on declaration signing.

    .venv/bin/python benchmarks/sqlite_synchronous.py [--count 300] [--rounds 3] [--dir DIR]

1. A template database (a SQLite file on the disk of ``--dir``, default: the system temp directory) is
   migrated and seeded once: the test world, an API client with write scope, ``--count`` x rounds
   employees and an open declaration campaign.
2. Each round copies the template twice and measures both settings on the same starting state, in
   alternating order (FULL first in odd rounds, NORMAL first in even ones), each in a fresh process
   started with ``SQLITE_SYNCHRONOUS`` set, so both see the same machine load.
3. A process times ``--count`` submissions through the API's intake service (``api_case_submit``, with an
   Idempotency-Key: validation, case number, case + event + audit chain + outbox rows, one transaction,
   one commit) and ``--count`` signatures through ``signature_sign`` (one commit each), one call at a
   time. Each call is one commit, so the figures are the per-commit cost of the fsync that FULL adds
   (in WAL mode, NORMAL syncs only at checkpoints).
4. It prints the median and p95 per call and the calls per second, FULL and NORMAL side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
MODES = ("FULL", "NORMAL")


def _env(path: Path, mode: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "NETRALITAS_ENV": "dev",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{path}",
        "SQLITE_SYNCHRONOUS": mode,
        "MEDIA_ROOT": str(path.parent / "media"),
    }


def _employee(i: int) -> tuple[str, str, str]:
    """NIP, birth date and NIK of the i-th generated employee (valid structure, distinct)."""
    import datetime as dt

    birth = dt.date(1965, 1, 1) + dt.timedelta(days=i % 10000)
    nip = f"{birth:%Y%m%d}{2005 + i // 10000}01{1 + i % 2}{i % 1000:03d}"
    return nip, birth.isoformat(), f"160601{birth:%d%m%y}{i % 10000:04d}"


def seed(employees: int) -> None:
    """Runs in a child process: migrate, the world, an API client, employees and an open campaign."""
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from netralitas.accounts.models import Role
    from netralitas.api.keys import api_client_issue_key
    from netralitas.api.models import ApiClient
    from netralitas.declarations.services import campaign_create, campaign_open
    from netralitas.registry.models import Employee
    from tests.world import build_world

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    world = build_world()
    client = ApiClient(
        name="bench", agency=world.bkn, user=world.verifier, can_write=True, rate_limit_per_minute=10**9
    )
    api_client_issue_key(client=client)
    batch = []
    for i in range(employees):
        nip, birth, nik = _employee(i)
        batch.append(
            Employee(
                nip=nip,
                nik=nik,
                name=f"ASN Uji {i}",
                sex="L" if nip[14] == "1" else "P",
                birth_date=dt.date.fromisoformat(birth),
                kind="PNS",
                agency=world.pemkab_muba,
                position_type="pelaksana",
            )
        )
    Employee.objects.bulk_create(batch, batch_size=2000)
    now = timezone.now()
    campaign = campaign_create(
        actor=world.verifier,
        title="Deklarasi Netralitas ASN Sumatera Selatan",
        text="Kami ASN menyatakan netral.",
        election=world.pilkada,
        region=world.sumsel,
        opens_at=now - dt.timedelta(minutes=1),
        closes_at=now + dt.timedelta(days=2),
        agencies=[world.pemkab_muba],
        organiser_roles=[Role.VERIFIER],
    )
    campaign_open(campaign=campaign, actor=world.verifier)


def measure(count: int, first_employee: int) -> None:
    """Runs in a child process; prints one JSON line with the per-call timings in milliseconds."""
    import django

    django.setup()
    import datetime as dt

    from django.db import connection

    from netralitas.api.models import ApiClient
    from netralitas.api.services import api_case_submit
    from netralitas.declarations.models import Campaign
    from netralitas.declarations.services import signature_sign

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
    client = ApiClient.objects.select_related("user", "agency").get(name="bench")
    campaign = Campaign.objects.get()
    body = {
        "source": "instansi",
        "election": "pilkada-2024",
        "region": "16.06",
        "incident_date": dt.date(2024, 11, 24),
        "description": "Camat mengajak warga memilih calon bupati lewat Facebook.",
        "employee_nip": "198603132010011003",
        "violation_types": ["media-sosial"],
        "links": ["https://facebook.com/post/1"],
    }
    intake, signing = [], []
    for i in range(count):
        started = time.perf_counter()
        status, _ = api_case_submit(client=client, data=dict(body), idempotency_key=f"bench-{i}")
        intake.append((time.perf_counter() - started) * 1000)
        assert status == 201, status
    for i in range(first_employee, first_employee + count):
        nip, birth, nik = _employee(i)
        started = time.perf_counter()
        _, created = signature_sign(
            campaign=campaign, nip=nip, birth_date=dt.date.fromisoformat(birth), nik_last4=nik[-4:]
        )
        signing.append((time.perf_counter() - started) * 1000)
        assert created
    print(json.dumps({"synchronous": synchronous, "journal": journal, "intake": intake, "signing": signing}))


def _child(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, __file__, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _summary(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered), p95, 1000 * len(ordered) / sum(ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="submissions and signatures per process")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where the database files go (its disk)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=args.dir))
    try:
        template = workdir / "template.sqlite3"
        started = time.perf_counter()
        _child(_env(template, "NORMAL"), "seed", str(args.count * args.rounds * 2))
        print(f"template seeded in {time.perf_counter() - started:.1f} s ({workdir})")
        results: dict[str, dict[str, list[float]]] = {m: {"intake": [], "signing": []} for m in MODES}
        for round_ in range(args.rounds):
            order = MODES if round_ % 2 == 0 else MODES[::-1]
            for k, mode in enumerate(order):
                path = workdir / f"r{round_}-{mode}.sqlite3"
                shutil.copy(template, path)
                first = (round_ * 2 + k) * args.count
                out = json.loads(_child(_env(path, mode), "measure", str(args.count), str(first)))
                assert out["synchronous"] == mode and out["journal"] == "wal", out
                results[mode]["intake"] += out["intake"]
                results[mode]["signing"] += out["signing"]
                path.unlink()
                print(f"round {round_ + 1} {mode}: done", flush=True)
        print()
        print(f"{args.count} calls x {args.rounds} rounds per setting, one commit per call, journal_mode=WAL")
        print(f"{'':>18} | {'FULL':^28} | {'NORMAL':^28} | FULL/NORMAL")
        print(f"{'':>18} | {'median':>8} {'p95':>8} {'per s':>9} | {'median':>8} {'p95':>8} {'per s':>9} |")
        for what, label in (("intake", "intake (API)"), ("signing", "declaration signing")):
            full, normal = _summary(results["FULL"][what]), _summary(results["NORMAL"][what])
            print(
                f"{label:>18} | {full[0]:>6.2f}ms {full[1]:>6.2f}ms {full[2]:>9.0f} | "
                f"{normal[0]:>6.2f}ms {normal[1]:>6.2f}ms {normal[2]:>9.0f} | "
                f"{full[0] / normal[0]:.2f}x median, {normal[2] / full[2]:.2f}x throughput"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "seed":
        seed(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "measure":
        measure(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
