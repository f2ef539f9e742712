"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: database, replica, storage, backlogs).

Both are cheap enough for a load balancer to poll every few seconds: ``/readyz`` runs one ``SELECT 1``,
reads the replica lag the router already keeps (measured at most every few seconds), asks the storage
whether one small key exists, and counts at most ``_COUNT_CAP`` rows of the task queue and the outbox.
Models of higher layers are looked up by name (``apps.get_model``) so core imports none of them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import replica

logger = logging.getLogger("netralitas.health")
_COUNT_CAP = 10_000


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> dict[str, Any]:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "vendor": connections[DEFAULT_DB_ALIAS].vendor}


def _replica() -> dict[str, Any]:
    if not replica.replica_configured():
        return {"ok": True, "configured": False}
    lag = replica.replica_lag()
    limit = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
    # A lagging replica does not make the node unready: reads fall back to the primary.
    return {
        "ok": True,
        "configured": True,
        "lag_seconds": lag,
        "max_lag_seconds": limit,
        "serving_reads": lag is not None and lag <= limit,
    }


def _storage() -> dict[str, Any]:
    storage = storages["default"]
    try:
        storage.exists("readyz-probe")
    except Exception as error:
        return {"ok": False, "backend": type(storage).__name__, "error": type(error).__name__}
    return {"ok": True, "backend": type(storage).__name__}


def _capped_count(model_label: str, **filters: Any) -> int | None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    return model._default_manager.filter(**filters)[:_COUNT_CAP].count()


def _backlogs() -> dict[str, Any]:
    try:
        return {
            "ok": True,
            "tasks_ready": _capped_count("django_tasks_database.DBTaskResult", status="READY"),
            "outbox_pending": _capped_count("integrations.Delivery", state="menunggu"),
            "outbox_dead": _capped_count("integrations.Delivery", state="gagal_permanen"),
            "cap": _COUNT_CAP,
        }
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database()}
    if checks["database"]["ok"]:
        checks["backlog"] = _backlogs()
    checks["replica"] = _replica()
    checks["storage"] = _storage()
    ready = all(check["ok"] for check in checks.values())
    if not ready:
        logger.warning("not ready: %s", {name: c for name, c in checks.items() if not c["ok"]})
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
