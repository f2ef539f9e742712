"""Seeds the violation and sanction catalogs and the stage deadline rules (editable by admins after)."""

from django.db import migrations

from netralitas.sanctions.catalog import load_catalogs


def seed(apps, schema_editor):
    load_catalogs(
        apps.get_model("sanctions", "ViolationType"),
        apps.get_model("sanctions", "SanctionType"),
        apps.get_model("cases", "DeadlineRule"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sanctions", "0001_initial"),
        ("cases", "0002_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
