"""``/metrics``: Prometheus text format, for operators only (METRICS_TOKEN; docs/deploy.md, ADR 0028).

Two kinds of figure:

- process metrics (request rates and latencies, signatures recorded) from ``netralitas.core.metrics``,
  added up over the node's gunicorn workers in multiprocess mode;
- database figures — outbox backlog and dead letters per consumer, task queue depth, overdue cases by
  stage — read by a handful of GROUP BY queries on indexed columns. They are computed at most every
  ``METRICS_FIGURES_SECONDS`` per process and published with the time they were computed
  (``netralitas_figures_computed_timestamp_seconds``): a scrape may see figures some seconds old, never
  estimated or capped ones. Every node reports the same database figures; a dashboard takes ``max`` over
  nodes (docs/grafana-dashboard.json does).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from netralitas.cases.models import Case
from netralitas.core import clock
from netralitas.core.metrics import process_registry
from netralitas.integrations.models import Delivery

from .queries import OPEN_Q

_lock = threading.Lock()
_cached: tuple[float, list[GaugeMetricFamily]] | None = None


def _grouped(rows: Iterable[tuple[str, int]], name: str, doc: str, label: str) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, doc, labels=[label])
    for key, count in rows:
        family.add_metric([str(key)], count)
    return family


def compute_figures() -> list[GaugeMetricFamily]:
    """The database figures, exact at the moment they are read."""
    started = time.monotonic()
    now = clock.now()
    by_consumer = Delivery.objects.order_by().values_list("consumer").annotate(n=Count("id"))
    families = [
        _grouped(
            by_consumer.filter(state=Delivery.State.PENDING),
            "netralitas_outbox_pending",
            "Outbox deliveries waiting to be sent (first try or retry), per consumer.",
            "consumer",
        ),
        _grouped(
            by_consumer.filter(state=Delivery.State.DEAD),
            "netralitas_outbox_dead",
            "Outbox deliveries given up (dead letters), per consumer; replay them from the admin.",
            "consumer",
        ),
        _grouped(
            DBTaskResult.objects.filter(status="READY")
            .order_by()
            .values_list("queue_name")
            .annotate(n=Count("id")),
            "netralitas_tasks_ready",
            "Background tasks enqueued and not yet taken by a db_worker, per queue.",
            "queue",
        ),
        _grouped(
            Case.objects.filter(OPEN_Q, deadline_at__lt=now)
            .order_by()
            .values_list("status")
            .annotate(n=Count("id")),
            "netralitas_cases_overdue",
            "Open cases past the deadline of their current stage, per stage (case status).",
            "stage",
        ),
    ]
    stamp = GaugeMetricFamily(
        "netralitas_figures_computed_timestamp_seconds", "When the database figures were read (Unix time)."
    )
    stamp.add_metric([], now.timestamp())
    took = GaugeMetricFamily(
        "netralitas_figures_duration_seconds", "How long reading the database figures took."
    )
    took.add_metric([], time.monotonic() - started)
    return [*families, stamp, took]


def cached_figures() -> list[GaugeMetricFamily]:
    global _cached
    ttl = settings.METRICS_FIGURES_SECONDS
    with _lock:
        if _cached is None or ttl <= 0 or time.monotonic() - _cached[0] >= ttl:
            _cached = (time.monotonic(), compute_figures())
        return _cached[1]


class _Figures(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from cached_figures()


def _authorised(request: HttpRequest) -> bool:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip(), settings.METRICS_TOKEN)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not settings.METRICS_TOKEN:
        raise Http404  # off unless an operator configured a token
    if not _authorised(request):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body = generate_latest(process_registry())
    figures = CollectorRegistry(auto_describe=False)
    figures.register(_Figures())
    body += generate_latest(figures)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
