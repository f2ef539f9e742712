"""Reference caches: loaded once, cleared at once by a save in this process, bounded elsewhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netralitas.core.refcache import ReferenceCache, clear_reference_caches
from netralitas.registry.models import Agency, Region
from netralitas.registry.reference import agency_by_code, election_by_code, election_stage_on, region_by_code
from tests.world import World

pytestmark = pytest.mark.django_db


def test_a_lookup_reads_the_table_once_then_serves_from_memory(world: World) -> None:
    region_by_code("16.06")
    with CaptureQueriesContext(connection) as queries:
        muba = region_by_code("16.06")
        assert region_by_code("99.99") is None
    assert muba is not None and muba.pk == world.muba.pk
    assert muba.province is not None and muba.province.code == "16"  # loaded with it, no query
    assert len(queries) == 0


def test_saving_a_row_clears_the_cache_of_this_process_at_once(world: World) -> None:
    assert region_by_code("16.07") is None
    Region.objects.create(code="16.07", name="Kabupaten Musi Rawas", level="kabupaten", province=world.sumsel)
    found = region_by_code("16.07")
    assert found is not None and found.name == "Kabupaten Musi Rawas"
    world.muba.name = "Kabupaten Musi Banyuasin (baru)"
    world.muba.save()
    assert region_by_code("16.06").name == "Kabupaten Musi Banyuasin (baru)"  # type: ignore[union-attr]


def test_deleting_a_row_clears_the_cache(world: World) -> None:
    agency = Agency.objects.create(code="UJI-1", name="Instansi Uji", kind="pusat", ppk_title="Kepala")
    assert agency_by_code("UJI-1") is not None
    agency.delete()
    assert agency_by_code("UJI-1") is None


def test_a_bulk_write_is_seen_after_clear_reference_caches(world: World) -> None:
    assert region_by_code("16.08") is None
    Region.objects.bulk_create([Region(code="16.08", name="Kabupaten Uji", level="kabupaten")])
    assert region_by_code("16.08") is None  # bulk writes send no signal: the documented limit
    clear_reference_caches()
    assert region_by_code("16.08") is not None


def test_an_expired_value_is_read_again(settings) -> None:
    loads: list[int] = []
    cache = ReferenceCache("test-expiry", lambda: loads.append(1) or len(loads), [], seconds=None)
    settings.REFERENCE_CACHE_SECONDS = 0
    assert cache.get() == 1 and cache.get() == 2
    settings.REFERENCE_CACHE_SECONDS = 60
    assert cache.get() == 2 and cache.get() == 2  # the last value read is fresh for another minute


def test_a_value_loaded_during_an_invalidation_is_not_kept() -> None:
    calls: list[int] = []

    def loader() -> int:
        calls.append(1)
        if len(calls) == 1:
            cache.clear()  # a save in another thread while this load was running
        return len(calls)

    cache: ReferenceCache[int] = ReferenceCache("test-race", loader, [], seconds=60)
    assert cache.get() == 1
    assert cache.get() == 2 and cache.get() == 2


def test_the_stage_of_an_election_on_a_day(world: World) -> None:
    pilkada = election_by_code("pilkada-2024")
    assert pilkada is not None
    expected = world.pilkada.stage_on(world.pilkada.voting_date)
    assert election_stage_on(pilkada, world.pilkada.voting_date) == expected
    assert election_stage_on(pilkada, pilkada.voting_date.replace(year=1990)) is None


def test_changing_a_subscriptions_regions_clears_the_fan_out_cache(world: World) -> None:
    from netralitas.integrations.models import WebhookSubscription
    from netralitas.integrations.outbox import _matching_subscriptions

    sub = WebhookSubscription.objects.create(
        name="Bawaslu Sulsel", owner=world.bawaslu, url="https://example.go.id/hook", secret="s" * 32
    )
    assert _matching_subscriptions("submitted", world.sumsel.pk, world.muba.pk, None) == []
    sub.regions.add(world.sumsel)  # an m2m change, no save of the subscription itself
    assert [s.pk for s in _matching_subscriptions("submitted", world.sumsel.pk, world.muba.pk, None)] == [
        sub.pk
    ]
