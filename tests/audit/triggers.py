"""Test helper: suspend the append-only triggers to simulate tampering with the audit table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

TABLE = "audit_auditevent"


@contextmanager
def append_only_suspended() -> Iterator[None]:
    """Let UPDATE/DELETE through on the audit table inside the block (as a DBA with table rights could)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred FK checks of this transaction are pending: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            try:
                yield
            finally:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        # SQLite cannot disable a trigger: drop it and recreate it from its stored definition.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
        )
        triggers = cursor.fetchall()
        assert triggers, "append-only triggers are missing"
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            yield
        finally:
            for _name, sql in triggers:
                cursor.execute(sql)
