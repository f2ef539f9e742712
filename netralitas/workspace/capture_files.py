"""The artefacts of a link capture, streamed after the case's access check (404 outside scope).

The screenshot is shown inline; the captured HTML came from anywhere on the internet, so it is only ever
downloaded as a plain-text attachment under a sandboxing CSP, never rendered in the staff session's origin.
"""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.captures.bundle import capture_bundle
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


@staff_required
def capture_export(request: HttpRequest, code: str) -> HttpResponseBase:
    """All captures of the case in one ZIP (files, RFC 3161 tokens, manifest with hashes); audited."""
    assert isinstance(request.user, User)
    case = queries.get_case_for_user(request.user, code)
    data = capture_bundle(case)
    with transaction.atomic():
        audit_record(actor=request.user, action="capture.exported", target=case, data={"number": case.number})
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tangkapan-{case.number}.zip"'
    return _private(response)
