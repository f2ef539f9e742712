"""Loads everything `make run` shows: master data, holidays, employees, demo logins and cases.
Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from netralitas.core import clock
from netralitas.demo.accounts import ensure_demo_users
from netralitas.demo.small_cases import create_small_cases
from netralitas.registry.calendar import seed_holidays
from netralitas.registry.masterdata import load_master_data
from netralitas.registry.models import Employee

# The demo season's "today": the day Kemendagri published its Pilkada 2024 figures (ADR 0015).
SEASON_AS_OF = dt.datetime(2024, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


class Command(BaseCommand):
    help = "Muat data induk, kalender, pegawai, akun demo dan kasus demo (idempoten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=300)

    def handle(self, *args: Any, **options: Any) -> None:
        # Started first, so that every row the demo writes (audit chain included) carries demo time.
        clock.start_demo(SEASON_AS_OF)
        self.stdout.write(f"demo clock: {clock.now():%Y-%m-%d %H:%M} UTC")
        counts = load_master_data()
        self.stdout.write(f"master data: {counts}")
        self.stdout.write(f"holidays created: {seed_holidays(range(2023, 2027))}")
        if Employee.objects.exists():
            # Re-generating would undo what the demo did to them (blocks, retirements).
            self.stdout.write("employees: already loaded")
        else:
            call_command("generate_employees", profile="small", stdout=self.stdout)
        call_command("derive_transfer_rules", stdout=self.stdout)
        ensure_demo_users()
        created = create_small_cases(options["cases"])
        detail = ", ".join(f"{status}: {n}" for status, n in sorted(created.items()))
        self.stdout.write(f"demo cases created: {sum(created.values())} ({detail or 'already loaded'})")
