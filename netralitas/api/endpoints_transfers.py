"""Transfer and appointment decisions (Pasal 71(2) monitoring)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from .auth import client_of, require_write
from .media import JSON, accepts
from .problems import responses
from .schemas import TransferBatchIn, TransferBatchOut
from .transfers import api_transfers_record

router = Router(tags=["mutasi / transfers"])
router.add_decorator(accepts(JSON), mode="view")


@router.post(
    "/transfers",
    response={200: TransferBatchOut, **responses(400, 401, 403, 413, 415, 422, 429)},
    summary="Record transfer/appointment decisions; those breaking UU 10/2016 Pasal 71(2) open a case",
)
def record_transfers(request: HttpRequest, payload: TransferBatchIn) -> dict[str, Any]:
    client = client_of(request)
    require_write(client)
    return api_transfers_record(client=client, items=[d.dict() for d in payload.decisions])
