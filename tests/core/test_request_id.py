"""A request id follows the work: the response, the log lines, the tasks enqueued, the outbox deliveries."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from netralitas.core import requestid
from netralitas.integrations.delivery import deliver_until_idle
from netralitas.integrations.models import OutboxEvent, WebhookSubscription
from netralitas.monitoring.models import Report
from tests.cases.helpers import submit
from tests.integrations.standin import StandIn
from tests.world import World

DB_TASKS = {"default": {"BACKEND": "netralitas.core.task_backend.TracedDatabaseBackend"}}


@pytest.fixture
def receiver() -> StandIn:
    standin = StandIn().start()
    yield standin  # type: ignore[misc]
    standin.stop()


def test_a_sane_incoming_request_id_is_kept_and_echoed() -> None:
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.19:2")
    assert response["X-Request-ID"] == "lb-7f3a.19:2"


@pytest.mark.parametrize("sent", [None, "", "a b", "<script>", "x" * 129, "ñ"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_fresh_one(sent: str | None) -> None:
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    first = Client().get("/healthz", **headers)["X-Request-ID"]
    second = Client().get("/healthz", **headers)["X-Request-ID"]
    assert first != sent and len(first) == 32 and first != second


def test_log_records_carry_the_bound_request_id_and_a_dash_outside() -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    handler.addFilter(requestid.RequestIdLogFilter())
    log = logging.getLogger("tests.request_id")
    log.addHandler(handler)
    try:
        with requestid.bound("req-1"):
            log.warning("inside")
        log.warning("outside")
    finally:
        log.removeHandler(handler)
    assert [(r.getMessage(), r.request_id) for r in records] == [  # type: ignore[attr-defined]
        ("inside", "req-1"),
        ("outside", "-"),
    ]


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_a_task_enqueued_by_a_request_runs_under_its_id(
    world: World, caplog: pytest.LogCaptureFixture, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    leader = Client()
    leader.force_login(world.leader)
    response = leader.post("/pemantauan/laporan/buat/", HTTP_X_REQUEST_ID="req-weekly-42")
    assert response.status_code == 302
    row = DBTaskResult.objects.get()
    assert row.args_kwargs["request_id"] == "req-weekly-42"
    assert row.task_result.kwargs == {"requested_by_id": world.leader.pk}  # the call itself is unchanged
    assert not Report.objects.exists()

    caplog.handler.addFilter(requestid.RequestIdLogFilter())
    caplog.set_level(logging.INFO, logger="django_tasks")
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    row.claim("test")  # what the worker's loop does before running (its loop also recycles connections)
    worker.run_task(row)
    assert Report.objects.count() == 1
    finished = [r for r in caplog.records if r.name == "django_tasks" and "SUCCESSFUL" in r.getMessage()]
    assert [r.request_id for r in finished] == ["req-weekly-42"]  # type: ignore[attr-defined]
    assert requestid.current() == ""  # unbound after the task


@pytest.mark.django_db
def test_a_delivery_carries_the_request_id_of_its_change(
    world: World, receiver: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("netralitas.cases.services.notice_consumers", lambda event: ())  # webhooks only
    WebhookSubscription.objects.create(
        name="hook", owner=world.bawaslu, url=receiver.url + "/hook", secret="rahasia", national=True
    )
    with requestid.bound("req-intake-9"):
        case, _ = submit(world)
    submit(world, description="Laporan lain tentang camat yang sama di grup WhatsApp desa.")
    assert deliver_until_idle().delivered == 2
    event = OutboxEvent.objects.get(case_code=case.code)
    assert event.request_id == "req-intake-9"
    by_event = {r.headers["x-netralitas-event-id"]: r.headers["x-request-id"] for r in receiver.requests}
    assert by_event[str(event.event_id)] == "req-intake-9"
    other = OutboxEvent.objects.exclude(pk=event.pk).get()
    assert other.request_id == ""
    assert by_event[str(other.event_id)] == str(other.event_id)  # no request: the event id stands in
