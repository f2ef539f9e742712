"""Issues the one-time token a user needs to register their first TOTP device (shown once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.accounts.models import User
from netralitas.accounts.services import enrolment_token_issue


class Command(BaseCommand):
    help = "Issue a one-time TOTP enrolment token for a user; hand it over in person or by phone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--hours", type=int, default=72, help="validity in hours (default 72)")
        parser.add_argument("--by", default="", help="username of the administrator issuing it")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna aktif {options['username']!r} tidak ditemukan.")
        issuer = User.objects.filter(username=options["by"]).first() if options["by"] else None
        if options["by"] and issuer is None:
            raise CommandError(f"Administrator {options['by']!r} tidak ditemukan.")
        token = enrolment_token_issue(user=user, issued_by=issuer, hours=max(1, options["hours"]))
        self.stdout.write(
            f"Token pendaftaran untuk {user.username} (sekali pakai, {options['hours']} jam): {token}"
        )
