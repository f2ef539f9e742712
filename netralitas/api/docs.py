"""A small local API reference page built from the OpenAPI document (no CDN, no JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .api import openapi_document


def api_docs(request: HttpRequest) -> HttpResponse:
    document = openapi_document()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "tags": ", ".join(op.get("tags", [])),
            "statuses": ", ".join(sorted(str(s) for s in op.get("responses", {}))),
        }
        for path, item in document["paths"].items()
        for method, op in item.items()
    ]
    return render(
        request,
        "api/docs.html",
        {"info": document["info"], "operations": operations},
    )
