"""Counts of protected alerts and their handling (ADR 0026), suppressed like every count (ADR 0009).

Only oversight roles (BKN, auditors, leaders) see the page: the count of alerts per agency would tell an
agency that one of its staff reported. Counts are national, by kind of act, never per agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from netralitas.accounts.models import Role, User
from netralitas.cases.queries import user_scope
from netralitas.protection.models import ProtectedAlert

from .public import threshold
from .suppression import Published, suppress_counts

READERS = frozenset({Role.BKN, Role.AUDITOR, Role.LEADER, Role.ADMIN})
STATES = [ProtectedAlert.State.OPEN, ProtectedAlert.State.ACKNOWLEDGED, ProtectedAlert.State.CLOSED]


@dataclass
class AlertCounts:
    rows: list[tuple[str, list[Published]]]
    totals: list[Published]
    below: int


def may_read(user: User) -> bool:
    return any(r.role in READERS for r in user_scope(user).roles)


def alert_counts() -> AlertCounts:
    """Alerts raised, and by state, per kind of act; small counts published as "<5" with complements."""
    found = {
        (kind, state): n
        for kind, state, n in ProtectedAlert.objects.values_list("kind", "state").annotate(n=Count("pk"))
    }
    kinds = list(ProtectedAlert.Kind)
    values = [
        [sum(by_state), *by_state]
        for by_state in ([found.get((k.value, s.value), 0) for s in STATES] for k in kinds)
    ]
    below = threshold()
    cells, totals = suppress_counts(values, below)
    return AlertCounts(
        rows=[(str(k.label), row) for k, row in zip(kinds, cells, strict=True)],
        totals=totals,
        below=below,
    )
