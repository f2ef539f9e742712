"""Make the audit event table append-only in the database itself.

UPDATE and DELETE are rejected by row triggers on PostgreSQL (a plpgsql function raising SQLSTATE 23001
restrict_violation) and on SQLite (RAISE(ABORT), also a constraint error), so Django raises IntegrityError
on both. TRUNCATE is not blocked: it needs table ownership, which the application role should not have in
production, and the test runner uses it to flush tables.
"""

from django.db import migrations

TABLE = "audit_auditevent"

POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{TABLE} is append-only: % rejected', TG_OP USING ERRCODE = 'restrict_violation';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only();
    """,
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only();",
]
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: UPDATE rejected'); END;
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: DELETE rejected'); END;
    """,
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update;",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;",
]


def _run(schema_editor, statements_by_vendor):
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"no append-only trigger for {schema_editor.connection.vendor}")
    for sql in statements:
        schema_editor.execute(sql, params=None)  # None: the "%" in the PL/pgSQL is not a placeholder


def install(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL})


def remove(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_REMOVE, "sqlite": SQLITE_REMOVE})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
