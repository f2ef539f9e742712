"""Cached reads of the violation catalog for intake (``core.refcache``: per process, and a write
in any process is seen at the next request)."""

from __future__ import annotations

from collections.abc import Mapping

from netralitas.core.refcache import ReferenceCache

from .models import ViolationType

_active_violations = ReferenceCache(
    "violation-types",
    lambda: dict(ViolationType.objects.filter(active=True).values_list("code", "pk")),
    [ViolationType],
)


def active_violation_ids() -> Mapping[str, int]:
    """Code → primary key of every active violation type."""
    return _active_violations.get()
