"""Shared fixtures. Portal forms carry an anti-robot proof-of-work (field ``altcha``, docs/adr/0020): in the
test profile it is trivial to compute, and ``tests.portal.helpers.proof_of_work()`` returns a valid payload
(one use each). A form posted without it is accepted within ``PORTAL_UNPROVEN_RATE`` (3/h per IP; raise it
with the ``settings`` fixture for tests that post many forms without a proof)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from netralitas.core.refcache import clear_reference_caches
from tests.world import World, build_world

_SQLITE_AUDIT_TRIGGERS = {
    "audit_auditevent_no_update": (
        "CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: UPDATE rejected'); END"
    ),
    "audit_auditevent_no_delete": (
        "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only: DELETE rejected'); END"
    ),
}


@pytest.fixture(autouse=True)
def _fresh_reference_caches() -> Iterator[None]:
    # Rolled-back test transactions don't reach the in-process reference caches (holidays, regions, ...).
    clear_reference_caches()
    yield
    clear_reference_caches()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _sqlite_audit_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """SQLite empties tables with DELETE after a transactional test, which the append-only trigger refuses:
    drop the triggers just before that flush and put them back before the next test."""
    if connection.vendor != "sqlite" or not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up inside us, so its flush runs after our teardown
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_auditevent'")
        present = {row[0] for row in cursor.fetchall()}
        for name, sql in _SQLITE_AUDIT_TRIGGERS.items():
            if name not in present:
                cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for name in _SQLITE_AUDIT_TRIGGERS:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


@pytest.fixture(autouse=True)
def _sqlite_audit_triggers_back(request: pytest.FixtureRequest) -> None:
    """After a transactional test dropped them, the next database test gets the triggers back."""
    if connection.vendor != "sqlite" or _is_transactional(request):
        return
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_auditevent'")
        present = {row[0] for row in cursor.fetchall()}
        for name, sql in _SQLITE_AUDIT_TRIGGERS.items():
            if name not in present:
                cursor.execute(sql)


@pytest.fixture
def world(db: None) -> World:
    return build_world()
