"""``/api/v1/statistics``: reports and distinct reported ASN per bucket, summary group and election."""

from __future__ import annotations

import pytest

from netralitas.cases.buckets import ASN_DEFINITION
from tests.monitoring.data import EXPECTED_BUCKETS, EXPECTED_SUMMARY, EXPECTED_TOTALS, reported_twice_world
from tests.world import World

from .conftest import Callers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024"])
def test_statistics_count_reports_and_reported_asn_per_bucket(
    api: Callers, world: World, election: str
) -> None:
    reported_twice_world(world)
    body = api.leader.get("/api/v1/statistics", election=election).json()
    expected = EXPECTED_TOTALS[election]
    assert body["totals"] == {code: n for code, (n, _asn) in expected.items()}
    assert body["totals_asn"] == {code: asn for code, (_n, asn) in expected.items()}
    assert {b["code"]: (b["count"], b["asn"]) for b in body["buckets"]} == EXPECTED_BUCKETS[election]
    assert {b["code"]: (b["count"], b["asn"]) for b in body["summary"]} == EXPECTED_SUMMARY[election]
    assert body["definitions"]["asn"] == ASN_DEFINITION


def test_statistics_of_every_election_count_an_asn_of_two_elections_once(api: Callers, world: World) -> None:
    reported_twice_world(world)
    body = api.leader.get("/api/v1/statistics").json()
    assert body["totals"] == {"dilaporkan": 8, "terbukti": 5, "disanksi": 2}
    assert body["totals_asn"] == {"dilaporkan": 5, "terbukti": 2, "disanksi": 1}
    # Per bucket the camat counts where his reports are: the sanctioned bucket has two reports, one ASN.
    sanctioned = next(b for b in body["buckets"] if b["code"] == "disanksi")
    assert (sanctioned["count"], sanctioned["asn"]) == (2, 1)
    assert sum(b["asn"] for b in body["buckets"]) > body["totals_asn"]["dilaporkan"]


def test_statistics_count_the_asn_of_the_clients_scope_only(api: Callers, world: World) -> None:
    reported_twice_world(world)
    body = api.ppk_makassar.get("/api/v1/statistics").json()
    # The Makassar PPK sees its official's two reports: two reports, one reported ASN.
    assert body["totals"]["dilaporkan"] == 2
    assert body["totals_asn"] == {"dilaporkan": 1, "terbukti": 1, "disanksi": 0}


def test_statistics_are_two_count_queries_after_the_scope(
    api: Callers, world: World, django_assert_num_queries
) -> None:
    from netralitas.api.queries import statistics

    reported_twice_world(world)
    with django_assert_num_queries(3):  # the client's scope, then every bucket, group and total (two)
        statistics(world.leader, None)
