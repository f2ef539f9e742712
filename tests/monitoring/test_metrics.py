"""/metrics: Prometheus text for operators holding the token; the figures are exact database counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families

from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.integrations.models import Delivery, WebhookSubscription
from tests.cases.helpers import submit
from tests.monitoring.data import bulk_cases
from tests.world import World

pytestmark = pytest.mark.django_db
TOKEN = "rahasia-prometheus-123"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_are_off_without_a_configured_token() -> None:
    assert Client().get("/metrics", **AUTH).status_code == 404


@override_settings(METRICS_TOKEN=TOKEN)
@pytest.mark.parametrize("header", [None, "Bearer salah", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_refuse_a_missing_or_wrong_token(header: str | None) -> None:
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    response = Client().get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"netralitas_" not in response.content


@override_settings(METRICS_TOKEN=TOKEN)
def test_metrics_count_requests_by_route_and_status_not_by_raw_path() -> None:
    client = Client()
    before = samples(client.get("/metrics", **AUTH).content.decode())
    client.get("/healthz")
    client.get("/healthz")
    client.get("/tidak-ada/12345/")
    after = samples(client.get("/metrics", **AUTH).content.decode())

    def delta(labels: dict[str, str]) -> float:
        key = ("netralitas_http_requests_total", tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert delta({"method": "GET", "route": "/healthz", "status": "200"}) == 2
    assert delta({"method": "GET", "route": "<unmatched>", "status": "404"}) == 1
    assert not any("12345" in str(key) for key in after)
    count = ("netralitas_http_request_duration_seconds_count", (("method", "GET"), ("route", "/healthz")))
    assert after[count] - before.get(count, 0) == 2


@override_settings(METRICS_TOKEN=TOKEN)
def test_metrics_report_backlog_dead_letters_overdue_cases_and_their_age(world: World) -> None:
    hook = WebhookSubscription.objects.create(
        name="hook", owner=world.bawaslu, url="http://127.0.0.1:9/hook", secret="rahasia", national=True
    )
    submit(world)
    submit(world, description="Laporan lain tentang camat yang sama di grup WhatsApp desa.")
    first = Delivery.objects.filter(consumer=hook.consumer).order_by("id")[0]
    Delivery.objects.filter(pk=first.pk).update(state=Delivery.State.DEAD)
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.AWAITING_FOLLOW_UP: 3, Status.SANCTIONED: 2},
        deadline_at=clock.now() - dt.timedelta(days=1),
    )

    response = Client().get("/metrics", **AUTH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    got = samples(response.content.decode())
    assert got[("netralitas_outbox_pending", (("consumer", hook.consumer),))] == 1
    assert got[("netralitas_outbox_dead", (("consumer", hook.consumer),))] == 1
    assert got[("netralitas_cases_overdue", (("stage", Status.AWAITING_FOLLOW_UP.value),))] == 3
    assert not any(
        k[0] == "netralitas_cases_overdue" and ("stage", Status.SANCTIONED.value) in k[1] for k in got
    )
    assert got[("netralitas_figures_computed_timestamp_seconds", ())] == pytest.approx(
        clock.now().timestamp(), abs=60
    )


@override_settings(METRICS_TOKEN=TOKEN, METRICS_FIGURES_SECONDS=300)
def test_figures_are_read_at_most_once_per_interval_and_say_when(world: World) -> None:
    from netralitas.monitoring import metrics

    hook = WebhookSubscription.objects.create(
        name="hook", owner=world.bawaslu, url="http://127.0.0.1:9/hook", secret="rahasia", national=True
    )
    pending = ("netralitas_outbox_pending", (("consumer", hook.consumer),))
    stamp = ("netralitas_figures_computed_timestamp_seconds", ())
    metrics._cached = None
    client = Client()
    submit(world)
    first = samples(client.get("/metrics", **AUTH).content.decode())
    submit(world, description="Laporan lain tentang camat yang sama di grup WhatsApp desa.")
    second = samples(client.get("/metrics", **AUTH).content.decode())
    assert (first[pending], second[pending]) == (1, 1)  # the same reading, with the same time stamp
    assert second[stamp] == first[stamp]
    metrics._cached = None  # the interval is over
    third = samples(client.get("/metrics", **AUTH).content.decode())
    assert third[pending] == 2 and third[stamp] >= first[stamp]
    metrics._cached = None


@override_settings(METRICS_TOKEN=TOKEN)
def test_the_example_grafana_dashboard_queries_only_metrics_we_publish() -> None:
    import json
    import re
    from pathlib import Path

    dashboard = json.loads((Path(__file__).parents[2] / "docs" / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    used = {name for e in exprs for name in re.findall(r"netralitas_[a-z_]+", e)}
    Client().get("/healthz")
    text = Client().get("/metrics", **AUTH).content.decode()
    published = {s[0] for s in samples(text)}
    for family in text_string_to_metric_families(text):  # families without a sample in an empty database
        published |= {family.name, f"{family.name}_total"}
    assert used and used <= published, used - published
