"""Organisers' campaign pages: create a declaration campaign and edit it while it is a draft.

Who may do what is in ``organiser_queries`` (creating) and ``queries.may_manage`` (editing). A user with
no organising role gets 404 on the create page, like a campaign they may not manage. The participating
agencies follow the chosen region: an htmx GET of the same page with ``?region=<code>`` answers the
partial ``declarations/_campaign_agencies.html``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netralitas.accounts.decorators import staff_required
from netralitas.accounts.models import User

from . import campaign_services, organiser_queries, queries, services
from .forms import CampaignForm
from .models import Campaign

FORM_TEMPLATE = "declarations/campaign_form.html"
AGENCIES_PARTIAL = "declarations/_campaign_agencies.html"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _posted(request: HttpRequest) -> QueryDict | None:
    # Not ``request.POST or None``: an empty POST must be validated (and refused), not shown as new.
    return request.POST if request.method == "POST" else None


def _agencies_partial(request: HttpRequest, user: User) -> HttpResponse | None:
    """The agency checkboxes of the region chosen in the select (htmx), or None for a full page."""
    if request.method != "GET" or not request.headers.get("HX-Request"):
        return None
    form = CampaignForm(user=user, initial={"region": request.GET.get("region", "")[:5]})
    return render(request, AGENCIES_PARTIAL, {"form": form})


def _render(request: HttpRequest, form: CampaignForm, campaign: Campaign | None) -> HttpResponse:
    status = 422 if form.is_bound and form.errors else 200
    return render(request, FORM_TEMPLATE, {"form": form, "campaign": campaign}, status=status)


def _new_initial(user: User) -> dict[str, Any]:
    return {
        "region": organiser_queries.home_region(user),
        "all_agencies": True,
        "organiser_roles": sorted(organiser_queries.organising_roles(user)),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not organiser_queries.may_organise(user):
        raise Http404("Halaman tidak ditemukan.")
    partial = _agencies_partial(request, user)
    if partial is not None:
        return partial
    form = CampaignForm(_posted(request), user=user, initial=_new_initial(user), refresh_url=request.path)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=user, **form.service_arguments())
        except services.DeclarationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Kampanye disimpan sebagai draf. Periksa isinya, lalu buka penandatanganan.")
            )
            return redirect("declarations:campaign", code=campaign.code)
    return _render(request, form, None)


def _initial_from(campaign: Campaign) -> dict[str, Any]:
    tz = queries.campaign_timezone(campaign)
    agencies = [p.agency for p in campaign.participants.select_related("agency")]
    everyone = set(organiser_queries.campaign_agencies(campaign.region).values_list("pk", flat=True))
    return {
        "title": campaign.title,
        "text": campaign.text,
        "election": campaign.election,
        "region": campaign.region,
        "opens_at": campaign.opens_at.astimezone(tz).replace(tzinfo=None),
        "closes_at": campaign.closes_at.astimezone(tz).replace(tzinfo=None),
        "all_agencies": bool(everyone) and {a.pk for a in agencies} == everyone,
        "agencies": agencies,
        "organiser_roles": list(campaign.organiser_roles),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    campaign = queries.get_managed_campaign(user, code)
    if campaign.state != Campaign.State.DRAFT:
        messages.error(request, _("Kampanye yang sudah dibuka tidak dapat diubah lagi."))
        return redirect("declarations:campaign", code=campaign.code)
    partial = _agencies_partial(request, user)
    if partial is not None:
        return partial
    form = CampaignForm(
        _posted(request), user=user, initial=_initial_from(campaign), refresh_url=request.path
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_services.campaign_update(campaign=campaign, actor=user, **form.service_arguments())
        except services.DeclarationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan draf kampanye disimpan."))
            return redirect("declarations:campaign", code=campaign.code)
    return _render(request, form, campaign)
