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


@pytest.fixture(autouse=True)
def _webhooks_and_adapters_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests count the deliveries to webhooks and adapters; the next owner's e-mail, a local
    consumer of the same outbox, is left out here and tested in tests/workspace/test_notifications.py."""
    monkeypatch.setattr("netralitas.cases.services.notice_consumers", lambda event: ())
