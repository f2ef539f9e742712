"""The scripted journey of the multi-node harness (bin/nodes-test): ``seed`` then ``run``.

``seed`` builds the persona world of the tests in the harness's database, API keys and a webhook
subscription to a receiver this script runs. ``run`` talks HTTP to two app nodes (NODE_A, NODE_B),
alternating, and then checks in the primary, the replica and the object store that every case, case
event, outbox event, delivery and file is there exactly once. It prints what it measured.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

import boto3  # noqa: E402
import httpx  # noqa: E402

from netralitas.accounts.models import User  # noqa: E402
from netralitas.api.keys import api_client_issue_key  # noqa: E402
from netralitas.api.models import ApiClient  # noqa: E402
from netralitas.cases.models import Case, CaseEvent  # noqa: E402
from netralitas.integrations.models import Delivery, OutboxEvent, WebhookSubscription  # noqa: E402
from netralitas.monitoring.models import Report as MonitoringReport  # noqa: E402

WORK = Path(os.environ.get("NODES_WORK", "/tmp"))
KEYS = WORK / "keys.json"
PASSWORD = "nodes-harness-password"
CASES = int(os.environ.get("NODES_CASES", "6"))


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


# --- seed -------------------------------------------------------------------------------------------


def seed() -> None:
    from tests.world import build_world

    world = build_world()
    boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"]).create_bucket(
        Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"]
    )
    keys: dict[str, str] = {}
    for name, user, rate in [
        ("ppk_muba", world.ppk_muba, 10_000),
        ("verifier", world.verifier, 10_000),
        ("analyst", world.analyst, 10_000),
        ("bkn", world.bkn_officer, 10_000),
        ("leader", world.leader, 10_000),
        ("limited", world.auditor, 6),
    ]:
        client = ApiClient(
            name=f"nodes-{name}", agency=user.agency, user=user, can_write=True, rate_limit_per_minute=rate
        )
        keys[name] = api_client_issue_key(client=client)
    world.leader.set_password(PASSWORD)
    world.leader.save()
    subscription = WebhookSubscription.objects.create(
        name="nodes harness receiver",
        owner=world.bkn,
        url=f"http://127.0.0.1:{os.environ['NODES_HOOK_PORT']}/hook",
        secret="nodes-secret",
        national=True,
    )
    keys["leader_username"] = world.leader.username
    keys["subscription"] = str(subscription.pk)
    KEYS.write_text(json.dumps(keys))
    print(f"seeded: {User.objects.count()} users, subscription {subscription.pk}")


# --- the webhook receiver ------------------------------------------------------------------------------

received: Counter[str] = Counter()
request_ids: dict[str, str] = {}


class Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received[self.headers.get("X-Netralitas-Event-Id", "?")] += 1
        request_ids[self.headers.get("X-Netralitas-Event-Id", "?")] = self.headers.get("X-Request-ID", "")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


# --- run ----------------------------------------------------------------------------------------------


def wait_for(what: str, condition: Any, timeout: float = 90) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            check(False, f"{what} within {timeout:.0f}s")
        time.sleep(0.3)
    return time.monotonic() - start


def run() -> None:
    keys = json.loads(KEYS.read_text())
    nodes = [os.environ["NODE_A"], os.environ["NODE_B"]]
    hook = ThreadingHTTPServer(("127.0.0.1", int(os.environ["NODES_HOOK_PORT"])), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    http = httpx.Client(timeout=30)
    n = 0
    sent = [0, 0]

    def api(who: str, method: str, path: str, body: Any = None, node: int | None = None, **hdr: str) -> Any:
        nonlocal n
        index = n % 2 if node is None else node
        base = nodes[index]
        n += 1
        sent[index] += 1
        headers = {"X-API-Key": keys[who], **hdr}
        http.cookies.clear()  # an agency's system keeps no cookies (so no read-your-writes marker)
        return http.request(method, f"{base}/api/v1{path}", json=body, headers=headers)

    # 1. reports submitted on node A, one resent on node B with the same Idempotency-Key
    codes = []
    first_key = ""
    for i in range(CASES):
        idem = uuid.uuid4().hex
        first_key = first_key or idem
        body = {
            "source": "instansi",
            "election": "pilkada-2024",
            "region": "16.06",
            "incident_date": "2024-11-24",
            "description": f"Camat mengajak warga memilih calon bupati lewat Facebook (laporan {i}).",
            "employee_nip": "198603132010011003",
            "violation_types": ["media-sosial"],
            "links": [f"https://facebook.com/post/{i}"],
        }
        traced = {"X-Request-ID": f"nodes-journey-{i}"}
        response = api("ppk_muba", "POST", "/cases", body, node=0, **{"Idempotency-Key": idem}, **traced)
        check(response.status_code in (200, 201), f"node A accepted report {i} ({response.status_code})")
        check(response.headers.get("X-Request-ID") == traced["X-Request-ID"], "node A echoes X-Request-ID")
        codes.append(response.json()["code"])
        if i == 0:
            again = api("ppk_muba", "POST", "/cases", body, node=1, **{"Idempotency-Key": idem})
            check(again.json().get("code") == codes[0], "node B answers the resent report with the same case")

    # 2. acted on, each step on the other node than the last
    for code in codes:
        for who, path, body in [
            ("verifier", "transitions", {"action": "start_verification"}),
            ("verifier", "transitions", {"action": "forward"}),
            (
                "analyst",
                "conclusion",
                {
                    "violation_types": ["media-sosial"],
                    "track": "disiplin",
                    "level": "sedang",
                    "sanction_type": "tukin-25-6",
                    "rationale": "Unggahan ajakan memilih terbukti dibuat oleh terlapor.",
                },
            ),
            ("bkn", "recommendation", {}),
        ]:
            response = api(who, "POST", f"/cases/{code}/{path}", body)
            check(response.status_code == 200, f"{who} {path} on {code} ({response.status_code})")
    check(
        all(api("leader", "GET", f"/cases/{c}").json()["status"] == "menunggu_tindak_lanjut" for c in codes),
        f"all {CASES} cases wait for the PPK, read from both nodes",
    )

    # 3. a staff session shared by both nodes; a file written by a worker, downloaded through a node
    web = httpx.Client(timeout=30, follow_redirects=False)
    page = web.get(f"{nodes[0]}/akun/masuk/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    check(token is not None, "node A serves the login form")
    assert token is not None
    login = web.post(
        f"{nodes[0]}/akun/masuk/",
        data={"username": keys["leader_username"], "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{nodes[0]}/akun/masuk/"},
    )
    check(login.status_code == 302, f"leader logs in on node A ({login.status_code})")
    check("nt_primary" in web.cookies, "the login (a write) sets the read-your-writes cookie")
    right_after = web.get(f"{nodes[1]}/pemantauan/")
    check(right_after.status_code == 200, "node B knows the session made on node A")
    check(
        "X-Netralitas-Read-From" not in right_after.headers, "right after a write, node B reads the primary"
    )
    csrf = web.cookies.get("csrftoken") or ""
    made = web.post(
        f"{nodes[1]}/pemantauan/laporan/buat/",
        data={"csrfmiddlewaretoken": csrf},
        headers={"Referer": f"{nodes[1]}/pemantauan/", "X-CSRFToken": csrf},
    )
    check(made.status_code == 302, f"node B enqueues the weekly report ({made.status_code})")
    took = wait_for("a db_worker writes the weekly report", lambda: MonitoringReport.objects.exists())
    print(f"     weekly report written by a db_worker in {took:.1f}s")
    report = MonitoringReport.objects.get()
    pdf = web.get(f"{nodes[0]}/pemantauan/laporan/{report.code}/")
    check(pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), "node A streams the PDF from storage")
    check(
        os.environ["AWS_S3_ENDPOINT_URL"] not in str(pdf.headers) and "Location" not in pdf.headers,
        "the file comes through the app, no bucket URL is handed out",
    )

    # 4. dashboards and statistics from the replica once the marker has expired
    web.cookies.delete("nt_primary")
    for i, base in enumerate(nodes):
        board = web.get(f"{base}/pemantauan/")
        check(board.status_code == 200, f"dashboard on node {'AB'[i]}")
        check(
            board.headers.get("X-Netralitas-Read-From") == "replica", f"node {'AB'[i]} dashboard from replica"
        )
        stats = api("leader", "GET", "/statistics", node=i)
        check(stats.status_code == 200, f"statistics on node {'AB'[i]}")
        check(
            stats.headers.get("X-Netralitas-Read-From") == "replica",
            f"node {'AB'[i]} statistics from replica",
        )
        ready = http.get(f"{base}/readyz").json()
        check(ready["status"] == "ok", f"node {'AB'[i]} ready: {json.dumps(ready['checks'])}")
        check(ready["checks"]["replica"]["serving_reads"] is True, f"node {'AB'[i]} reports the replica lag")
        check(ready["checks"]["storage"]["backend"] == "S3Storage", f"node {'AB'[i]} uses the object store")

    # 5. the shared cache: a 6/min key alternating nodes is refused on the 7th call
    # (API_RATE_LIMIT_SYNC_EVERY=1 in the harness: every call is counted in the shared cache at once)
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)  # all seven calls inside one fixed window
    statuses = [api("limited", "GET", "/catalogs/regions").status_code for _ in range(7)]
    check(statuses[:6] == [200] * 6 and statuses[6] == 429, f"rate limit shared across nodes: {statuses}")
    # ... and a lockout after 5 failed logins alternating nodes holds on both
    failures = httpx.Client(timeout=30)
    for i in range(6):
        base = nodes[i % 2]
        form = failures.get(f"{base}/akun/masuk/")
        tok = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert tok is not None
        last = failures.post(
            f"{base}/akun/masuk/",
            data={"username": keys["leader_username"], "password": "wrong", "csrfmiddlewaretoken": tok[1]},
            headers={"Referer": f"{base}/akun/masuk/"},
        )
    locked = failures.post(
        f"{nodes[1]}/akun/masuk/",
        data={"username": keys["leader_username"], "password": PASSWORD, "csrfmiddlewaretoken": tok[1]},
        headers={"Referer": f"{nodes[1]}/akun/masuk/"},
    )
    check(
        last.status_code == 200 and locked.status_code == 200 and "sessionid" not in locked.cookies,
        "after 5 failures alternating nodes, node B refuses the right password (lockout shared)",
    )

    # 6. exactly once, on the primary
    check(Case.objects.count() == CASES, f"{CASES} cases, none doubled ({Case.objects.count()})")
    for code in codes:
        actions = list(CaseEvent.objects.filter(case__code=code).values_list("action", flat=True))
        doubled_actions = [a for a, times in Counter(actions).items() if times > 1]
        check(len(actions) == 5 and not doubled_actions, f"{code}: 5 case events, none twice {actions}")
        seqs = list(
            OutboxEvent.objects.filter(case_code=code).order_by("sequence").values_list("sequence", flat=True)
        )
        check(
            seqs == list(range(1, len(seqs) + 1)),
            f"{code}: outbox sequence 1..{len(seqs)} without gap or double",
        )
    took = wait_for(
        "the two outbox workers drain the outbox",
        lambda: not Delivery.objects.filter(state=Delivery.State.PENDING).exists(),
    )
    hooks = Delivery.objects.filter(subscription_id=int(keys["subscription"]))
    events = OutboxEvent.objects.count()
    check(hooks.count() == events, f"one webhook delivery per outbox event ({hooks.count()}/{events})")
    check(not hooks.exclude(state=Delivery.State.DELIVERED).exists(), "every webhook delivery delivered")
    time.sleep(1)
    doubled = {k: v for k, v in received.items() if v != 1}
    check(len(received) == events and not doubled, f"receiver got {len(received)} events once each {doubled}")
    print(f"     outbox drained by two workers in {took:.1f}s after the last write")
    owners = Counter(hooks.values_list("attempts", flat=True))
    print(f"     delivery attempts: {dict(owners)}")
    submitted = OutboxEvent.objects.filter(event_type="submitted").order_by("id")
    check(
        [request_ids.get(str(e.event_id)) for e in submitted] == [f"nodes-journey-{i}" for i in range(CASES)],
        "each submission's webhook carried the X-Request-ID of the request that made it",
    )

    # 6b. metrics: refused without the token; with it, each node adds up its two gunicorn workers
    token = {"Authorization": f"Bearer {os.environ['METRICS_TOKEN']}"}
    for i, base in enumerate(nodes):
        node = "AB"[i]
        check(http.get(f"{base}/metrics").status_code == 401, f"node {node} /metrics refused without token")
        scraped = http.get(f"{base}/metrics", headers=token)
        check(scraped.status_code == 200, f"node {node} /metrics with the token ({scraped.status_code})")
        total = sum(
            float(line.rsplit(" ", 1)[1])
            for line in scraped.text.splitlines()
            if line.startswith("netralitas_http_requests_total{")
        )
        files = list((WORK / f"metrics{node}").glob("counter_*.db"))
        check(
            total >= sent[i] and len(files) >= 2,
            f"node {node}: {total:.0f} requests counted (the journey sent {sent[i]} API calls) "
            f"over {len(files)} worker processes",
        )
        for name in ("netralitas_outbox_pending", "netralitas_cases_overdue", "netralitas_tasks_ready"):
            check(f"# TYPE {name} gauge" in scraped.text, f"node {'AB'[i]} reports {name}")

    # 7. the replica caught up, with the same rows
    def replica_count(model: Any) -> int:
        return int(model.objects.using("replica").count())

    lag = wait_for(
        "the replica replays the journey",
        lambda: (
            replica_count(Delivery) == Delivery.objects.count()
            and replica_count(CaseEvent) == CaseEvent.objects.count()
        ),
        timeout=30,
    )
    check(
        replica_count(Case) == CASES,
        f"the replica holds the {CASES} cases (caught up in {lag:.1f}s)",
    )

    # 8. files in the object store, each once; nothing on local disk
    bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"])
    objects = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    check(objects.count(report.file.name) == 1, f"the report is in the bucket once: {objects}")
    media = Path(os.environ["MEDIA_ROOT"])
    check(not media.exists() or not any(media.rglob("*")), "nothing was written to the local MEDIA_ROOT")
    hook.shutdown()


if __name__ == "__main__":
    {"seed": seed, "run": run}[sys.argv[1]]()
