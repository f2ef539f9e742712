"""The artefacts of a link capture, streamed after the case's access check (404 outside scope).

The screenshot is shown inline; the captured HTML came from anywhere on the internet, so it is only ever
downloaded as a plain-text attachment under a sandboxing CSP, never rendered in the staff session's origin.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User
from netralitas.captures.models import LinkCapture
from netralitas.cases import queries

from .files import _private


@staff_required
def capture_file(request: HttpRequest, code: str, capture: str, kind: str) -> HttpResponseBase:
    assert isinstance(request.user, User)
    case = queries.get_case_for_user(request.user, code)
    found = LinkCapture.objects.filter(case=case, code=capture, state=LinkCapture.State.DONE).first()
    if found is None or kind not in ("layar.png", "halaman.html.txt"):
        raise Http404("Tangkapan tidak ditemukan.")
    if kind == "layar.png":
        response = FileResponse(found.screenshot.open("rb"), content_type="image/png")
    else:
        response = FileResponse(
            found.html.open("rb"),
            content_type="text/plain; charset=utf-8",
            as_attachment=True,
            filename=f"tangkapan-{case.number}-{found.code}.html.txt",
        )
    return _private(response)
