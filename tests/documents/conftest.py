from __future__ import annotations

import pytest

from netralitas.documents.models import IssuingBody, NumberingScheme, Signatory
from netralitas.documents.seed import seed_national_bodies


@pytest.fixture
def bodies(db: None) -> None:
    # A transactional test elsewhere may have flushed the migration's seed.
    seed_national_bodies(IssuingBody, Signatory, NumberingScheme)
