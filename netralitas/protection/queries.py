"""Reads of protected alerts, scoped to BKN auditors (every other role gets 404)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from netralitas.accounts.models import Role, User
from netralitas.cases.queries import user_scope
from netralitas.registry.models import Region

from .models import ProtectedAlert


def _alert_filter(user: User) -> Q | None:
    """None: the user reads no alert. Auditors read the alerts of the provinces they cover."""
    where: Q | None = None
    for scope in user_scope(user).roles:
        if scope.role != Role.AUDITOR:
            continue
        if scope.national:
            return Q(pk__isnull=False)
        provinces = set(scope.province_ids)
        if scope.region_ids:
            provinces |= set(
                Region.objects.filter(pk__in=scope.region_ids, province__isnull=False).values_list(
                    "province_id", flat=True
                )
            )
        clause = Q(province_id__in=provinces)
        where = clause if where is None else where | clause
    return where


def may_read_alerts(user: User) -> bool:
    return _alert_filter(user) is not None


def visible_alerts(user: User) -> list[ProtectedAlert]:
    where = _alert_filter(user)
    if where is None:
        return []
    return list(
        ProtectedAlert.objects.filter(where)
        .select_related("case", "province")
        .order_by("state", "-raised_at")
    )


def get_alert_for_user(user: User, code: str) -> ProtectedAlert:
    """The one access helper for an alert fetched from a URL: 404 outside the auditor's provinces."""
    where = _alert_filter(user)
    alert = (
        None
        if where is None
        else ProtectedAlert.objects.filter(where)
        .select_related("case", "province", "acted_by")
        .filter(code=code)
        .first()
    )
    if alert is None:
        raise Http404("Alarm tidak ditemukan.")
    return alert


def open_alert_count(user: User) -> int:
    where = _alert_filter(user)
    if where is None:
        return 0
    return ProtectedAlert.objects.filter(where).exclude(state=ProtectedAlert.State.CLOSED).count()
