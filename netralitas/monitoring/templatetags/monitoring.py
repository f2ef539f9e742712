"""Template helpers of the monitoring pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from netralitas.core.formatting import number
from netralitas.monitoring.charts import HIDDEN_MARK, bar_chart
from netralitas.monitoring.suppression import Hidden, Small
from netralitas.monitoring.tables import Table

register = template.Library()


@register.filter
def chart(table: Table) -> SafeString:
    return bar_chart(table)


@register.filter
def cell(value: object) -> str:
    """Empty cells read as a dash; numbers grouped as the reader's language writes them (1.158; 27,7);
    suppressed cells as their marker."""
    if isinstance(value, Hidden):
        return format_html(
            '<abbr title="{}" class="cell-hidden">{}</abbr>',
            _("disembunyikan untuk melindungi angka kecil lain"),
            HIDDEN_MARK,
        )
    if isinstance(value, Small):
        return format_html('<abbr title="{}">{}</abbr>', _("kurang dari %(n)s") % {"n": value.below}, value)
    if value is None or value == "":
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return str(value)
