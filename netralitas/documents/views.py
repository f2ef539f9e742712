"""The public verification page of issued documents: number, date, issuer, hal, SHA-256 and standing.

Nothing on it names a reporter, a reported employee or evidence: a letter's holder learns only whether the
paper in their hands is the one issued."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import queries, signing
from .forms import CodeForm, FileCheckForm
from .services import document_rendered, document_verifies, verification_url


@require_http_methods(["GET"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("documents:verify", code=queries.normalise_code(form.cleaned_data["code"]))
    return render(request, "documents/lookup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    document = queries.document_by_code(code)
    if document is None:
        raise Http404("Kode verifikasi tidak dikenal.")
    if document.code != code:
        return redirect("documents:verify", code=document.code)
    document = document_rendered(document)
    signature_ok = document_verifies(document)
    form = FileCheckForm()
    match: bool | None = None
    if request.method == "POST":
        form = FileCheckForm(request.POST, request.FILES)
        if form.is_valid():
            digest = hashlib.sha256()
            for chunk in form.cleaned_data["file"].chunks():
                digest.update(chunk)
            match = digest.hexdigest() == document.sha256
    key_id, public_key = signing.current_public_key()
    response = render(
        request,
        "documents/verify.html",
        {
            "document": document,
            "standing": queries.standing(document, signature_ok),
            "signature_ok": signature_ok,
            "form": form,
            "match": match,
            "url": verification_url(document.code),
            "public_key": public_key if key_id == document.key_id else "",
        },
        status=200 if match is not False else 409,
    )
    response["Cache-Control"] = "no-store"
    return response
