"""Reference caches: loaded once, and no write in any process is hidden by them (core_referencestamp)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from netralitas.core.refcache import (
    ReferenceCache,
    clear_reference_caches,
    reference_tables_changed,
    request_scope,
)
from netralitas.registry.models import Agency, Region
from netralitas.registry.reference import agency_by_code, election_by_code, election_stage_on, region_by_code
from tests.world import World

pytestmark = pytest.mark.django_db


def _token(label: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM core_referencestamp WHERE model = %s", [label])
        row = cursor.fetchone()
    return row[0] if row else None


def test_within_a_request_the_tokens_are_read_once_and_the_tables_not_at_all(world: World) -> None:
    region_by_code("16.06"), agency_by_code("X")
    with request_scope(), CaptureQueriesContext(connection) as queries:
        muba = region_by_code("16.06")
        assert region_by_code("99.99") is None
        assert agency_by_code("UJI-404") is None
    assert muba is not None and muba.pk == world.muba.pk
    assert muba.province is not None and muba.province.code == "16"  # loaded with it, no query
    assert [q["sql"] for q in queries] == ["SELECT model, token FROM core_referencestamp"]


def test_outside_a_request_each_use_reads_only_the_tokens(world: World) -> None:
    region_by_code("16.06")
    with CaptureQueriesContext(connection) as queries:
        region_by_code("16.06")
    assert [q["sql"] for q in queries] == ["SELECT model, token FROM core_referencestamp"]


def test_a_write_replaces_the_models_token_in_its_own_transaction(world: World) -> None:
    before = _token("registry.region")
    with pytest.raises(RuntimeError), transaction.atomic():
        world.muba.name = "Kabupaten Musi Banyuasin (batal)"
        world.muba.save()
        during = _token("registry.region")
        assert during is not None and during != before
        raise RuntimeError("rolled back")
    assert _token("registry.region") == before  # the token rolls back with the write
    assert region_by_code("16.06").name == "Kabupaten Musi Banyuasin"  # type: ignore[union-attr]


def test_a_change_made_by_another_process_is_seen_at_the_next_use(world: World) -> None:
    """Another process's write reaches this one only through the table: a row and a new token, no signal
    in this process (a signal-free insert and raw SQL stand in for the other process's write and bump)."""
    assert region_by_code("16.09") is None  # cached here
    Region.objects.bulk_create(
        [Region(code="16.09", name="Kabupaten Empat Lawang", level="kabupaten", province=world.sumsel)]
    )
    assert region_by_code("16.09") is None  # no token changed yet: the cached value still serves
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_referencestamp SET token = token + 1 WHERE model = %s", ["registry.region"]
        )
        assert cursor.rowcount == 1
    found = region_by_code("16.09")
    assert found is not None and found.name == "Kabupaten Empat Lawang"


def test_a_value_built_inside_a_rolled_back_write_is_not_served_after_it(world: World) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        Region.objects.create(code="16.10", name="Kabupaten Batal", level="kabupaten", province=world.sumsel)
        assert region_by_code("16.10") is not None  # this transaction sees its own row
        raise RuntimeError("rolled back")
    assert region_by_code("16.10") is None
    with request_scope():  # also when the request had read the tokens before the write
        assert region_by_code("16.06") is not None
        with pytest.raises(RuntimeError), transaction.atomic():
            Region.objects.create(
                code="16.10", name="Kabupaten Batal", level="kabupaten", province=world.sumsel
            )
            assert region_by_code("16.10") is not None
            raise RuntimeError("rolled back")
        assert region_by_code("16.10") is None


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


def test_a_bulk_write_is_seen_everywhere_after_reference_tables_changed(world: World) -> None:
    assert region_by_code("16.08") is None
    before = _token("registry.region")
    with transaction.atomic():
        Region.objects.bulk_create([Region(code="16.08", name="Kabupaten Uji", level="kabupaten")])
        assert region_by_code("16.08") is None  # bulk writes send no signal: the documented limit
        reference_tables_changed([Region])
    assert _token("registry.region") != before
    assert region_by_code("16.08") is not None
    clear_reference_caches()  # this process only, no database write: usable between tests
    assert _token("registry.region") != before


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


def test_the_bulk_loaders_tell_every_process(world: World) -> None:
    from netralitas.registry.calendar import seed_holidays

    before = _token("registry.holiday")
    assert seed_holidays([2024]) > 0  # bulk_create: no signal, but the token changes in its transaction
    assert _token("registry.holiday") != before


def test_a_cache_of_a_model_whose_writes_are_not_watched_is_refused() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from netralitas.cases.models import Case

    with pytest.raises(ImproperlyConfigured, match="WATCHED_MODELS"):
        ReferenceCache("test-unwatched", list, [Case])
