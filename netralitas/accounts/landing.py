"""Where each role lands after signing in: leadership on the dashboard, officers on their queue."""

from __future__ import annotations

from django.urls import reverse

from .models import Role, User

# A user holding only these roles lands on the page named; anyone who acts on cases lands on the queue.
_LANDING = (
    (frozenset({Role.LEADER}), "monitoring:dashboard"),
    (frozenset({Role.ADMIN}), "admin:index"),
)
_QUEUE = "workspace:queue"


def landing_url(user: User) -> str:
    roles = frozenset(user.role_assignments.values_list("role", flat=True))
    for only, name in _LANDING:
        if roles and roles <= only:
            return reverse(name)
    return reverse(_QUEUE)
