"""Renders one sample PDF of every letter kind into a directory (nothing is issued or stored)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netralitas.documents.rendering import letter_pdf
from netralitas.documents.samples import SAMPLES, sample_parts
from netralitas.documents.services import signatory_for


class Command(BaseCommand):
    help = "Render a sample PDF of each letter kind (fictional data) into --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default="letter-samples")
        parser.add_argument("--date", default="2024-12-05")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        day = dt.date.fromisoformat(options["date"])
        for kind in SAMPLES:
            parts, context = sample_parts(kind, day, signatory_for)
            path = out / f"{kind}.pdf"
            path.write_bytes(letter_pdf(parts, context))
            self.stdout.write(str(path))
