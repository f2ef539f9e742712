"""Reads of campaigns, signatures and meetings, and all their scoping.

A staff user sees a campaign or meeting when one of their valid roles is national, or covers the event's
region (a province covers its kabupaten/kota), or lists a participating/invited agency. Managing a
campaign additionally needs one of the campaign's organiser roles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Window
from django.http import Http404

from netralitas.accounts.models import User
from netralitas.cases.queries import RoleScope, user_scope, visible_cases
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.core.refcache import ReferenceCache
from netralitas.registry.models import Region
from netralitas.registry.reference import election_by_pk, region_by_pk

from .models import ActionItem, Campaign, CampaignAgency, Meeting, Signature


def _region_q(scope: RoleScope, prefix: str) -> Q:
    regions = scope.province_ids | scope.region_ids
    where = Q(pk__in=[])
    if regions:
        where |= Q(**{f"{prefix}region_id__in": regions})
    if scope.province_ids:
        where |= Q(**{f"{prefix}region__province_id__in": scope.province_ids})
    return where


def _campaign_q(scope: RoleScope) -> Q:
    if scope.national:
        return Q(pk__isnull=False)
    where = _region_q(scope, "")
    if scope.agency_ids:
        where |= Q(participants__agency_id__in=scope.agency_ids)
    return where


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    where = Q(pk__in=[])
    for role_scope in user_scope(user).roles:
        where |= _campaign_q(role_scope)
    return Campaign.objects.filter(pk__in=Campaign.objects.filter(where).values("pk")).select_related(
        "region", "election"
    )


def get_campaign_for_user(user: User, code: str) -> Campaign:
    campaign = visible_campaigns(user).filter(code=code).first()
    if campaign is None:
        raise Http404("Kampanye tidak ditemukan.")
    return campaign


def may_manage(user: User, campaign: Campaign) -> bool:
    where = Q(pk__in=[])
    for role_scope in user_scope(user).roles:
        if role_scope.role in campaign.organiser_roles:
            where |= _campaign_q(role_scope)
    return Campaign.objects.filter(where, pk=campaign.pk).exists()


def get_managed_campaign(user: User, code: str) -> Campaign:
    campaign = get_campaign_for_user(user, code)
    if not may_manage(user, campaign):
        raise Http404("Kampanye tidak ditemukan.")
    return campaign


def _with_cached_places(campaign: Campaign) -> Campaign:
    """The campaign with its region and election from the reference cache (an entry too new for this
    process's cache is simply loaded on first use)."""
    if (region := region_by_pk(campaign.region_id)) is not None:
        campaign.region = region
    if (election := election_by_pk(campaign.election_id)) is not None:
        campaign.election = election
    return campaign


def get_public_campaign(code: str) -> Campaign:
    # Read fresh (state and period decide whether signing is accepted); region and election are cached.
    campaign = Campaign.objects.filter(code=code).first()
    if campaign is None or campaign.state == Campaign.State.DRAFT:
        raise Http404("Kampanye tidak ditemukan.")
    return _with_cached_places(campaign)


def _load_open_campaigns() -> dict[str, Campaign]:
    return {c.code: _with_cached_places(c) for c in Campaign.objects.filter(state=Campaign.State.OPEN)}


# Once opened, a campaign's text, period and agencies no longer change; only its state moves on (to
# closed), and the signing statement checks that state itself (services._insert). So the
# signing path may take an open campaign from a per-process cache (core.refcache) and spare a read per
# signature; a campaign opened in another process is seen from the next request (core_referencestamp).
_open_campaigns = ReferenceCache("open-campaigns", _load_open_campaigns, [Campaign])


def get_signing_campaign(code: str) -> Campaign:
    """The campaign a signature is posted to (404 for a draft or an unknown code)."""
    campaign = _open_campaigns.get().get(code)
    return campaign if campaign is not None else get_public_campaign(code)


def get_signature(code: str) -> Signature:
    signature = (
        Signature.objects.select_related("employee", "agency", "campaign", "campaign__region")
        .filter(code=code)
        .first()
    )
    if signature is None:
        raise Http404("Sertifikat tidak ditemukan.")
    return signature


def campaign_timezone(campaign: Campaign) -> ZoneInfo:
    return ZoneInfo(campaign.region.timezone or "Asia/Jakarta")


def mask_name(name: str) -> str:
    """ "Budi Santoso" → "Bu** Sa*****": enough to recognise, not enough to harvest."""
    return " ".join(w[:2] + "*" * max(len(w) - 2, 0) for w in name.split())


@dataclass(frozen=True)
class CoverageRow:
    label: str
    region: str
    target: int
    signed: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.signed / self.target, 1) if self.target else 0.0


@dataclass(frozen=True)
class Coverage:
    agencies: list[CoverageRow]
    regions: list[CoverageRow]
    total: CoverageRow
    at: dt.datetime


def coverage(campaign: Campaign) -> Coverage:
    """Signed / target per agency and per region from the per-agency counters (a few rows, no scan)."""
    rows = (
        CampaignAgency.objects.filter(campaign=campaign)
        .select_related("agency", "agency__region")
        .order_by("agency__name")
    )
    agencies: list[CoverageRow] = []
    by_region: dict[str, list[int]] = {}
    for row in rows:
        region = row.agency.region.name if row.agency.region else "Pusat"
        agencies.append(CoverageRow(row.agency.name, region, row.target, row.signed))
        totals = by_region.setdefault(region, [0, 0])
        totals[0] += row.target
        totals[1] += row.signed
    regions = [CoverageRow(name, name, t, s) for name, (t, s) in sorted(by_region.items())]
    total = CoverageRow(
        "Total", campaign.region.name, sum(r.target for r in agencies), sum(r.signed for r in agencies)
    )
    return Coverage(agencies=agencies, regions=regions, total=total, at=clock.now())


# --- meetings -------------------------------------------------------------------------------------


def visible_meetings(user: User) -> QuerySet[Meeting]:
    scope = user_scope(user)
    where = Q(pk__in=[])
    if user.agency_id is not None:
        where |= Q(organiser_id=user.agency_id) | Q(invited__id=user.agency_id)
    for role_scope in scope.roles:
        if role_scope.national:
            where |= Q(pk__isnull=False)
            continue
        where |= _region_q(role_scope, "")
        if role_scope.agency_ids:
            where |= Q(organiser_id__in=role_scope.agency_ids) | Q(invited__id__in=role_scope.agency_ids)
    if scope.user_id is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(where).values("pk")).select_related(
        "region", "organiser"
    )


def get_meeting_for_user(user: User, code: str) -> Meeting:
    meeting = visible_meetings(user).filter(code=code).first()
    if meeting is None:
        raise Http404("Rapat tidak ditemukan.")
    return meeting


def _owner_agency_ids(user: User) -> set[int]:
    ids = {r_agency for r in user_scope(user).roles for r_agency in r.agency_ids}
    if user.agency_id is not None:
        ids.add(user.agency_id)
    return ids


def open_action_items(user: User) -> QuerySet[ActionItem]:
    """Open action items owned by the user's agency (or an agency one of their roles covers), by due date;
    for the "Tindak lanjut rakor" page and the workspace queue/dashboard."""
    if not user.is_authenticated:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(owner_id__in=_owner_agency_ids(user), done_at__isnull=True)
        .select_related("meeting", "owner")
        .order_by("due_date", "id")
    )


def overdue_action_item_q(now: dt.datetime) -> Q:
    """An action item is overdue once its due date has ended in its meeting region's zone (a date due in
    Jayapura passes two hours before the same date in Jakarta)."""
    where = Q(pk__in=[])
    for zone in Region.TimeZone.values:
        where |= Q(meeting__region__timezone=zone, due_date__lt=now.astimezone(ZoneInfo(zone)).date())
    return where


def action_item_queue(user: User, now: dt.datetime, limit: int) -> tuple[Sequence[ActionItem], int]:
    """The first ``limit`` of the user's open action items, each marked ``overdue``, and how many there are
    in all: one query (the total is a window count over the whole list, taken before the limit)."""
    items = list(
        open_action_items(user).annotate(
            overdue=ExpressionWrapper(overdue_action_item_q(now), output_field=BooleanField()),
            open_total=Window(Count("pk")),
        )[:limit]
    )
    return items, (items[0].open_total if items else 0)


def get_owned_action_item(user: User, code: str) -> ActionItem:
    item = open_action_items(user).filter(code=code).first()
    if item is None:
        raise Http404("Tindak lanjut tidak ditemukan.")
    return item


@dataclass(frozen=True)
class Figures:
    received: int
    proven: int
    sanctioned: int


def case_figures_around(user: User, meeting: Meeting, weeks: int | None = None) -> tuple[Figures, Figures]:
    """The meeting region's cases (as far as the user may see them) in the N weeks before vs after it:
    received (by date of receipt), proven and sanctioned (by date of that transition)."""
    from netralitas.cases.models import CaseEvent

    span = dt.timedelta(weeks=weeks or settings.MEETING_FIGURES_WEEKS)
    region = meeting.region
    cases = visible_cases(user).filter(Q(region_id=region.pk) | Q(province_id=region.pk))
    proven = (Status.PROVEN, Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK)

    def window(start: dt.datetime, end: dt.datetime) -> Figures:
        events = CaseEvent.objects.filter(case__in=cases.values("pk"), at__gte=start, at__lt=end)
        return Figures(
            received=cases.filter(received_at__gte=start, received_at__lt=end).count(),
            proven=events.filter(to_status__in=proven).values("case_id").distinct().count(),
            sanctioned=events.filter(to_status=Status.SANCTIONED).values("case_id").distinct().count(),
        )

    at = meeting.held_at
    return window(at - span, at), window(at, at + span)
