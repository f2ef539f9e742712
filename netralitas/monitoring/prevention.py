"""Prevention panels of the dashboard: coordination meetings' open action items and the Pasal 71(2) transfer
flags, in the viewer's scope. Reads only; each panel is a GROUP BY or an aggregate, never a row loop.

Scope follows the pages the panels link to: an action item counts when its meeting is one the viewer may
see (``declarations.queries.visible_meetings``), a flag when its case is
(``transfers.queries.visible_flags``). The dashboard's province filter narrows both (a meeting by its
region, a flag by its case's province); its election filter narrows the flags only, as meetings belong to
no election.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from netralitas.accounts.models import User
from netralitas.declarations.models import ActionItem
from netralitas.declarations.queries import overdue_action_item_q, visible_meetings
from netralitas.transfers.queries import visible_flags

from .queries import OPEN_STATUSES, CaseFilter

MOST_OVERDUE_SHOWN = 3


@dataclass(frozen=True)
class ActionItemPanel:
    open: int
    overdue: int
    most_overdue: list[ActionItem]


@dataclass(frozen=True)
class FlagRegionRow:
    region: str
    flagged: int
    open_cases: int  # flags whose case has no outcome yet (still in an open status)


@dataclass(frozen=True)
class Prevention:
    action_items: ActionItemPanel
    flags: list[FlagRegionRow]
    election_filtered: bool  # the action-item panel says the election filter does not apply to it

    @property
    def flagged(self) -> int:
        return sum(row.flagged for row in self.flags)


def scoped_action_items(user: User, flt: CaseFilter) -> QuerySet[ActionItem]:
    """Open action items of the meetings the viewer may see, in the filtered province."""
    items = ActionItem.objects.filter(done_at__isnull=True, meeting__in=visible_meetings(user).values("pk"))
    if flt.province:
        items = items.filter(
            Q(meeting__region__code=flt.province) | Q(meeting__region__province__code=flt.province)
        )
    return items


def action_item_panel(user: User, flt: CaseFilter, now: dt.datetime) -> ActionItemPanel:
    items = scoped_action_items(user, flt)
    overdue = overdue_action_item_q(now)
    counts = items.aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue))
    worst = (
        list(
            items.filter(overdue)
            .select_related("meeting", "owner")
            .order_by("due_date", "id")[:MOST_OVERDUE_SHOWN]
        )
        if counts["overdue"]
        else []
    )
    return ActionItemPanel(open=counts["open"], overdue=counts["overdue"], most_overdue=worst)


def flag_rows(user: User, flt: CaseFilter) -> list[FlagRegionRow]:
    """Flagged transfer decisions per region of the deciding government, one GROUP BY."""
    flags = visible_flags(user)
    if flt.election:
        flags = flags.filter(case__election__code=flt.election)
    if flt.province:
        flags = flags.filter(case__province__code=flt.province)
    rows = (
        flags.order_by()
        .values("deciding_agency__region__name")
        .annotate(flagged=Count("pk"), open_cases=Count("pk", filter=Q(case__status__in=OPEN_STATUSES)))
        .order_by("deciding_agency__region__name")
    )
    return [
        FlagRegionRow(
            region=row["deciding_agency__region__name"] or "-",
            flagged=row["flagged"],
            open_cases=row["open_cases"],
        )
        for row in rows
    ]


def panels(user: User, flt: CaseFilter, now: dt.datetime) -> Prevention:
    return Prevention(
        action_items=action_item_panel(user, flt, now),
        flags=flag_rows(user, flt),
        election_filtered=bool(flt.election),
    )
