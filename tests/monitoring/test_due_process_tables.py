"""Monitoring counts cases under objection and their outcomes, and where examinations stand, with the
suppression rule of every other count (1 to N-1 published as "<N")."""

from __future__ import annotations

import datetime as dt

import pytest

from netralitas.cases.models import Case
from netralitas.monitoring.due_process import hearing_table, remedy_table
from netralitas.monitoring.suppression import Small
from netralitas.sanctions import remedies
from netralitas.sanctions.models import Remedy
from tests.cases.helpers import sanction, submit, summon, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def test_one_pending_objection_is_published_as_less_than_five(world: World, settings) -> None:
    settings.MONITORING_SUPPRESS_BELOW = 5
    case = sanction(world, to_follow_up(world, submit(world)[0]))
    remedies.remedy_file(
        case=case,
        actor=world.ppk_muba,
        kind=Remedy.Kind.OBJECTION,
        filed_on=dt.date(2024, 12, 9),
        grounds="Terlapor menyatakan unggahan dibuat orang lain.",
        decided_by_body="Gubernur Sumatera Selatan",
    )
    table = remedy_table(Case.objects.all())
    objection = table.rows[0]
    assert objection[0] == "Keberatan"
    assert isinstance(objection[1], Small) and str(objection[1]) == "<5"  # pending, published suppressed
    assert objection[2] == 0 and objection[3] == 0 and objection[4] == 0


def test_examination_table_counts_cases_awaiting_the_ppk_by_stage(world: World, settings) -> None:
    settings.MONITORING_SUPPRESS_BELOW = 1  # no suppression: the true counts
    summoned = to_follow_up(world, submit(world)[0])
    summon(world, summoned)
    to_follow_up(world, submit(world)[0])
    rows = {row[0]: row[1] for row in hearing_table(Case.objects.all()).rows}
    assert rows["Belum dipanggil"] == 1 and rows["Dipanggil untuk pemeriksaan"] == 1
    assert rows["Diperiksa; berita acara pemeriksaan tercatat"] == 0
