"""``manage.py deliver_outbox``: the outbox delivery worker (run several; kill any at any time)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.integrations.delivery import deliver_due, deliver_until_idle


class Command(BaseCommand):
    help = "Sends due outbox deliveries (webhooks, I'DIS, SIASN) with retries and per-case order."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Deliver until nothing is due, then exit.")
        parser.add_argument("--batch", type=int, default=50, help="Deliveries claimed per batch.")
        parser.add_argument("--sleep", type=float, default=1.0, help="Seconds to wait when nothing is due.")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = max(1, int(options["batch"]))
        if options["once"]:
            outcome = deliver_until_idle(batch=batch)
            self.stdout.write(f"terkirim={outcome.delivered} diulang={outcome.retried} gagal={outcome.dead}")
            return
        while True:  # pragma: no cover - the loop is exercised by the kill test in a subprocess
            outcome = deliver_due(batch=batch)
            if outcome.attempted == 0:
                time.sleep(options["sleep"])
