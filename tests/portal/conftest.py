from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any as SettingsWrapper

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: None) -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
