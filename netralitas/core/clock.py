"""The product's one clock: every "now" and every "today" comes from here.

In production it is the real time (``django.utils.timezone.now``) and nothing else. In a demo
(``settings.DEMO_CLOCK``, refused in production) it is the real time plus an offset kept in
``core_democlock``: ``setup_demo`` starts it at the season's as-of moment (5 Desember 2024 10.00 WIB,
the day Kemendagri published its Pilkada 2024 figures), after which it runs at real speed in every process.
Every deadline, reminder, warning and block of the loaded season therefore falls where it would on that
day, whatever day the demo is loaded, and ``manage.py demo_clock --advance 3d`` lets a person watch the
escalation ladder move. The offset only ever grows, so the clock never runs backwards (the audit chain's
times follow its order). The offset is a reference table (``core.refcache``): a change reaches every
process at its next request. See docs/adr/0015-demo-clock.md.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DemoClock
from .refcache import ReferenceCache

__all__ = ["advance_demo", "demo_offset", "localdate", "now", "start_demo"]

_ZERO = dt.timedelta(0)


def _load_offset() -> dt.timedelta | None:
    if DemoClock._meta.db_table not in connections[DEFAULT_DB_ALIAS].introspection.table_names():
        return None  # before the migrations have run
    return DemoClock.objects.filter(pk=DemoClock.SINGLETON).values_list("offset", flat=True).first()


_offset = ReferenceCache("demo-clock", _load_offset, [DemoClock])


def _enabled() -> bool:
    return bool(getattr(settings, "DEMO_CLOCK", False)) and not settings.PRODUCTION


def demo_offset() -> dt.timedelta | None:
    """The demo's offset from real time, or ``None`` when the clock is the real one."""
    return _offset.get() if _enabled() else None


def now() -> dt.datetime:
    """The current moment (aware, UTC): real time, or the demo's time."""
    real = timezone.now()
    offset = demo_offset()
    return real + offset if offset else real


def localdate(value: dt.datetime | None = None, tz: dt.tzinfo | None = None) -> dt.date:
    """The date of ``value`` (default: ``now()``) in ``tz`` (default: the current time zone)."""
    return timezone.localdate(value if value is not None else now(), tz)


def _require_demo() -> None:
    if settings.PRODUCTION or not getattr(settings, "DEMO_CLOCK", False):
        raise ImproperlyConfigured(_("Jam demo hanya untuk NETRALITAS_ENV=dev dengan DEMO_CLOCK aktif."))


def start_demo(at: dt.datetime) -> dt.timedelta:
    """Starts the demo clock so that ``now()`` is ``at`` (idempotent: a clock already started is kept)."""
    _require_demo()
    with transaction.atomic():
        row, _created = DemoClock.objects.select_for_update().get_or_create(
            pk=DemoClock.SINGLETON, defaults={"offset": at - timezone.now(), "started_for": at}
        )
    return row.offset


def advance_demo(by: dt.timedelta) -> dt.datetime:
    """Moves the demo clock forward by ``by`` (never backwards); returns the new ``now()``."""
    _require_demo()
    if by <= _ZERO:
        raise ValueError(_("Jam demo hanya dapat dimajukan."))
    with transaction.atomic():
        row = DemoClock.objects.select_for_update().filter(pk=DemoClock.SINGLETON).first()
        if row is None:
            raise ValueError(_("Jam demo belum dimulai: jalankan setup_demo dahulu."))
        row.offset += by
        row.save(update_fields=["offset"])
    return timezone.now() + row.offset
