"""Numbers as the reader's language writes them: 1.158 and 27,7 in Bahasa Indonesia, 1,158 and 27.7 in
English (Django's locale formats, with grouping forced on: ``USE_THOUSAND_SEPARATOR`` stays off so that
ids, versions and years rendered into forms and URLs are never grouped)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats, translation


def number(value: int | float | Decimal) -> str:
    """``1158`` → ``1.158``; ``27.7`` → ``27,7``; a float keeps its own digits (``f"{x:g}"``)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = Decimal(f"{value:g}") if abs(value) < 1e15 else Decimal(int(value))
    return str(formats.number_format(value, use_l10n=True, force_grouping=True))


_DATE = {"id": "j F Y", "en": "j F Y"}  # 5 Desember 2024 · 5 December 2024 (the form the guide asks)
_TIME = {"id": "H.i", "en": "H:i"}


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "id").split("-")[0]


def long_date(day: dt.date | dt.datetime, language: str | None = None) -> str:
    """``5 Desember 2024`` (``5 December 2024`` in English): the date of letters, PDFs, pages, CSV labels
    and e-mails. ``language`` pins it (an official letter is Indonesian whatever the reader's language)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    code = _language(language)
    with translation.override(code):
        return str(formats.date_format(day, _DATE.get(code, _DATE["id"])))


def long_datetime(moment: dt.datetime, language: str | None = None) -> str:
    """``5 Desember 2024 14.05`` in the moment's own zone (the caller converts it and adds the zone)."""
    code = _language(language)
    with translation.override(code):
        return f"{long_date(moment, code)} {formats.time_format(moment, _TIME.get(code, _TIME['id']))}"
