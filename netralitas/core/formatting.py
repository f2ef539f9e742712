"""Numbers as the reader's language writes them: 1.158 and 27,7 in Bahasa Indonesia, 1,158 and 27.7 in
English (Django's locale formats, with grouping forced on: ``USE_THOUSAND_SEPARATOR`` stays off so that
ids, versions and years rendered into forms and URLs are never grouped)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats


def number(value: int | float | Decimal) -> str:
    """``1158`` → ``1.158``; ``27.7`` → ``27,7``; a float keeps its own digits (``f"{x:g}"``)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = Decimal(f"{value:g}") if abs(value) < 1e15 else Decimal(int(value))
    return str(formats.number_format(value, use_l10n=True, force_grouping=True))
