from django.contrib import admin

from netralitas.audit.admin_mixins import AuditedAdmin
from netralitas.cases.admin import ReadOnlyAdmin

from . import catalog_services
from .models import (
    ControlAction,
    Decision,
    Hearing,
    HearingRule,
    Recommendation,
    Remedy,
    ReturnedDecision,
    SanctionType,
    ViolationType,
)


@admin.register(ViolationType)
class ViolationTypeAdmin(AuditedAdmin):
    save_service = catalog_services.violation_type_save
    delete_service = catalog_services.violation_type_delete
    list_display = ("number", "name", "default_track", "default_level", "active")
    list_filter = ("default_track", "default_level", "active")
    search_fields = ("name", "code")


@admin.register(SanctionType)
class SanctionTypeAdmin(AuditedAdmin):
    save_service = catalog_services.sanction_type_save
    delete_service = catalog_services.sanction_type_delete
    list_display = ("name", "track", "level", "months", "severity", "applies_to", "active")
    list_filter = ("track", "level", "applies_to", "active")


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("case", "track", "level", "sanction_type", "reviewed_at", "sent_at")
    list_select_related = ("case", "sanction_type")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "decree_number", "decree_date", "sanction_type", "is_lighter")
    list_filter = ("is_lighter",)
    list_select_related = ("case", "sanction_type")


@admin.register(ControlAction)
class ControlActionAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "state", "number", "created_at", "done_at")
    list_filter = ("kind", "state")
    list_select_related = ("case",)


@admin.register(ReturnedDecision)
class ReturnedDecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "decree_number", "decree_date", "returned_at", "returned_by")
    list_select_related = ("case", "returned_by")


@admin.register(HearingRule)
class HearingRuleAdmin(AuditedAdmin):
    save_service = catalog_services.hearing_rule_save
    delete_service = catalog_services.hearing_rule_delete
    list_display = (
        "track",
        "level",
        "examiner",
        "notice_working_days",
        "second_summons_working_days",
        "objection_working_days",
        "appeal_working_days",
        "active",
    )
    list_filter = ("track", "examiner", "active")


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdmin):
    list_display = ("case", "track", "examiner", "state", "started_at")
    list_filter = ("track", "state")
    list_select_related = ("case",)


@admin.register(Remedy)
class RemedyAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "filed_on", "deadline", "outcome", "decided_on")
    list_filter = ("kind", "outcome")
    list_select_related = ("case",)
