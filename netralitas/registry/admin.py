"""Admin for master data. Labels come from the models' verbose names (Bahasa Indonesia)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from netralitas.audit.admin_mixins import AuditedAdmin, admin_actor

from . import services
from .models import Agency, Candidate, Election, ElectionStage, Employee, Holiday, Kanreg, PpkHolder, Region


@admin.register(Kanreg)
class KanregAdmin(AuditedAdmin):
    save_service = services.kanreg_save
    delete_service = services.kanreg_delete
    list_display = ("number", "name", "city", "province_count")
    search_fields = ("name", "city")
    ordering = ("number",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Kanreg]:
        return super().get_queryset(request).annotate(province_total=Count("provinces"))

    @admin.display(description="Jumlah provinsi", ordering="province_total")
    def province_count(self, obj: Kanreg) -> int:
        return int(getattr(obj, "province_total", 0))


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    save_service = services.region_save
    delete_service = services.region_delete
    list_display = ("code", "name", "level", "province", "timezone", "kanreg")
    list_filter = ("level", "timezone", "kanreg")
    search_fields = ("code", "name")
    list_select_related = ("province", "kanreg")
    raw_id_fields = ("province",)
    ordering = ("code",)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    save_service = services.agency_save
    delete_service = services.agency_delete
    list_display = ("code", "name", "short_name", "kind", "region", "ppk_title", "is_oversight_body")
    list_filter = ("kind", "is_oversight_body")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("region",)
    raw_id_fields = ("region",)


@admin.register(Employee)
class EmployeeAdmin(AuditedAdmin):
    save_service = services.employee_save
    delete_service = services.employee_delete
    list_display = ("nip", "name", "kind", "agency", "position", "position_type", "status", "siasn_blocked")
    list_filter = ("kind", "status", "siasn_blocked", "position_type")
    # An exact NIP hits the unique index; the name search is for the reporter-helper use case.
    search_fields = ("=nip", "name")
    list_select_related = ("agency",)
    raw_id_fields = ("agency",)
    # A SIASN block is set and lifted only by the control actions (approved, audited, documented).
    readonly_fields = ("updated_at", "siasn_blocked")
    # 4.3 million rows: skip the second COUNT(*) over the whole table and sort by the unique NIP
    # index instead of the model's default name ordering.
    show_full_result_count = False
    ordering = ("nip",)


class ElectionStageInline(admin.TabularInline):
    model = ElectionStage
    extra = 0
    fields = ("code", "name", "start", "end")
    ordering = ("start",)


@admin.register(Election)
class ElectionAdmin(AuditedAdmin):
    save_service = services.election_save
    delete_service = services.election_delete
    list_display = ("code", "name", "kind", "voting_date", "candidates_set_date")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    filter_horizontal = ("regions",)
    inlines = (ElectionStageInline,)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        election = form.instance
        before = list(election.regions.values_list("code", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = list(election.regions.values_list("code", flat=True))
        services.election_regions_changed(
            actor=admin_actor(request), election=election, before=before, after=after
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Each stage added, changed or removed is its own audited write (the stages date every report).
        actor = admin_actor(request)
        for stage in formset.save(commit=False):
            services.election_stage_save(actor=actor, obj=stage)
        for stage in formset.deleted_objects:
            services.election_stage_delete(actor=actor, obj=stage)
        formset.save_m2m()


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    save_service = services.holiday_save
    delete_service = services.holiday_delete
    list_display = ("date", "name", "kind", "source", "legal_basis")
    list_filter = ("year", "kind", "source")
    search_fields = ("name", "legal_basis")
    date_hierarchy = "date"


@admin.register(Candidate)
class CandidateAdmin(AuditedAdmin):
    save_service = services.candidate_save
    delete_service = services.candidate_delete
    list_display = ("election", "region", "ticket_number", "position", "name", "incumbent")
    list_filter = ("election", "position", "incumbent")
    search_fields = ("name", "nik", "nip", "region__name", "region__code")
    list_select_related = ("election", "region")
    raw_id_fields = ("region", "employee")


@admin.register(PpkHolder)
class PpkHolderAdmin(AuditedAdmin):
    save_service = services.ppk_holder_save
    delete_service = services.ppk_holder_delete
    list_display = ("agency", "kind", "name", "position", "valid_from", "valid_until")
    list_filter = ("kind",)
    search_fields = ("name", "nip", "agency__name", "agency__code")
    list_select_related = ("agency",)
    raw_id_fields = ("agency",)
    date_hierarchy = "valid_from"
