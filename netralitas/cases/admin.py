"""Cases are read-only in the admin: every change goes through the workflow services (and the audit)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from netralitas.audit.admin_mixins import AuditedAdmin

from .deadlines import deadline_rule_delete, deadline_rule_problem, deadline_rule_save
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


class DeadlineRuleForm(forms.ModelForm):
    class Meta:
        model = DeadlineRule
        fields = ("stage", "days", "unit", "legal_basis", "valid_from", "reminder_days_before")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        problem = deadline_rule_problem(
            days=cleaned.get("days"), reminder_days_before=cleaned.get("reminder_days_before")
        )
        if problem:
            raise forms.ValidationError(problem)
        return cleaned


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    form = DeadlineRuleForm
    save_service = deadline_rule_save
    delete_service = deadline_rule_delete
    list_display = ("stage", "days", "unit", "valid_from", "reminder_days_before", "legal_basis")
    list_filter = ("stage",)
