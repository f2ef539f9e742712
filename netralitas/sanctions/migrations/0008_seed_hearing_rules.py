"""Seeds who examines and the time limits of due process (ADR 0024); administrators maintain the rows."""

from django.db import migrations

from netralitas.sanctions.hearing_seed import seed_hearing_rules


def seed(apps, schema_editor):
    seed_hearing_rules(apps.get_model("sanctions", "HearingRule"))


def unseed(apps, schema_editor):
    apps.get_model("sanctions", "HearingRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0007_due_process_hearings_remedies")]

    operations = [migrations.RunPython(seed, unseed)]
