"""Accounts in the admin. Every save and delete goes through the audited services of ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from netralitas.audit.admin_mixins import AuditedAdmin, admin_actor

from . import services
from .models import FunctionHolder, RoleAssignment, User


def _user_actor(request: HttpRequest) -> User | None:
    actor = admin_actor(request)
    return actor if isinstance(actor, User) else None


class ValidityForm(ModelForm):
    """The services' date rule, shown on the form instead of failing at save."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if problem := services.validity_problem(cleaned.get("valid_from"), cleaned.get("valid_until")):
            raise forms.ValidationError(problem)
        return cleaned


class RoleAssignmentInline(admin.StackedInline):
    model = RoleAssignment
    form = ValidityForm
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

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        services.user_save(actor=_user_actor(request), obj=obj)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        services.user_delete(actor=_user_actor(request), obj=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        with transaction.atomic():
            for user in queryset:
                services.user_delete(actor=_user_actor(request), obj=user)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm,
        formset: BaseInlineFormSet,
        change: bool,
    ) -> None:
        if formset.model is not RoleAssignment:
            super().save_formset(request, form, formset, change)
            return
        actor = _user_actor(request)
        # What the admin's change message (LogEntry) reads after a save.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        with transaction.atomic():
            for inline_form in formset.forms:
                assignment = inline_form.instance
                if inline_form in formset.deleted_forms:
                    if assignment.pk is not None:
                        formset.deleted_objects.append(assignment)
                        services.role_assignment_delete(actor=actor, assignment=assignment)
                    continue
                if not inline_form.has_changed():
                    continue
                assignment = inline_form.save(commit=False)
                assignment.user = formset.instance
                if assignment.pk is None:
                    formset.new_objects.append(assignment)
                else:
                    formset.changed_objects.append((assignment, inline_form.changed_data))
                services.role_assignment_save(
                    actor=actor,
                    assignment=assignment,
                    regions=list(inline_form.cleaned_data.get("regions") or []),
                    agencies=list(inline_form.cleaned_data.get("agencies") or []),
                )


@admin.register(FunctionHolder)
class FunctionHolderAdmin(AuditedAdmin):
    form = ValidityForm
    list_display = ("function", "body", "valid_from", "valid_until", "legal_basis")
    list_filter = ("function",)
    autocomplete_fields = ("body",)
    save_service = services.function_holder_save
    delete_service = services.function_holder_delete
