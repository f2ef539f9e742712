from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import FunctionHolder, RoleAssignment, User


class RoleAssignmentInline(admin.StackedInline):
    model = RoleAssignment
    extra = 0
    filter_horizontal = ("regions",)
    autocomplete_fields = ("agencies",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Instansi"), {"fields": ("agency", "phone", "timezone")}),
    )
    list_display = ("username", "get_full_name", "agency", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "role_assignments__role")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    inlines = [RoleAssignmentInline]


@admin.register(FunctionHolder)
class FunctionHolderAdmin(admin.ModelAdmin):
    list_display = ("function", "body", "valid_from", "valid_until", "legal_basis")
    list_filter = ("function",)
    autocomplete_fields = ("body",)
