"""Template context every page gets."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from . import clock


def demo_clock(request: HttpRequest) -> dict[str, dt.datetime | None]:
    """``demo_now``: the demo clock's time when one runs (the page says so), else ``None``."""
    return {"demo_now": clock.now() if clock.demo_offset() is not None else None}
