from django.contrib import admin

from .models import ActionItem, Attendance, Campaign, CampaignAgency, Meeting


class CampaignAgencyInline(admin.TabularInline):
    model = CampaignAgency
    extra = 1
    readonly_fields = ("target", "signed")
    autocomplete_fields = ("agency",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "state", "opens_at", "closes_at")
    list_filter = ("state",)
    readonly_fields = ("code", "state", "snapshot_at")
    inlines = [CampaignAgencyInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 1
    readonly_fields = ("code", "done_at")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "held_at", "organiser")
    list_filter = ("kind",)
    readonly_fields = ("code",)
    filter_horizontal = ("invited",)
    inlines = [AttendanceInline, ActionItemInline]
