"""``{% if user|may_organise %}``: whether to offer "Buat kampanye" / "Catat rapat" on the list pages."""

from __future__ import annotations

from django import template

from netralitas.accounts.models import User
from netralitas.declarations import organiser_queries

register = template.Library()


@register.filter
def may_organise(user: object) -> bool:
    return isinstance(user, User) and organiser_queries.may_organise(user)
