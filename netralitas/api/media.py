"""Which body media types an endpoint reads: anything else answers 415 before the body is touched."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from .problems import ApiProblem, render

JSON = "application/json"
MULTIPART = "multipart/form-data"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class UnsupportedMediaType(ApiProblem):
    def __init__(self, sent: str, accepted: tuple[str, ...]) -> None:
        names = ", ".join(accepted)
        super().__init__(
            415,
            "unsupported-media-type",
            "Jenis isi tidak didukung",
            f"Alamat ini hanya menerima badan {names} (yang dikirim: {sent or 'tanpa Content-Type'}).",
            f"This endpoint accepts only a {names} body (sent: {sent or 'no Content-Type'}).",
            headers={"Accept-Post": names},
        )


def _matches(content_type: str, accepted: tuple[str, ...]) -> bool:
    if content_type in accepted:
        return True
    return JSON in accepted and content_type.startswith("application/") and content_type.endswith("+json")


def accepts(*accepted: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A django-ninja "view" decorator (runs before authentication and parsing). It answers 415 to a
    body of another media type, so that ninja never reads a body as JSON that was sent as a form (a
    JSON text sent as urlencoded used to pass), nor touches ``request.body`` of a streamed upload."""

    def decorator(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(run)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in BODY_METHODS:
                content_type = request.content_type or ""
                empty = not content_type and not int(request.META.get("CONTENT_LENGTH") or 0)
                if not empty and not _matches(content_type, accepted):
                    return render(request, UnsupportedMediaType(content_type, accepted))
            return run(request, *args, **kwargs)

        return checked

    return decorator
