"""Workspace template filters.

``{{ value|local_time:zone }}`` → "23 November 2026 14:05 WIB": the Indonesian way, in the viewer's zone.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext

from netralitas.cases.models import CaseEvent
from netralitas.cases.notifications import local_datetime
from netralitas.workspace import labels

register = template.Library()


@register.filter
def local_time(value: dt.datetime | None, zone: str) -> str:
    return local_datetime(value, zone) if value else "—"


@register.filter
def event_label(event: CaseEvent) -> str:
    return labels.event_label(event)


@register.filter
def tr(text: str) -> str:
    """Translates a runtime string that is in the catalogue (the workflow's labels)."""
    return gettext(str(text))
