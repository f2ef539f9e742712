"""The committed form of the OpenAPI document: sorted keys, two-space indent, trailing newline."""

from __future__ import annotations

import json

from .api import openapi_document


def render_openapi() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
