"""Fill the stage interval of every existing transition that left a stage (see 0005).

Replays each case's timeline as monitoring did until now: the verification stage starts when the case is
received, a stage ends with the transition that leaves it, and its deadline is the one the deadline rule
valid on its first day gives (core.workdays, the holiday table in the case's province's time zone).
The mapping of statuses to stages is frozen here as it was when this migration was written.
"""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import migrations

from netralitas.core.workdays import DayUnit, deadline_at

STAGE_OF_STATUS = {
    "diterima": "verifikasi",
    "verifikasi": "verifikasi",
    "kajian_bawaslu": "kajian",
    "terbukti": "rekomendasi",
    "menunggu_tindak_lanjut": "tindak_lanjut",
}
CHUNK = 2000


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    Holiday = apps.get_model("registry", "Holiday")
    Region = apps.get_model("registry", "Region")
    holidays = frozenset(Holiday.objects.values_list("date", flat=True))
    zones = dict(Region.objects.values_list("pk", "timezone"))
    rules = defaultdict(list)
    for rule in DeadlineRule.objects.all():
        rules[rule.stage].append(rule)
    for stage_rules in rules.values():
        stage_rules.sort(key=lambda r: (r.valid_from is None, -(r.valid_from or dt.date.min).toordinal()))
    memo = {}

    def deadline(stage, start, zone_name):
        zone = ZoneInfo(zone_name or "Asia/Jakarta")
        key = (stage, start.astimezone(zone).date(), zone_name)
        if key not in memo:
            rule = next(
                (r for r in rules.get(stage, ()) if r.valid_from is None or r.valid_from <= key[1]), None
            )
            memo[key] = deadline_at(start, rule.days, DayUnit(rule.unit), holidays, zone) if rule else None
        return memo[key]

    case_ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(case_ids), CHUNK):
        chunk = case_ids[i : i + CHUNK]
        cases = {pk: (received, province) for pk, received, province in
                 Case.objects.filter(pk__in=chunk).values_list("pk", "received_at", "province_id")}
        events = defaultdict(list)
        for event in (
            CaseEvent.objects.filter(case_id__in=chunk)
            .exclude(from_status="")
            .order_by("case_id", "at", "id")
            .only("id", "case_id", "at", "from_status", "to_status")
        ):
            events[event.case_id].append(event)
        changed = []
        for case_id, (received_at, province_id) in cases.items():
            started = received_at
            for event in events.get(case_id, ()):
                before = STAGE_OF_STATUS.get(event.from_status)
                after = STAGE_OF_STATUS.get(event.to_status)
                if before == after:
                    continue
                if before is not None:
                    event.ended_stage = before
                    event.stage_started_at = started
                    event.stage_deadline_at = deadline(before, started, zones.get(province_id))
                    changed.append(event)
                started = event.at
        CaseEvent.objects.bulk_update(changed, ["ended_stage", "stage_started_at", "stage_deadline_at"], 1000)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_caseevent_stage_interval"), ("registry", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
