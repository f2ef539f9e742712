"""Administrators maintain the issuing bodies, their signatories and number patterns; issued documents are
read-only (a correction is a new version, a withdrawal is a revocation)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Counter, Document, IssuingBody, NumberingScheme, Signatory


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ("name", "position", "nip", "kinds", "valid_from", "valid_until")


class SchemeInline(admin.TabularInline):
    model = NumberingScheme
    extra = 0
    fields = ("kind", "code", "pattern")


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "__str__", "city", "agency", "active")
    list_filter = ("active",)
    search_fields = ("code", "short_name", "name_lines")
    autocomplete_fields = ("agency",)
    inlines = (SignatoryInline, SchemeInline)
    fieldsets = (
        (None, {"fields": ("code", "short_name", "name_lines", "agency", "active")}),
        (_("Kop surat"), {"fields": ("logo", "address", "city", "phone", "email", "website")}),
    )


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "nip", "body", "valid_from", "valid_until")
    list_filter = ("body",)
    search_fields = ("name", "nip", "position")


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("scheme", "year", "last")

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a counter set back would give a number twice

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "body", "issued_on", "subject", "revoked_at")
    list_filter = ("kind", "body")
    search_fields = ("number", "code", "reference")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
