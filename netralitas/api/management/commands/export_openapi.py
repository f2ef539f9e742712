"""``manage.py export_openapi`` writes docs/openapi.json (a test fails when the committed file is stale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from netralitas.api.openapi_file import render_openapi


class Command(BaseCommand):
    help = "Writes the OpenAPI document of /api/v1 to docs/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=Path(settings.BASE_DIR) / "docs" / "openapi.json")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        path.write_text(render_openapi(), encoding="utf-8")
        self.stdout.write(f"{path} ditulis.")
