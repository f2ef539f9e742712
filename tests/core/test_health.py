"""/healthz and /readyz answer a load balancer cheaply."""

from __future__ import annotations

import pytest
from django.test import Client


def test_healthz_answers_without_touching_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_database_backlog_replica_and_storage() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["backlog"]["outbox_pending"] == 0
    assert checks["backlog"]["tasks_ready"] == 0
    assert checks["replica"] == {"ok": True, "configured": False}
    assert checks["storage"] == {"ok": True, "backend": "FileSystemStorage"}


@pytest.mark.django_db
def test_readyz_is_unavailable_when_storage_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.files.storage import storages

    def broken(name: str) -> bool:
        raise OSError("bucket gone")

    monkeypatch.setattr(storages["default"], "exists", broken)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
