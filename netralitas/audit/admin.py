"""Read-only view of the audit trail: nobody adds, changes or deletes events, not even superusers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from netralitas.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("id", "at", "action", "actor_label", "actor", "target_type", "target_id")
    list_select_related = ("actor",)
    search_fields = ("=target_id", "=actor_label", "^action")
    ordering = ("-id",)
    show_full_result_count = False  # COUNT(*) over millions of events on every page is wasted work
    list_per_page = 50
    readonly_fields = (
        "id",
        "at",
        "actor",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "data",
        "reason",
        "prev_hash",
        "hash",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
