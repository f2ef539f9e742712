"""A process that keeps filing cases with a photo through the services until told to stop.

``python -m tests.core.backup_writer STOPFILE`` (DATABASE_URL and MEDIA_ROOT from the environment): builds
the test world if the database has none, then files one case and adds one evidence file per round,
printing the number of cases written after each round, until STOPFILE exists (or 60 s have passed).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from netralitas.cases.evidence import evidence_add  # noqa: E402
from netralitas.registry.models import Kanreg  # noqa: E402
from tests.cases.helpers import submit  # noqa: E402
from tests.portal.helpers import jpeg_with_gps  # noqa: E402
from tests.world import build_world  # noqa: E402


def main(stop: Path) -> None:
    if Kanreg.objects.exists():
        raise SystemExit("the database already holds a world")
    world = build_world()
    colours = ["red", "green", "blue", "white", "black", "yellow"]
    written, started = 0, time.monotonic()
    while not stop.exists() and time.monotonic() - started < 60:
        case, _ = submit(world, identity={"name": "Rina", "nik": "1606044505910001"})
        photo = io.BytesIO(jpeg_with_gps(colours[written % len(colours)], (32 + written % 7, 24)))
        evidence_add(case=case, upload=photo, from_reporter=True, name=f"foto-{written}.jpg")
        written += 1
        print(written, flush=True)
        time.sleep(0.05)  # a steady stream, not a flood: the backup should see some rounds, not hundreds


if __name__ == "__main__":
    main(Path(sys.argv[1]))
