"""Loads everything `make run` shows: master data, holidays, employees, demo logins and the national demo
season (Pilkada 2020, Pemilu 2024, Pilkada 2024 as of 5 Dec 2024; ``netralitas.demo.season``), or with
``--small`` the old small world (Sumatera Selatan, 300 cases through the services).
Idempotent: a second run adds nothing."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from netralitas.core import clock
from netralitas.demo.accounts import ensure_demo_users
from netralitas.demo.season import AS_OF, load_season
from netralitas.demo.season_hearings import load_due_process
from netralitas.demo.season_protection import load_protection_demo
from netralitas.demo.small_cases import create_small_cases
from netralitas.registry.calendar import seed_holidays
from netralitas.registry.masterdata import load_master_data
from netralitas.registry.models import Employee

HOLIDAY_YEARS = range(2019, 2027)  # Pilkada 2020's deadlines count from late 2019


class Command(BaseCommand):
    help = "Muat data induk, kalender, pegawai, akun demo dan musim pemilihan demo (idempoten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--small",
            action="store_true",
            help="Dunia kecil lama: pegawai profil small dan kasus demo lewat layanan (lihat --cases).",
        )
        parser.add_argument("--cases", type=int, default=300, help="Jumlah kasus untuk --small.")

    def handle(self, *args: Any, **options: Any) -> None:
        started, cpu = time.monotonic(), time.process_time()
        # Started first, so that every row the demo writes (audit chain included) carries demo time: the
        # season's "today", the day Kemendagri published its Pilkada 2024 figures (ADR 0015).
        clock.start_demo(AS_OF)
        self.stdout.write(f"demo clock: {clock.now():%Y-%m-%d %H:%M} UTC")
        counts = load_master_data()
        self.stdout.write(f"master data: {counts}")
        self.stdout.write(f"holidays created: {seed_holidays(HOLIDAY_YEARS)}")
        if Employee.objects.exists():
            # Re-generating would undo what the demo did to them (blocks, retirements).
            self.stdout.write("employees: already loaded")
        else:
            profile = "small" if options["small"] else "season"
            call_command("generate_employees", profile=profile, stdout=self.stdout)
        call_command("derive_transfer_rules", stdout=self.stdout)
        ensure_demo_users()
        if options["small"]:
            created = create_small_cases(options["cases"])
            detail = ", ".join(f"{status}: {n}" for status, n in sorted(created.items()))
            self.stdout.write(f"demo cases created: {sum(created.values())} ({detail or 'already loaded'})")
        else:
            load_season(say=self.stdout.write)
            load_protection_demo(say=self.stdout.write)
            load_due_process(today=clock.now(), say=self.stdout.write)
        self.stdout.write(
            f"setup_demo done in {time.monotonic() - started:.1f}s (CPU {time.process_time() - cpu:.1f}s)"
        )
