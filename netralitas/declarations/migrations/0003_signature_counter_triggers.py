"""Keep each participating agency's live counter equal to its signature rows, in the database itself.

An AFTER INSERT / AFTER DELETE row trigger on the signatures adds or removes one on the matching
``CampaignAgency.signed``, in the same statement as the row. So a signature is a single INSERT (on
PostgreSQL one round trip in autocommit), whichever path writes it (phone, attendance sheet, admin), and
the counter the coverage screen reads can never drift from the rows.
"""

from django.db import migrations

SIGNATURE = "declarations_signature"
COUNTER = "declarations_campaignagency"

POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {SIGNATURE}_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE {COUNTER} SET signed = signed + 1
            WHERE campaign_id = NEW.campaign_id AND agency_id = NEW.agency_id;
            RETURN NEW;
        END IF;
        UPDATE {COUNTER} SET signed = signed - 1
        WHERE campaign_id = OLD.campaign_id AND agency_id = OLD.agency_id;
        RETURN OLD;
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER {SIGNATURE}_count AFTER INSERT OR DELETE ON {SIGNATURE}
    FOR EACH ROW EXECUTE FUNCTION {SIGNATURE}_count();
    """,
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {SIGNATURE}_count ON {SIGNATURE};",
    f"DROP FUNCTION IF EXISTS {SIGNATURE}_count();",
]
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER {SIGNATURE}_count_insert AFTER INSERT ON {SIGNATURE}
    BEGIN
        UPDATE {COUNTER} SET signed = signed + 1
        WHERE campaign_id = NEW.campaign_id AND agency_id = NEW.agency_id;
    END;
    """,
    f"""
    CREATE TRIGGER {SIGNATURE}_count_delete AFTER DELETE ON {SIGNATURE}
    BEGIN
        UPDATE {COUNTER} SET signed = signed - 1
        WHERE campaign_id = OLD.campaign_id AND agency_id = OLD.agency_id;
    END;
    """,
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {SIGNATURE}_count_insert;",
    f"DROP TRIGGER IF EXISTS {SIGNATURE}_count_delete;",
]


def _run(schema_editor, statements_by_vendor):
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"no signature counter trigger for {schema_editor.connection.vendor}")
    for sql in statements:
        schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL})


def remove(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_REMOVE, "sqlite": SQLITE_REMOVE})


class Migration(migrations.Migration):
    dependencies = [("declarations", "0002_signature_campaign_index")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
