"""The one clock: real time in production and tests, the demo season's time once a demo starts it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from netralitas.audit.services import audit_record
from netralitas.core import clock
from netralitas.core.models import DemoClock
from netralitas.core.refcache import clear_reference_caches, reference_tables_changed
from netralitas.portal.models import Draft

pytestmark = pytest.mark.django_db
SEASON = dt.datetime(2024, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
demo = override_settings(DEMO_CLOCK=True)


def close(a: dt.datetime, b: dt.datetime) -> bool:
    return abs(a - b) < dt.timedelta(seconds=5)


def test_clock_is_real_time_without_a_demo() -> None:
    assert close(clock.now(), timezone.now())
    assert clock.demo_offset() is None


@demo
def test_started_demo_clock_begins_at_the_season_and_runs_on() -> None:
    clock.start_demo(SEASON)
    assert close(clock.now(), SEASON)
    assert clock.localdate() == dt.date(2024, 12, 5)
    # A second start (a second `setup_demo`) keeps the clock where it runs.
    clock.start_demo(SEASON - dt.timedelta(days=30))
    assert close(clock.now(), SEASON)


@demo
def test_demo_clock_only_moves_forward() -> None:
    clock.start_demo(SEASON)
    moved = clock.advance_demo(dt.timedelta(days=3))
    assert close(moved, SEASON + dt.timedelta(days=3))
    assert close(clock.now(), SEASON + dt.timedelta(days=3))
    with pytest.raises(ValueError, match="dimajukan"):
        clock.advance_demo(dt.timedelta(days=-1))


@demo
def test_other_processes_learn_of_a_moved_clock() -> None:
    clock.start_demo(SEASON)
    assert close(clock.now(), SEASON)
    # Another process moves it behind this one's back (no signal here): the stamp row tells.
    later = SEASON - timezone.now() + dt.timedelta(days=9)
    DemoClock.objects.filter(pk=DemoClock.SINGLETON).update(offset=later)

    reference_tables_changed([DemoClock])
    assert close(clock.now(), SEASON + dt.timedelta(days=9))


def test_a_stored_offset_is_ignored_when_the_demo_clock_is_off() -> None:
    DemoClock.objects.create(offset=SEASON - timezone.now(), started_for=SEASON)
    clear_reference_caches()
    assert close(clock.now(), timezone.now())


@override_settings(DEMO_CLOCK=True, PRODUCTION=True)
def test_production_never_runs_a_demo_clock() -> None:
    with pytest.raises(ImproperlyConfigured):
        clock.start_demo(SEASON)
    DemoClock.objects.create(offset=dt.timedelta(days=-700), started_for=SEASON)
    assert close(clock.now(), timezone.now())


@demo
def test_rows_and_audit_events_carry_demo_time() -> None:
    clock.start_demo(SEASON)
    draft = Draft.objects.create(token="t" * 48)
    assert close(draft.created_at, SEASON) and close(draft.updated_at, SEASON)
    event = audit_record(actor=None, action="test.clock", data={})
    assert close(event.at, SEASON)


@demo
def test_demo_clock_command_shows_and_advances(capsys: pytest.CaptureFixture[str]) -> None:
    clock.start_demo(SEASON)
    call_command("demo_clock", "--advance", "2d")
    out = capsys.readouterr().out
    assert "Sabtu, 7 Desember 2024" in out or "Saturday, 7 December 2024" in out
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("demo_clock", "--advance", "tomorrow")


@demo
def test_every_page_says_when_the_demo_clock_runs(client) -> None:  # type: ignore[no-untyped-def]
    assert "jam demo" not in client.get("/").content.decode()
    clock.start_demo(SEASON)
    page = client.get("/").content.decode()
    assert "jam demo" in page and "5 Desember 2024" in page
