from django.contrib import admin

from .models import TransferDecision, TransferRule


@admin.register(TransferRule)
class TransferRuleAdmin(admin.ModelAdmin):
    list_display = ("election", "window_start", "window_end")


@admin.register(TransferDecision)
class TransferDecisionAdmin(admin.ModelAdmin):
    list_display = ("decision_number", "employee", "decision_date", "deciding_agency", "flagged")
    list_filter = ("flagged",)
    readonly_fields = ("code", "rule", "flagged", "case", "imported_at", "imported_by")
    raw_id_fields = ("employee",)
