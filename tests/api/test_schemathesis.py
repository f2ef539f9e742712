"""Property-based run of the whole OpenAPI document against the WSGI app: no 5xx, responses match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import make_caller
from tests.world import build_world

DOCUMENT = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
OPERATIONS = [(method.upper(), path) for path, item in DOCUMENT["paths"].items() for method in item]
# Negative data needs something to break: a body or a query parameter (a bare string path is always valid).
NEGATIVE = [
    (method.upper(), path)
    for path, item in DOCUMENT["paths"].items()
    for method, op in item.items()
    if "requestBody" in op or any(p["in"] == "query" for p in op.get("parameters", []))
]
POSITIVE, NEGATIVE_MODE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
RUNS = [(POSITIVE, m, p) for m, p in OPERATIONS] + [(NEGATIVE_MODE, m, p) for m, p in NEGATIVE]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.mark.parametrize(
    ("mode", "method", "path"), RUNS, ids=[f"{mode.value} {m} {p}" for mode, m, p in RUNS]
)
@pytest.mark.django_db(transaction=True)
def test_operation_conforms_to_its_schema(method: str, path: str, mode: schemathesis.GenerationMode) -> None:
    # Committed data (a transactional test): the raw WSGI handler closes the database connection after
    # each request, which on PostgreSQL would end the enclosing test transaction.
    world = build_world()
    caller = make_caller(world.verifier, name="schemathesis", rate=1_000_000)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operation = schema[path][method]
    checks = (
        CHECKS
        if mode == POSITIVE
        else [not_a_server_error, content_type_conformance, status_code_conformance]
    )

    @given(case=operation.as_strategy(generation_mode=mode, headers={"X-API-Key": caller.key}))
    @settings(
        max_examples=20 if mode == POSITIVE else 10,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=checks)

    run()
