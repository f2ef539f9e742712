"""The landing page and the three-step report form with its htmx helpers, the success page and the PDF.

A draft is reachable only from the session that started it (access helper ``_draft_for``: 404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netralitas.cases.deadlines import case_timezone
from netralitas.cases.evidence import ACCEPTED_LABEL
from netralitas.cases.models import Case
from netralitas.registry import queries as registry
from netralitas.registry.models import Agency, Region

from . import queries
from .forms import ReporterForm, WhatForm, WhoForm, employee_from_token, employee_token
from .limits import lookup_limited, submit_limited, too_many, unproven_limited
from .models import Draft
from .proof import challenge_new
from .receipts import receipt_code, receipt_forget, receipt_pdf, receipt_remember
from .services import (
    ReportInput,
    draft_add_files,
    draft_remove_file,
    draft_save_answers,
    draft_start,
    draft_submit,
)

SESSION_DRAFTS = "portal_drafts"
STEPS = ("siapa", "apa", "pelapor")
_NOT_SAVED = {"csrfmiddlewaretoken", "altcha", "action", "token"}
_MULTI = {"violation_types"}


@require_GET
def challenge(request: HttpRequest) -> HttpResponse:
    """A fresh proof-of-work challenge for the widget (portal/proof.py); never cached."""
    response = JsonResponse(challenge_new())
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"violation_types": queries.violation_catalog(), "rules": queries.stage_rules()},
    )


def _draft_for(request: HttpRequest, token: str) -> Draft:
    if token not in request.session.get(SESSION_DRAFTS, []):
        raise Http404
    draft = Draft.objects.filter(token=token).first()
    if draft is None:
        raise Http404
    return draft


@require_GET
def report_start(request: HttpRequest) -> HttpResponse:
    draft = draft_start()
    request.session[SESSION_DRAFTS] = [*request.session.get(SESSION_DRAFTS, [])[-4:], draft.token]
    return redirect("portal:step", token=draft.token, step="siapa")


def _raw(request: HttpRequest) -> dict[str, list[str]]:
    return {k: v for k, v in request.POST.lists() if k not in _NOT_SAVED}


def _initial(saved: dict[str, list[str]]) -> dict[str, Any]:
    return {k: (v if k in _MULTI else (v[0] if v else "")) for k, v in saved.items()}


def _who_results(values: dict[str, Any]) -> dict[str, Any]:
    """Search results and the chosen employee for re-rendering step 1 (after back, refresh or an error)."""
    found = None
    if values.get("mode") == "nip" and values.get("identifier"):
        found = registry.employee_by_identifier(values["identifier"])
    chosen = employee_from_token(values.get("employee", "")) if values.get("employee") else None
    results = _search(values) if values.get("mode") == "cari" else None
    return {"found": found, "results": results, "chosen_pk": chosen.pk if chosen else None}


def _search(values: dict[str, Any]) -> list[tuple[Any, str]]:
    agency = Agency.objects.filter(code=values.get("search_agency") or "").first()
    region = Region.objects.filter(
        code=values.get("search_region") or "", level=Region.Level.PROVINCE
    ).first()
    rows = registry.search_employees(
        name=values.get("search_name", ""),
        agency_id=agency.pk if agency else None,
        region_id=region.pk if region else None,
    )
    return [(e, employee_token(e)) for e in rows]


def _step_context(draft: Draft, step: str, form: Any, **extra: Any) -> dict[str, Any]:
    return {
        "draft": draft,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "steps": STEPS,
        "form": form,
        "files": list(draft.files.all()),
        "max_files": settings.PORTAL_MAX_FILES,
        "accepted": ACCEPTED_LABEL,
        "limits": {
            "image": settings.PORTAL_MAX_IMAGE_MB,
            "pdf": settings.PORTAL_MAX_PDF_MB,
            "video": settings.PORTAL_MAX_VIDEO_MB,
        },
        **extra,
    }


def _build_report(draft: Draft, reporter: ReporterForm) -> tuple[ReportInput | None, str | None]:
    """Re-validates the stored steps 1 and 2; returns the input for submission or the step to fix."""
    answers = draft.answers
    who = WhoForm(data=_flat(answers.get("siapa", {})))
    what = WhatForm(data=_flat(answers.get("apa", {})))
    if not who.is_valid():
        return None, "siapa"
    if not what.is_valid() or what.place is None:
        return None, "apa"
    data = what.cleaned_data
    return (
        ReportInput(
            election=data["election"],
            region=what.place,
            incident_date=data["incident_date"],
            description=data["description"],
            violation_type_ids=[v.pk for v in data["violation_types"]],
            links=data["links"],
            employee=who.chosen_employee,
            reported_name=who.cleaned_data.get("reported_name", "") if who.chosen_employee is None else "",
            reported_position=who.cleaned_data.get("reported_position", "")
            if who.chosen_employee is None
            else "",
            reported_agency=who.reported_agency_obj() if who.chosen_employee is None else None,
            reported_description=who.cleaned_data.get("reported_description", "")
            if who.chosen_employee is None
            else "",
            reporter_identity=reporter.identity_payload(),
        ),
        None,
    )


def _flat(saved: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


@require_http_methods(["GET", "POST"])
def report_step(request: HttpRequest, token: str, step: str) -> HttpResponse:
    draft = _draft_for(request, token)
    if step not in STEPS:
        raise Http404
    if draft.submitted:
        return redirect("portal:done", token=token)
    saved = draft.answers.get(step, {})
    extra: dict[str, Any] = {}
    form_class = {"siapa": WhoForm, "apa": WhatForm, "pelapor": ReporterForm}[step]
    if request.method == "GET":
        initial = _initial(saved)
        if step == "pelapor":
            initial["token"] = draft.token
        form = form_class(initial=initial)
        if step == "siapa":
            extra = _who_results(initial)
        return render(request, "portal/step.html", _step_context(draft, step, form, **extra))

    if step == "pelapor" and submit_limited(request):
        return too_many(request)
    raw = _raw(request)
    draft_save_answers(draft=draft, step=step, values=raw)
    action = request.POST.get("action", "")
    if step == "siapa" and action in ("cari", "periksa"):  # the no-JavaScript path of the htmx look-ups
        form = WhoForm(initial=_initial(raw))
        return render(
            request, "portal/step.html", _step_context(draft, step, form, **_who_results(_initial(raw)))
        )
    if step == "apa" and request.POST.get("remove"):  # the no-JavaScript path of "hapus"
        draft_remove_file(draft=draft, code=request.POST["remove"])
        return render(
            request, "portal/step.html", _step_context(draft, step, WhatForm(initial=_initial(raw)))
        )
    file_problems: list[str] = []
    if step == "apa":
        file_problems = draft_add_files(draft=draft, uploads=request.FILES.getlist("files"))
    form = form_class(data=request.POST)
    if step == "siapa":
        extra = _who_results(_initial(raw))
    if not form.is_valid() or file_problems:
        context = _step_context(draft, step, form, file_problems=file_problems, **extra)
        return render(request, "portal/step.html", context, status=422 if not form.is_valid() else 200)
    if step != "pelapor":
        return redirect("portal:step", token=token, step=STEPS[STEPS.index(step) + 1])
    if form.cleaned_data["token"] != draft.token:
        raise Http404
    if not form.cleaned_data["altcha"] and unproven_limited(request):
        return too_many(request)
    report, fix = _build_report(draft, form)
    if report is None:
        return redirect("portal:step", token=token, step=fix)
    submission = draft_submit(draft=draft, report=report)
    if submission.receipt:
        receipt_remember(request.session, number=submission.case.number, code=submission.receipt)
    return redirect("portal:done", token=token)


@require_GET
def employee_lookup(request: HttpRequest, token: str) -> HttpResponse:
    draft = _draft_for(request, token)
    if lookup_limited(request):
        return too_many(request)
    identifier = request.GET.get("identifier", "")
    found = registry.employee_by_identifier(identifier)
    return render(
        request,
        "portal/_employee_found.html",
        {"draft": draft, "found": found, "asked": bool(identifier.strip())},
    )


@require_GET
def employee_search(request: HttpRequest, token: str) -> HttpResponse:
    draft = _draft_for(request, token)
    if lookup_limited(request):
        return too_many(request)
    values = {k: request.GET.get(k, "") for k in ("search_name", "search_agency", "search_region")}
    return render(
        request,
        "portal/_employee_results.html",
        {"draft": draft, "results": _search(values), "asked": True, "values": values},
    )


@require_GET
def region_options(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("province", "")
    if code and not Region.objects.filter(code=code, level=Region.Level.PROVINCE).exists():
        raise Http404
    regions = registry.regions_of_province(code) if code else Region.objects.none()
    return render(request, "portal/_region_options.html", {"regions": regions})


@require_POST
def file_remove(request: HttpRequest, token: str, code: str) -> HttpResponse:
    draft = _draft_for(request, token)
    if draft.submitted or not draft_remove_file(draft=draft, code=code):
        raise Http404
    if request.headers.get("HX-Request"):
        return render(request, "portal/_files.html", {"draft": draft, "files": list(draft.files.all())})
    return redirect("portal:step", token=token, step="apa")


@require_GET
def done(request: HttpRequest, token: str) -> HttpResponse:
    draft = _draft_for(request, token)
    if not draft.submitted:
        raise Http404
    case = Case.objects.select_related("province").get(number=draft.case_number)
    tz = case_timezone(case)
    return render(
        request,
        "portal/done.html",
        {
            "draft": draft,
            "number": case.number,
            "code": receipt_code(request.session, case.number),
            "received_at": case.received_at.astimezone(tz),
            "tz_label": queries.TZ_LABELS.get(tz.key, tz.key),
        },
    )


@require_GET
def receipt_download(request: HttpRequest, token: str) -> HttpResponse:
    draft = _draft_for(request, token)
    code = receipt_code(request.session, draft.case_number) if draft.submitted else None
    if code is None:
        return render(request, "portal/receipt_gone.html", {"draft": draft}, status=404)
    case = Case.objects.select_related("province").get(number=draft.case_number)
    tz = case_timezone(case)
    pdf = receipt_pdf(
        number=case.number,
        code=code,
        submitted_at=case.received_at.astimezone(tz),
        tz_label=queries.TZ_LABELS.get(tz.key, tz.key),
        status_url=request.build_absolute_uri(reverse("portal:status")),
    )
    receipt_forget(request.session)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{case.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
