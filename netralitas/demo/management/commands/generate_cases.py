"""Generates the ``national`` demo/benchmark case set (ADR 0004). Idempotent for a given seed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.demo.national_cases import generate_national_cases


class Command(BaseCommand):
    help = "Buat kumpulan kasus demo nasional (100.000 kasus di semua status) untuk demo dan benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000, help="Jumlah kasus (bawaan 100000).")
        parser.add_argument(
            "--seed", type=int, default=2024, help="Benih acak; seed yang sama tidak dibuat dua kali."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        generate_national_cases(count=options["count"], seed=options["seed"], stdout=self.stdout)
