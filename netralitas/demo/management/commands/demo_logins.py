from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.demo.accounts import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the URL and one demo login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"].rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"Netralitas is running at {url}/  (admin: {url}/admin/)")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}); two-factor is off in the demo:")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<16} {login.role_label} [{login.agency_code}]")
            if login.hint:
                self.stdout.write(f"  {'':<16} → {login.hint}")
        self.stdout.write("Ctrl-C stops the web server, the task and outbox workers and the deadline sweep.")
