"""Reads of transfer decisions and their scoping: a flag is visible exactly when its case is."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Exists, OuterRef, QuerySet

from netralitas.accounts.models import Role, User
from netralitas.cases.queries import user_scope, visible_cases

from .models import TransferDecision

IMPORT_ROLES = frozenset({Role.VERIFIER, Role.BKN, Role.ADMIN})


def visible_flags(user: User) -> QuerySet[TransferDecision]:
    # A correlated EXISTS probes each flag's case by its key: flags are few, cases many (an IN over the
    # visible cases made SQLite list all 100,000 of them for a national viewer).
    visible = visible_cases(user).filter(pk=OuterRef("case_id"))
    return (
        TransferDecision.objects.filter(Exists(visible), flagged=True)
        .select_related("employee", "deciding_agency", "deciding_agency__region", "deciding_unit", "case")
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
