"""The auditors' navigation link to protected alerts; nobody else gets it (nor any hint of it)."""

from __future__ import annotations

from django.http import HttpRequest

from netralitas.accounts.models import User

from .queries import may_read_alerts


def nav(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    return {"reads_protected_alerts": may_read_alerts(user)}
