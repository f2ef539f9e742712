"""Writes of a campaign's draft: its organisers change text, dates, region or agencies before opening.

Once a campaign is opened its agencies' targets are snapshotted and ASN have signed the published text,
so nothing about it may change any more; the lock on the campaign row makes "still a draft?" and the
write one step, even against a concurrent ``campaign_open``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.registry.models import Agency, Election, Region

from . import organiser_queries, queries
from .models import Campaign, CampaignAgency
from .services import DeclarationError, DeclarationNotAllowed, check_campaign

_EDITABLE = ("title", "text", "election_id", "region_id", "opens_at", "closes_at", "organiser_roles")


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: User,
    title: str,
    text: str,
    election: Election,
    region: Region,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    agencies: Iterable[Agency],
    organiser_roles: Sequence[str],
) -> Campaign:
    """Rewrites a draft campaign and its participating agencies; refused once the campaign was opened."""
    agency_list = list(agencies)
    check_campaign(title, text, opens_at, closes_at, agency_list, organiser_roles)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not queries.may_manage(actor, locked) or not organiser_queries.organiser_roles_over(actor, region):
        raise DeclarationNotAllowed(_("Anda tidak berwenang mengubah kampanye ini."))
    if locked.state != Campaign.State.DRAFT:
        raise DeclarationError(_("Kampanye yang sudah dibuka tidak dapat diubah lagi."))
    before = {name: getattr(locked, name) for name in _EDITABLE}
    locked.title = title.strip()
    locked.text = text.strip()
    locked.election = election
    locked.region = region
    locked.opens_at = opens_at
    locked.closes_at = closes_at
    locked.organiser_roles = sorted(set(organiser_roles))
    changed = [name for name in _EDITABLE if getattr(locked, name) != before[name]]
    locked.save(
        update_fields=["title", "text", "election", "region", "opens_at", "closes_at", "organiser_roles"]
    )

    wanted = {a.pk: a for a in agency_list}
    present = set(locked.participants.values_list("agency_id", flat=True))
    removed = present - set(wanted)
    added = [CampaignAgency(campaign=locked, agency=wanted[pk]) for pk in wanted if pk not in present]
    if removed:
        locked.participants.filter(agency_id__in=removed).delete()
    CampaignAgency.objects.bulk_create(added)
    if removed or added:
        changed.append("agencies")
    audit_record(
        actor=actor,
        action="declaration.campaign_updated",
        target=locked,
        data={
            "changed": [name.removesuffix("_id") for name in changed],
            "agencies": sorted(a.code for a in agency_list),
        },
    )
    return locked
