"""Reads of transfer decisions and their scoping: a flag is visible exactly when its case is."""

from __future__ import annotations

from itertools import groupby

from django.db.models import QuerySet

from netralitas.accounts.models import Role, User
from netralitas.cases.queries import user_scope, visible_cases

from .models import TransferDecision

IMPORT_ROLES = frozenset({Role.VERIFIER, Role.BKN, Role.ADMIN})


def visible_flags(user: User) -> QuerySet[TransferDecision]:
    return (
        TransferDecision.objects.filter(flagged=True, case__in=visible_cases(user).values("pk"))
        .select_related("employee", "deciding_agency", "deciding_agency__region", "case")
        .order_by("deciding_agency__region__name", "-decision_date")
    )


def flags_by_region(user: User) -> list[tuple[str, list[TransferDecision]]]:
    flags = list(visible_flags(user))
    return [
        (region, list(items))
        for region, items in groupby(
            flags, key=lambda d: d.deciding_agency.region.name if d.deciding_agency.region else "-"
        )
    ]


def may_import(user: User) -> bool:
    return any(r.role in IMPORT_ROLES for r in user_scope(user).roles)
