"""``manage.py demo_clock [--advance 3d|12h|90m]``: shows the demo clock, or moves it forward."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats, timezone

from netralitas.core import clock

_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_span(text: str) -> dt.timedelta:
    found = re.fullmatch(r"\s*(\d+)\s*([dhm])\s*", text)
    if not found:
        raise CommandError(f"Lama waktu tidak dikenal: {text!r} (contoh: 3d, 12h, 90m).")
    return dt.timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})


class Command(BaseCommand):
    help = "Tampilkan jam demo, atau majukan (--advance 3d) agar tangga eskalasi dapat diamati."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--advance", help="majukan jam demo sebanyak ini: 3d, 12h, 90m")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["advance"]:
                clock.advance_demo(parse_span(options["advance"]))
        except (ImproperlyConfigured, ValueError) as error:
            raise CommandError(str(error)) from None
        offset = clock.demo_offset()
        moment = formats.date_format(timezone.localtime(clock.now()), "l, j F Y, H.i T")
        if offset is None:
            self.stdout.write(f"Jam nyata (bukan demo): {moment}")
        else:
            behind = -offset if offset < dt.timedelta(0) else offset
            side = "di belakang" if offset < dt.timedelta(0) else "di depan"
            self.stdout.write(
                f"Jam demo: {moment} ({behind.days} hari {behind.seconds // 3600} jam {side} jam nyata)"
            )
        if options["advance"]:
            self.stdout.write(
                "Jalankan sapuan tenggat agar pengingat, peringatan dan usulan blokir dibuat: "
                "manage.py sweep_deadlines (make run menjalankannya berkala)."
            )
