from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from netralitas.cases.models import Case
from netralitas.cases.workflow import Stage
from netralitas.monitoring import performance
from tests.cases.helpers import sanction, submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def test_ppk_compliance_counts_on_time_follow_up_and_overdue_open_cases(world: World) -> None:
    done, _ = submit(world, key="a")
    sanction(world, to_follow_up(world, done))
    waiting, _ = submit(world, key="b")
    to_follow_up(world, waiting)
    cases = Case.objects.all()
    intervals = performance.stage_intervals(cases)
    now = timezone.now()
    [today] = performance.compliance(cases, intervals, now)
    assert (today.agency, today.received, today.due, today.on_time) == (world.pemkab_muba, 2, 1, 1)
    later = now + dt.timedelta(days=60)  # the open recommendation is now long overdue
    [late] = performance.compliance(cases, intervals, later)
    assert (late.due, late.on_time, late.open_overdue, late.index) == (2, 1, 1, 50.0)


def test_agency_below_the_minimum_is_listed_but_not_ranked(world: World) -> None:
    done, _ = submit(world, key="c")
    sanction(world, to_follow_up(world, done))
    cases = Case.objects.all()
    rows = performance.compliance(cases, performance.stage_intervals(cases), timezone.now())
    table = performance.compliance_table(rows, minimum=5)
    assert table.rows[0][0] == "—"
    assert table.rows[0][3] == 1  # the denominator is shown
    assert performance.compliance_table(rows, minimum=1).rows[0][0] == "1"


def test_stage_intervals_follow_the_case_timeline(world: World) -> None:
    case, _ = submit(world, key="d")
    to_follow_up(world, case)
    stages = [(i.stage, not i.finished) for i in performance.stage_intervals(Case.objects.all())]
    assert stages == [
        (Stage.VERIFICATION, False),
        (Stage.REVIEW, False),
        (Stage.RECOMMENDATION, False),
        (Stage.FOLLOW_UP, True),
    ]
    table = performance.deadline_table(performance.stage_intervals(Case.objects.all()), timezone.now())
    verification = table.rows[0]
    assert verification[1:5] == [1, 1, 0, 100.0]


def test_performance_page_shows_team_and_compliance_tables(world: World) -> None:
    case, _ = submit(world, key="e")
    sanction(world, to_follow_up(world, case))
    client = Client()
    client.force_login(world.leader)
    response = client.get("/pemantauan/kinerja/")
    assert response.status_code == 200
    names = [t.name for t in response.context["tables"]]
    # A leader also gets the conflicted agencies apart and the conflict table by province (ADR 0025).
    assert names == [
        *("tenggat", "tim", "kepatuhan", "kepatuhan_konflik", "konflik_wilayah", "pemeriksaan", "upaya")
    ]
    html = response.content.decode()
    assert "Pemerintah Kabupaten Musi Banyuasin" in html and "Kantor Regional VII BKN" in html
    for name in names:
        assert client.get(f"/pemantauan/unduh/{name}.xlsx").status_code == 200


def test_ppk_of_another_agency_sees_no_compliance_row_of_muba(world: World) -> None:
    case, _ = submit(world, key="f")
    sanction(world, to_follow_up(world, case))
    client = Client()
    client.force_login(world.ppk_makassar)
    response = client.get("/pemantauan/kinerja/")
    assert response.status_code == 200
    assert "Musi Banyuasin" not in response.content.decode()


def test_compliance_from_the_follow_up_stage_alone_gives_the_figures_of_every_stage(world: World) -> None:
    done, _ = submit(world, key="g")
    sanction(world, to_follow_up(world, done))
    waiting, _ = submit(world, key="h")
    to_follow_up(world, waiting)
    submit(world, key="i")  # still in verification: no follow-up interval
    cases = Case.objects.all()
    every = performance.stage_intervals(cases)
    follow_up = performance.stage_intervals(cases, frozenset({Stage.FOLLOW_UP}))
    assert follow_up == [i for i in every if i.stage == Stage.FOLLOW_UP]
    assert len(follow_up) == 2
    later = timezone.now() + dt.timedelta(days=60)
    assert performance.compliance(cases, follow_up, later) == performance.compliance(cases, every, later)
    client = Client()
    client.force_login(world.leader)
    page = next(t for t in client.get("/pemantauan/kinerja/").context["tables"] if t.name == "kepatuhan")
    download = client.get("/pemantauan/unduh/kepatuhan.csv").content.decode()
    assert page.rows and all(str(row[1]) in download for row in page.rows)
