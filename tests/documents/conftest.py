from __future__ import annotations

from pathlib import Path
from typing import Any as SettingsWrapper

import pytest

from netralitas.documents.models import IssuingBody, NumberingScheme, Signatory
from netralitas.documents.seed import seed_national_bodies


@pytest.fixture(autouse=True)
def _media(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bodies(db: None) -> None:
    # A transactional test elsewhere may have flushed the migration's seed.
    seed_national_bodies(IssuingBody, Signatory, NumberingScheme)
