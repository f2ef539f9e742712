from __future__ import annotations

import pytest
from django.test import Client

from netralitas.cases.workflow import Status
from netralitas.monitoring.public import suppress
from netralitas.monitoring.suppression import Hidden, Small
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
    assert "1.597" in page.content.decode()  # written the Indonesian way (the CSV keeps 1597)


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
def test_a_count_hidden_to_protect_a_small_one_is_published_as_hidden_never_as_small(world: World) -> None:
    # Issue 18: with two provinces, Sumatera Selatan's 303 reports were published as "<5" and drawn as 0.
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 303}
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.REVIEW: 3},
    )
    body = Client().get("/pemantauan/publik/data.json").json()
    provinsi = body["tables"]["provinsi"]
    provinces = {row["Provinsi"]: row["Dilaporkan"] for row in provinsi["rows"]}
    # 3 is small; 303 is hidden, otherwise 306 - 303 would give the 3 away; the total stays visible.
    assert provinces == {"Sumatera Selatan": "x", "Sulawesi Selatan": "<5"}
    assert provinsi["total"]["Dilaporkan"] == 306
    assert body["schema"]["suppression"]["hidden"] == "x"
    csv = Client().get("/pemantauan/publik/provinsi.csv").content.decode().splitlines()
    # Every report is about a different unidentified person: the ASN columns are hidden with them.
    assert "16,Sumatera Selatan,x,0,0,x,0,0" in csv
    assert "73,Sulawesi Selatan,<5,0,0,<5,0,0" in csv
    assert csv[-1] == "total,Total,306,0,0,306,0,0"
    html = Client().get("/pemantauan/publik/").content.decode()
    assert ">\u00d7</abbr>" in html and "306" in html
    # The chart shows both provinces as suppressed, with no bar, never as a zero.
    chart = html[html.index('<svg class="chart" viewBox') : html.index("</svg>")]
    assert "Sumatera Selatan: 0" not in chart and "Sulawesi Selatan: 0" not in chart
    assert 'class="chart-value chart-suppressed">\u00d7</text>' in chart
    assert 'class="chart-value chart-suppressed">&lt;5</text>' in chart
    assert Client().get("/pemantauan/publik/rahasia.csv").status_code == 404


def test_a_table_publishes_its_small_cells_its_complement_and_its_total() -> None:
    table = Table("t", "t", ["x", "n"], [["a", 2], ["b", 50], ["c", 9], ["d", 0]])
    suppress(table, [1], 5, footer="Total")
    # The smallest cell that protects the 2 is hidden (9 ≥ 5 leaves 2 + 9 - 5 = 6 ≥ 4 of room), not 50.
    assert [row[1] for row in table.rows] == [Small(5), 50, Hidden(), 0]
    assert table.footer == ["Total", 61]  # label column 0: the label takes the code column


@pytest.mark.django_db
def test_public_tables_are_computed_once_per_cache_period(settings, django_assert_max_num_queries) -> None:
    from netralitas.monitoring import public

    settings.MONITORING_PUBLIC_CACHE_SECONDS = 300
    first = public.public_tables("")
    with django_assert_max_num_queries(1):  # one cache read
        second = public.public_tables("")
    assert [t.name for t in first] == [t.name for t in second]
