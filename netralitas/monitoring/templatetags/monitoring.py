"""Template helpers of the monitoring pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from netralitas.monitoring.charts import bar_chart
from netralitas.monitoring.tables import Table

register = template.Library()


@register.filter
def chart(table: Table) -> SafeString:
    return bar_chart(table)


@register.filter
def cell(value: object) -> str:
    """Empty cells read as a dash; floats without trailing zeros."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
