"""Cases are read-only in the admin: every change goes through the workflow services (and the audit)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Case, CaseEvent, DeadlineRule


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "actor_label", "action", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "source", "province", "agency", "received_at", "deadline_at")
    list_filter = ("status", "source", "election")
    search_fields = ("number", "employee__nip", "employee__name", "reported_name")
    list_select_related = ("province", "agency")
    exclude = ("receipt_hash",)
    inlines = [CaseEventInline]
    show_full_result_count = False


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("stage", "days", "unit", "valid_from", "reminder_days_before", "legal_basis")
    list_filter = ("stage",)
