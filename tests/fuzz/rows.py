"""Row counts of every table a refused request must leave alone."""

from __future__ import annotations

from django.apps import apps

# The domain's tables: a case and everything hanging off it, the audit chain, the outbox, declarations,
# transfers, master data. Cache rows (rate limits, lock-outs) and sessions are not data and may change.
TRACKED_APPS = (
    "cases",
    "sanctions",
    "transfers",
    "integrations",
    "audit",
    "declarations",
    "registry",
    "accounts",
    "api",
)


def row_counts(*, extra: tuple[str, ...] = ()) -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.app_label
        if label in TRACKED_APPS or model._meta.label in extra:
            counts[model._meta.label] = model._base_manager.count()
    return counts


def grown(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {label: (before[label], after[label]) for label in before if after[label] != before[label]}
