"""Reads and scoping for organisers: who may create campaigns and meetings, where, and who manages a meeting.

The rules, in one place:

- **Organising roles** are Satgas verifier, BKN officer and system admin (``ORGANISER_ROLES``), the roles
  that run declaration events and coordination meetings.
- **Creating** a campaign or a meeting needs an organising role whose scope covers the event's region: a
  national role covers every region; a role listing a province covers it and its kabupaten/kota; a role
  listing a kabupaten/kota covers that one. Roles scoped to agencies only create nothing (they have no
  region to organise in).
- **Participating agencies** of a campaign are the regional governments inside its region: the region's
  own government and, for a province, those of its kabupaten/kota (the "all agencies of this province"
  choice). Central agencies are not offered: their staff work nationwide, not in one region.
- **Organising, invited and attending agencies** of a meeting are the regional governments of the region
  (and its province's government) and the Satgas bodies (``Agency.is_oversight_body``); the organiser may
  also be the creator's own agency, and the meeting page also offers its organiser and invited agencies.
- **Managing a meeting** (attendance, action items) is for its creator and for every user holding an
  organising role whose scope covers the meeting's region. Everybody else who may see the meeting reads it;
  a management URL answers 404 to them, like a meeting they may not see at all.
- **Managing a campaign** stays ``queries.may_manage``: an organiser role of the campaign with a scope over
  it. Editing is for managers too, and only while the campaign is a draft (``campaign_services``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.http import Http404

from netralitas.accounts.models import Role, User
from netralitas.cases.queries import RoleScope, user_scope
from netralitas.registry.models import Agency, Election, Region

from . import queries
from .models import Meeting

ORGANISER_ROLES: frozenset[str] = frozenset({Role.VERIFIER, Role.BKN, Role.ADMIN})


def _organising_scopes(user: User) -> list[RoleScope]:
    return [r for r in user_scope(user).roles if r.role in ORGANISER_ROLES]


def may_organise(user: User) -> bool:
    """Whether the user may create a campaign or a meeting somewhere (the "Buat"/"Catat" buttons)."""
    return any(s.national or s.province_ids or s.region_ids for s in _organising_scopes(user))


def organisable_regions(user: User) -> QuerySet[Region]:
    """The regions the user may organise in, provinces followed by their kabupaten/kota."""
    scopes = _organising_scopes(user)
    if any(s.national for s in scopes):
        return Region.objects.select_related("province").order_by("code")
    provinces: frozenset[int] = frozenset().union(*(s.province_ids for s in scopes))
    regions: frozenset[int] = frozenset().union(*(s.region_ids for s in scopes))
    where = Q(pk__in=provinces | regions) | Q(province_id__in=provinces)
    return Region.objects.filter(where).select_related("province").order_by("code")


def organising_roles(user: User) -> set[str]:
    return {s.role for s in _organising_scopes(user)}


def home_region(user: User) -> Region | None:
    """The one region a regional organiser works in (their province, else their only kabupaten/kota), to
    preselect on the forms; None for national organisers and those covering several regions."""
    scopes = _organising_scopes(user)
    if not scopes or any(s.national for s in scopes):
        return None
    provinces: frozenset[int] = frozenset().union(*(s.province_ids for s in scopes))
    regions: frozenset[int] = frozenset().union(*(s.region_ids for s in scopes))
    candidates = provinces or regions
    if len(candidates) != 1:
        return None
    return Region.objects.filter(pk__in=candidates).first()


def organiser_roles_over(user: User, region: Region) -> set[str]:
    """The user's organising roles whose scope covers the region."""
    return {s.role for s in _organising_scopes(user) if s.covers_region(region)}


def election_covers(election: Election, region: Region) -> bool:
    """Whether the election is held in the region: a national one (no regions listed) everywhere, a Pilkada
    where the region itself, its province or one of its kabupaten/kota elects."""
    if not election.regions.exists():
        return True
    where = Q(pk=region.pk) | Q(province_id=region.pk)
    if region.province_id is not None:
        where |= Q(pk=region.province_id)
    return election.regions.filter(where).exists()


def campaign_agencies(region: Region) -> QuerySet[Agency]:
    """Agencies a campaign in the region may include: its regional governments (province first)."""
    return (
        Agency.objects.filter(Q(region_id=region.pk) | Q(region__province_id=region.pk))
        .select_related("region")
        .order_by("region__code", "name")
    )


def meeting_agencies(region: Region, *, also: tuple[int | None, ...] = ()) -> QuerySet[Agency]:
    """Agencies a meeting in the region may invite or record: the regional governments of the region and
    of its province, the Satgas bodies, and any agency named in ``also`` (organiser, invited, own)."""
    where = Q(region_id=region.pk) | Q(region__province_id=region.pk) | Q(is_oversight_body=True)
    if region.province_id is not None:
        where |= Q(region_id=region.province_id)
    extra = [pk for pk in also if pk is not None]
    if extra:
        where |= Q(pk__in=extra)
    return Agency.objects.filter(where).select_related("region").order_by("kind", "name")


def meeting_page_agencies(meeting: Meeting) -> QuerySet[Agency]:
    """Agencies offered on the meeting page (attendance, action item owner)."""
    invited = tuple(meeting.invited.values_list("pk", flat=True))
    return meeting_agencies(meeting.region, also=(meeting.organiser_id, *invited))


def meeting_local_date(meeting: Meeting) -> dt.date:
    """The meeting's date in its region's zone."""
    return meeting.held_at.astimezone(ZoneInfo(meeting.region.timezone or "Asia/Jakarta")).date()


def may_manage_meeting(user: User, meeting: Meeting) -> bool:
    if meeting.created_by_id == user.pk:
        return True
    return bool(organiser_roles_over(user, meeting.region))


def get_managed_meeting(user: User, code: str) -> Meeting:
    """The access helper of the meeting management URLs: 404 unless the user may manage the meeting."""
    meeting = queries.get_meeting_for_user(user, code)
    if not may_manage_meeting(user, meeting):
        raise Http404("Rapat tidak ditemukan.")
    return meeting
