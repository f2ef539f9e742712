"""Adapters: outbox consumers that call other government systems.

- I'DIS (BKN's discipline information system) receives every recorded sanction decision.
- SIASN receives block and unblock requests for the reported employee's record.

Each adapter is enabled when its URL is set (settings IDIS_URL / SIASN_URL) and authenticates with a bearer
token (IDIS_TOKEN / SIASN_TOKEN). Requests carry the outbox event id as ``Idempotency-Key`` and
``X-Netralitas-Event-Id`` so the receiver can drop a redelivery.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .signing import EVENT_ID_HEADER


@dataclass(frozen=True)
class OutboundRequest:
    url: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Adapter:
    name: str
    url_setting: str
    token_setting: str
    paths: dict[str, str]  # event type → path below the base URL
    body: Callable[[dict[str, Any]], dict[str, Any]]

    def enabled(self) -> bool:
        return bool(getattr(settings, self.url_setting, ""))

    def request(self, payload: dict[str, Any]) -> OutboundRequest:
        base = str(getattr(settings, self.url_setting, "")).rstrip("/")
        token = str(getattr(settings, self.token_setting, ""))
        headers = {
            "Content-Type": "application/json",
            EVENT_ID_HEADER: payload["event_id"],
            "Idempotency-Key": payload["event_id"],
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(self.body(payload), sort_keys=True).encode()
        return OutboundRequest(url=base + self.paths[payload["type"]], headers=headers, body=body)


def _idis_body(payload: dict[str, Any]) -> dict[str, Any]:
    case, data = payload["case"], payload["data"]
    return {
        "event_id": payload["event_id"],
        "nomor_kasus": case["number"],
        "nip": case["employee_nip"],
        "kode_instansi": case["agency"],
        "nomor_keputusan": data.get("decree_number"),
        "kode_sanksi": data.get("sanction"),
        "lebih_ringan": data.get("lighter", False),
        "waktu": payload["occurred_at"],
    }


def _siasn_body(payload: dict[str, Any]) -> dict[str, Any]:
    case = payload["case"]
    return {
        "event_id": payload["event_id"],
        "nip": case["employee_nip"],
        "kode_instansi": case["agency"],
        "tindakan": "blokir" if payload["type"] == "blocked" else "buka_blokir",
        "alasan": f"Netralitas ASN, kasus {case['number']}",
        "waktu": payload["occurred_at"],
    }


ADAPTERS: tuple[Adapter, ...] = (
    Adapter("idis", "IDIS_URL", "IDIS_TOKEN", {"record_sanction": "/sanksi"}, _idis_body),
    Adapter(
        "siasn", "SIASN_URL", "SIASN_TOKEN", {"blocked": "/blokir", "unblocked": "/buka-blokir"}, _siasn_body
    ),
)
_BY_NAME = {a.name: a for a in ADAPTERS}


def adapters_for(event_type: str) -> list[Adapter]:
    return [a for a in ADAPTERS if event_type in a.paths and a.enabled()]


def adapter_named(name: str) -> Adapter | None:
    return _BY_NAME.get(name)
