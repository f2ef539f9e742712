"""The reporter's status page: number + receipt code → stage, dates, public messages; add information.

After a successful check the case's opaque code sits in the session; ``_case_for`` is the one access
helper and answers 404 to any session without it, so no URL ever names a case.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netralitas.cases.evidence import ACCEPTED_LABEL, EvidenceError, reporter_add_information
from netralitas.cases.letters import receipt_of
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError
from netralitas.documents.services import document_rendered
from netralitas.protection.services import retaliation_claim

from . import queries
from .forms import AddInformationForm, RetaliationForm, StatusForm, StatusProofForm
from .limits import (
    needs_proof,
    status_failure_add,
    status_limited,
    submit_limited,
    too_many,
    unproven_limited,
)

SESSION_CASE = "portal_status_case"
GENERIC_ERROR = (
    "Nomor aduan atau kode rahasia tidak cocok. Periksa keduanya pada tanda terima Anda "
    "(kode rahasia berbentuk XXXX-XXXX-XXXX)."
)


@require_http_methods(["GET", "POST"])
def status_check(request: HttpRequest) -> HttpResponse:
    form_class = StatusProofForm if needs_proof(request) else StatusForm
    if request.method == "GET":
        return render(request, "portal/status.html", {"form": form_class()})
    if status_limited(request):
        return too_many(request)
    form = form_class(data=request.POST)
    error = ""
    unproven = form.is_valid() and form_class is StatusProofForm and not form.cleaned_data["altcha"]
    if unproven and unproven_limited(request):
        return too_many(request)
    if form.is_valid():
        case = queries.case_for_receipt(form.cleaned_data["number"], form.cleaned_data["code"])
        if case is not None:
            request.session.cycle_key()
            request.session[SESSION_CASE] = case.code
            return redirect("portal:status_detail")
        status_failure_add(request)
        error = _(GENERIC_ERROR)
        if needs_proof(request) and form_class is StatusForm:
            form = StatusProofForm(data=request.POST)
            form.errors.clear()
    return render(request, "portal/status.html", {"form": form, "error": error}, status=400 if error else 200)


def _case_for(request: HttpRequest) -> Case:
    case = queries.case_by_code(request.session.get(SESSION_CASE, ""))
    if case is None:
        raise Http404
    return case


@require_http_methods(["GET", "POST"])
def status_detail(request: HttpRequest) -> HttpResponse:
    case = _case_for(request)
    form = AddInformationForm(data=request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            reporter_add_information(  # after a merge, to the case it joined (where the work goes on)
                case=queries.followed_case(case),
                text=form.cleaned_data["text"],
                uploads=request.FILES.getlist("files"),
            )
        except EvidenceError as error:
            problem = str(error)
        else:
            messages.success(request, _("Terima kasih, keterangan tambahan Anda sudah kami terima."))
            return redirect("portal:status_detail")
    return _detail(request, case, form=form, problem=problem)


def _detail(
    request: HttpRequest,
    case: Case,
    *,
    form: AddInformationForm | None = None,
    retaliation: RetaliationForm | None = None,
    problem: str = "",
    status: int | None = None,
) -> HttpResponse:
    context = {
        "view": queries.reporter_view(case),
        "form": form or AddInformationForm(),
        "retaliation": retaliation or RetaliationForm(),
        "problem": problem,
        "accepted": ACCEPTED_LABEL,
        "receipt": receipt_of(case),
    }
    return render(request, "portal/status_detail.html", context, status=status or (400 if problem else 200))


@require_POST
def status_retaliation(request: HttpRequest) -> HttpResponse:
    """The reporter reports retaliation; the same answer whether or not the report was marked protected."""
    case = _case_for(request)
    if submit_limited(request):
        return too_many(request)
    form = RetaliationForm(data=request.POST)
    if not form.is_valid():
        return _detail(request, case, retaliation=form, status=400)
    if not form.cleaned_data["altcha"] and unproven_limited(request):
        return too_many(request)
    try:
        retaliation_claim(case=case, message=form.cleaned_data["message"])
    except CaseError as error:
        form.add_error("message", str(error))
        return _detail(request, case, retaliation=form, status=400)
    messages.success(
        request,
        _(
            "Aduan Anda sudah diteruskan kepada auditor BKN. Instansi Anda tidak diberi tahu "
            "siapa pengirimnya."
        ),
    )
    return redirect("portal:status_detail")


@require_GET
def status_receipt(request: HttpRequest) -> HttpResponseBase:
    """The Satgas's signed receipt of the reporter's own report (the one proven in this session): number,
    date, verification deadline; no name, no code, nothing of other reports."""
    document = receipt_of(_case_for(request))
    if document is None:
        raise Http404
    document = document_rendered(document)
    response = FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"tanda-terima-{document.code}.pdf"
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def status_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_CASE, None)
    return redirect("portal:status")
