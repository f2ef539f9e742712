from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any as SettingsWrapper

import pytest
from django.core.cache import cache

from tests.api.conftest import api  # noqa: F401  (the API personas' keys, shared with tests/api)


@pytest.fixture(autouse=True)
def _fuzz_settings(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Rate limits would turn most examples into 429s and hide the code behind them.
    settings.PORTAL_SUBMIT_RATE = "100000/h"
    settings.PORTAL_STATUS_RATE = "100000/h"
    settings.DECLARATION_FAILURES_PER_NIP = 100000
    settings.DECLARATION_FAILURES_PER_IP = 100000


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: None) -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
