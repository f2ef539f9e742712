"""Which database a read goes to (ADR 0016): the router's and the middleware's decisions."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from netralitas.core import replica
from netralitas.core.replica import (
    STICKY_COOKIE,
    LagProbe,
    ReplicaRouter,
    ReplicaRoutingMiddleware,
    on_primary,
    read_alias_for,
    replica_reads,
)

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"
WITH_REPLICA = {
    **settings.DATABASES,
    "replica": {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}},
}
with_replica = override_settings(DATABASES=WITH_REPLICA)


class _Model:
    class _meta:
        app_label = "cases"


class _SessionModel:
    class _meta:
        app_label = "sessions"


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    with replica_reads():
        assert read_alias_for("cases") == "default"


@with_replica
def test_outside_a_replica_request_reads_go_to_the_primary() -> None:
    assert read_alias_for("cases") == "default"
    assert ReplicaRouter().db_for_read(_Model) == "default"  # type: ignore[arg-type]


@with_replica
def test_a_replica_request_reads_domain_rows_from_the_replica() -> None:
    with replica_reads():
        assert ReplicaRouter().db_for_read(_Model) == "replica"  # type: ignore[arg-type]
        assert read_alias_for("monitoring") == "replica"


@with_replica
@pytest.mark.parametrize(
    "app", ["sessions", "auth", "accounts", "django_cache", "django_tasks_database", "api"]
)
def test_sessions_users_cache_tasks_and_api_keys_stay_on_the_primary(app: str) -> None:
    with replica_reads():
        assert read_alias_for(app) == "default"


@with_replica
def test_writes_always_go_to_the_primary() -> None:
    with replica_reads():
        assert ReplicaRouter().db_for_write(_Model) == "default"  # type: ignore[arg-type]
        assert ReplicaRouter().db_for_write(_SessionModel) == "default"  # type: ignore[arg-type]


@with_replica
@pytest.mark.django_db
def test_a_read_inside_a_transaction_on_the_primary_stays_there() -> None:
    with replica_reads(), transaction.atomic():
        assert read_alias_for("cases") == "default"


@with_replica
def test_on_primary_overrides_a_replica_request() -> None:
    with replica_reads(), on_primary():
        assert read_alias_for("cases") == "default"


def test_migrations_run_on_the_primary_only() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate("replica", "cases") is False


# --- lag --------------------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@override_settings(DATABASE_REPLICA_LAG_CHECK_SECONDS=3, DATABASE_REPLICA_MAX_LAG_SECONDS=5)
def test_lag_is_measured_at_most_once_per_check_interval() -> None:
    calls: list[int] = []

    def measure() -> float:
        calls.append(1)
        return 1.0

    clock = _Clock()
    probe = LagProbe(measure, clock)
    assert probe.lag() == 1.0
    clock.now = 2.9
    probe.lag()
    assert len(calls) == 1
    clock.now = 3.0
    probe.lag()
    assert len(calls) == 2


@override_settings(DATABASE_REPLICA_LAG_CHECK_SECONDS=0, DATABASE_REPLICA_MAX_LAG_SECONDS=5)
def test_a_replica_over_the_lag_limit_or_unreachable_is_not_healthy(caplog: pytest.LogCaptureFixture) -> None:
    values: list[float | None] = [4.9, 5.1, None, 0.0]
    probe = LagProbe(lambda: values.pop(0), _Clock())
    assert probe.healthy() is True
    assert probe.healthy() is False
    assert "reads fall back to the primary" in caplog.text
    assert probe.healthy() is False
    assert probe.healthy() is True


# --- the middleware ---------------------------------------------------------------------------------


def _run(request: HttpRequest) -> tuple[HttpResponse, str]:
    seen: dict[str, str] = {}

    def view(req: HttpRequest) -> HttpResponse:
        seen["alias"] = read_alias_for("cases")
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view)(request)
    return response, seen["alias"]


@pytest.fixture
def healthy_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replica, "lag_probe", LagProbe(lambda: 0.2, _Clock()))


@with_replica
def test_a_dashboard_get_reads_from_the_replica(healthy_replica: None) -> None:
    response, alias = _run(RequestFactory().get("/pemantauan/"))
    assert alias == "replica"
    assert response["X-Netralitas-Read-From"] == "replica"
    assert STICKY_COOKIE not in response.cookies


@with_replica
def test_api_statistics_and_open_data_read_from_the_replica(healthy_replica: None) -> None:
    assert _run(RequestFactory().get("/api/v1/statistics"))[1] == "replica"
    assert _run(RequestFactory().get("/pemantauan/publik/data.json"))[1] == "replica"


@with_replica
def test_case_pages_read_from_the_primary(healthy_replica: None) -> None:
    assert _run(RequestFactory().get("/kasus/"))[1] == "default"
    assert _run(RequestFactory().get("/api/v1/cases"))[1] == "default"


@with_replica
def test_a_write_sets_the_marker_and_the_next_dashboard_read_uses_the_primary(healthy_replica: None) -> None:
    response, alias = _run(RequestFactory().post("/pemantauan/laporan/buat/"))
    assert alias == "default"
    cookie = response.cookies[STICKY_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_STICKY_SECONDS
    assert cookie["httponly"]
    follow = RequestFactory().get("/pemantauan/")
    follow.COOKIES[STICKY_COOKIE] = cookie.value
    assert _run(follow)[1] == "default"


@with_replica
def test_a_lagging_replica_sends_dashboard_reads_to_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replica, "lag_probe", LagProbe(lambda: 60.0, _Clock()))
    response, alias = _run(RequestFactory().get("/pemantauan/"))
    assert alias == "default"
    assert "X-Netralitas-Read-From" not in response


def test_the_marker_is_reset_after_the_request(healthy_replica: None) -> None:
    with with_replica:
        _run(RequestFactory().get("/pemantauan/"))
        assert read_alias_for("cases") == "default"


# --- settings ---------------------------------------------------------------------------------------


def test_without_replica_url_settings_add_no_router(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    values: dict[str, Any] = runpy.run_path(str(SETTINGS_FILE))
    assert "replica" not in values["DATABASES"]
    assert "DATABASE_ROUTERS" not in values
    assert "netralitas.core.replica.ReplicaRoutingMiddleware" not in values["MIDDLEWARE"]


def test_replica_url_adds_the_alias_router_and_middleware(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://postgres@127.0.0.1:5433/netralitas")
    values: dict[str, Any] = runpy.run_path(str(SETTINGS_FILE))
    assert values["DATABASES"]["replica"]["PORT"] == 5433
    assert values["DATABASES"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["netralitas.core.replica.ReplicaRouter"]
    assert values["MIDDLEWARE"][1] == "netralitas.core.replica.ReplicaRoutingMiddleware"
