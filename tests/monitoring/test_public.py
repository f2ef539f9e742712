from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from netralitas.cases.workflow import Status
from netralitas.monitoring.public import suppress
from netralitas.monitoring.tables import Table
from tests.world import World

from .data import PILKADA_2020, bulk_cases, pilkada_2020


@pytest.mark.django_db
def test_open_data_shows_the_published_pilkada_2020_numbers(world: World) -> None:
    bulk_cases(election=pilkada_2020(), region=world.muba, agency=world.pemkab_muba, statuses=PILKADA_2020)
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.SANCTIONED: 9},
    )
    body = Client().get("/pemantauan/publik/data.json", {"pemilihan": "pilkada-2020"}).json()
    totals = {row["Kode"]: row["Kasus"] for row in body["tables"]["jumlah"]["rows"]}
    assert totals == {"dilaporkan": 2034, "terbukti": 1597, "disanksi": 1450}
    assert "definition" in body["schema"]["totals"]["terbukti"]
    csv = Client().get("/pemantauan/publik/jumlah.csv", {"pemilihan": "pilkada-2020"}).content.decode()
    assert "dilaporkan,Dilaporkan,2034" in csv
    page = Client().get("/pemantauan/publik/", {"pemilihan": "pilkada-2020"})
    assert page.status_code == 200
    assert "1597" in page.content.decode()


@pytest.mark.django_db
def test_public_page_needs_no_login_and_shows_no_personal_data(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.SANCTIONED: 7}
    )
    html = Client().get("/pemantauan/publik/").content.decode()
    assert "Sumatera Selatan" in html
    assert world.camat.name not in html and world.camat.nip not in html
    assert "UJI-" not in html  # no case numbers either


@pytest.mark.django_db
def test_small_counts_are_suppressed_with_a_complement(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 3}
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.REVIEW: 40},
    )
    body = Client().get("/pemantauan/publik/data.json").json()
    provinces = {row["Provinsi"]: row["Dilaporkan"] for row in body["tables"]["provinsi"]["rows"]}
    # 3 is hidden; 40 is hidden too, otherwise 43 - 40 would give the 3 away.
    assert provinces == {"Sumatera Selatan": "<5", "Sulawesi Selatan": "<5"}
    assert Client().get("/pemantauan/publik/rahasia.csv").status_code == 404


def test_a_lone_small_cell_takes_the_smallest_other_cell_with_it() -> None:
    table = Table("t", "t", ["x", "n"], [["a", 2], ["b", 50], ["c", 9], ["d", 0]])
    suppress(table, [1], 5)
    assert [row[1] for row in table.rows] == ["<5", 50, "<5", 0]


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=12))
def test_suppressed_cells_cannot_be_recovered_from_the_column_total(values: list[int]) -> None:
    table = Table("t", "t", ["x", "n"], [[str(i), v] for i, v in enumerate(values)])
    suppress(table, [1], 5)
    shown = [row[1] for row in table.rows]
    hidden = [i for i, v in enumerate(shown) if v == "<5"]
    for original, published in zip(values, shown, strict=True):
        if 0 < original < 5:
            assert published == "<5"
        elif published != "<5":
            assert published == original
    positive = [v for v in values if v > 0]
    if hidden and len(positive) > 1:
        assert len(hidden) >= 2


@pytest.mark.django_db
def test_public_tables_are_computed_once_per_cache_period(settings, django_assert_max_num_queries) -> None:
    from netralitas.monitoring import public

    settings.MONITORING_PUBLIC_CACHE_SECONDS = 300
    first = public.public_tables("")
    with django_assert_max_num_queries(1):  # one cache read
        second = public.public_tables("")
    assert [t.name for t in first] == [t.name for t in second]
