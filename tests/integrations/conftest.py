from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integrations.standin import StandIn


@pytest.fixture
def receiver() -> Iterator[StandIn]:
    standin = StandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def idis() -> Iterator[StandIn]:
    standin = StandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def siasn() -> Iterator[StandIn]:
    standin = StandIn().start()
    yield standin
    standin.stop()
