"""ADR 0022: the reported ASN of ``grouped_figures`` (per-status distinct counts and per-(key, employee)
flags) equal a recount from the cases.

A seeded random replay writes cases and changes them the way transitions do (status moves, merges into
another report, withdrawals, the reported person identified or re-identified, another agency or
election), and after every step compares every figure of every table key with (a) a recount in Python
straight from the case rows by ADR 0021's definitions and (b) the single-aggregate SQL definition
(``COUNT(DISTINCT employee_id)`` + unidentified reports).
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from netralitas.cases.figures import (
    Figure,
    asn_count,
    counted,
    figures,
    grouped_figures,
    groups,
    report_count,
)
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.monitoring import public
from netralitas.registry.models import Employee
from netralitas.sanctions.models import ViolationType
from tests.monitoring.data import bulk_cases, pemilu_2024, reported_twice_world
from tests.world import World

KEYS = ("province_id", "agency_id", "election_id", "election_stage_id", "violation_types")


def _recount(
    keys: tuple[str, ...], measures: dict[str, frozenset[str] | None], scope: Q | None = None
) -> dict[tuple, dict[str, Figure]]:
    """Figures by ADR 0021's text, from the rows: reports; distinct employees plus unidentified reports."""
    rows = []
    cases = Case.objects.filter(merged_into__isnull=True)
    for case in cases.filter(scope or Q()).prefetch_related("violation_types"):
        if keys == ("violation_types",):
            values: list[tuple] = [(vt.pk,) for vt in case.violation_types.all()] or [(None,)]
        else:
            values = [tuple(getattr(case, k) for k in keys)]
        rows += [(value, case) for value in values]
    result: dict[tuple, dict[str, Figure]] = {}
    for value in {v for v, _c in rows}:
        of_key = [c for v, c in rows if v == value]
        figures_of_key = {}
        for name, statuses in measures.items():
            chosen = [c for c in of_key if statuses is None or c.status in statuses]
            employees = {c.employee_id for c in chosen if c.employee_id is not None}
            unidentified = sum(1 for c in chosen if c.employee_id is None)
            figures_of_key[name] = Figure(len(chosen), len(employees) + unidentified)
        result[value] = figures_of_key
    return result


def _reference_sql(key: str, measures: dict[str, frozenset[str] | None]) -> dict[tuple, dict[str, Figure]]:
    """ADR 0021's one-aggregate formulation (conditional COUNT and COUNT(DISTINCT))."""
    annotations = {}
    for i, statuses in enumerate(measures.values()):
        annotations[f"r{i}"] = report_count(statuses)
        annotations[f"a{i}"] = asn_count(statuses)
    result: dict[tuple, dict[str, Figure]] = {}
    for row in counted(Case.objects.all()).order_by().values(key).annotate(**annotations):
        result[(row[key],)] = {name: Figure(row[f"r{i}"], row[f"a{i}"]) for i, name in enumerate(measures)}
    return result


def _check(measures: dict[str, frozenset[str] | None]) -> None:
    everything = grouped_figures(Case.objects.all(), (), measures)
    assert everything == _recount((), measures)
    assert figures(Case.objects.all()) == _recount((), groups()).get((), {c: Figure(0, 0) for c in groups()})
    for key in KEYS:
        fast = grouped_figures(Case.objects.all(), (key,), measures)
        assert fast == _recount((key,), measures), key
        if key != "violation_types":
            assert fast == _reference_sql(key, measures), key
    # A scope with an OR, like a provincial viewer's (the per-employee query reads the scoped ids first).
    scope = Q(province__code="16") | Q(election__code="pemilu-2024")
    for keys in ((), ("agency_id",), ("violation_types",)):
        assert grouped_figures(Case.objects.filter(scope), keys, measures) == _recount(keys, measures, scope)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_asn_equal_a_recount_after_every_random_transition(world: World, seed: int) -> None:
    rng = random.Random(seed)
    elections = [world.pilkada, pemilu_2024()]
    stages = [None, *world.pilkada.stages.all()[:2]]
    people: list[Employee | None] = [world.camat, world.makassar_staff, None]
    violations = list(ViolationType.objects.all()[:3])
    statuses = list(Status.values)
    places = [(world.muba, world.pemkab_muba), (world.makassar, world.pemkot_makassar), (world.muba, None)]
    measures = dict(groups())
    cases: list[Case] = []
    for step in range(60):
        action = rng.choice(["new", "new", "move", "merge", "withdraw", "identify", "agency", "election"])
        if action == "new" or not cases:
            region, agency = rng.choice(places)
            case = bulk_cases(
                election=rng.choice(elections),
                region=region,
                agency=agency,
                statuses={rng.choice(statuses): 1},
            )[0]
            case.employee = rng.choice(people)
            case.election_stage = rng.choice(stages)
            case.save(update_fields=["employee", "election_stage"])
            if violations:
                case.violation_types.set(rng.sample(violations, rng.randint(0, len(violations))))
            cases.append(case)
        else:
            case = rng.choice(cases)
            if action == "move":
                case.status = rng.choice(statuses)
            elif action == "merge":
                others = [c for c in cases if c.pk != case.pk and c.merged_into_id is None]
                if others:
                    case.status, case.merged_into = Status.CANCELLED, rng.choice(others)
            elif action == "withdraw":
                case.status, case.merged_into = Status.CANCELLED, None
            elif action == "identify":
                case.employee = rng.choice(people)
            elif action == "agency":
                case.agency = rng.choice(places)[1]
            else:
                case.election = rng.choice(elections)
            case.save()
        if step % 6 == 5 or step == 59:
            _check(measures)


def test_every_table_is_at_most_two_group_bys(world: World) -> None:
    reported_twice_world(world)
    cases = public.public_cases("")
    counts = figures(cases)
    for build in (public.province_table, public.agency_table, public.election_table):
        with CaptureQueriesContext(connection) as captured:
            build(cases, counts)
        grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]]
        assert len(grouped) == 2, build


def test_an_employee_reported_twice_in_one_row_is_one_asn_when_only_every_status_is_asked(
    world: World,
) -> None:
    # No measure of several statuses but "every status": the per-employee query still groups.
    reported_twice_world(world)
    grouped = grouped_figures(Case.objects.all(), ("province_id",), {"all": None}, asn_of=("all",))
    assert grouped == _recount(("province_id",), {"all": None})
