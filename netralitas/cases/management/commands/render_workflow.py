"""Writes docs/workflow.md from the transition table (``--check`` fails when the file is stale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netralitas.cases.workflow import render_markdown


class Command(BaseCommand):
    help = "Render docs/workflow.md from netralitas/cases/workflow.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "workflow.md"
        text = render_markdown()
        if options["check"]:
            if not path.exists() or path.read_text() != text:
                raise CommandError("docs/workflow.md is stale: run `manage.py render_workflow`.")
            return
        path.write_text(text)
        self.stdout.write(f"wrote {path}")
