"""Per-process Prometheus metrics (prometheus-client) and the middleware that feeds the request metrics.

Request counts and latencies are counted in each process. Under gunicorn with several workers, set
``PROMETHEUS_MULTIPROC_DIR`` (config/gunicorn.py empties it at start and marks exited workers dead): every
worker writes its samples to files there and ``/metrics`` on any worker adds them up for the node. Each
node is scraped on its own (a target per node), so the figures of two nodes never mix in one answer.

The figures that live in the database (backlogs, overdue cases) are not kept here but read at scrape time
by ``netralitas.monitoring.metrics``, which knows the models.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter(
    "netralitas_http_requests",
    "HTTP requests answered, by method, URL route (the pattern, not the path) and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "netralitas_http_request_duration_seconds",
    "Time from the request entering Django to the response leaving it, by method and URL route.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SIGNATURES = Counter(
    "netralitas_declaration_signatures",
    "Neutrality declaration signatures recorded (new ones only, not repeats), by channel.",
    ["channel"],
)
UNMATCHED = "<unmatched>"
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def process_registry() -> CollectorRegistry:
    """The registry holding this node's process metrics: every worker's, in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return registry
    from prometheus_client import REGISTRY

    return REGISTRY


def _route(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNMATCHED  # 404s of arbitrary paths must not grow one series each
    return "/" + str(match.route).lstrip("^").rstrip("$")


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _KNOWN_METHODS else "OTHER"
        route = _route(request)
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
        REQUESTS.labels(method, route, str(response.status_code)).inc()
        return response
