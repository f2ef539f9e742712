from __future__ import annotations

from collections.abc import Iterator

import pytest

from netralitas.registry.calendar import clear_holiday_cache
from tests.world import World, build_world


@pytest.fixture(autouse=True)
def _fresh_holiday_cache() -> Iterator[None]:
    # Rolled-back test transactions don't reach the in-process holiday cache.
    clear_holiday_cache()
    yield
    clear_holiday_cache()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
