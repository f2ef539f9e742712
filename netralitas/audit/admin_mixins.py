"""An admin whose saves and deletes go through the owning app's audited services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest


def admin_actor(request: HttpRequest) -> AbstractBaseUser | None:
    user = request.user
    return user if isinstance(user, AbstractBaseUser) and user.is_authenticated else None


class AuditedAdmin(admin.ModelAdmin):
    """Set ``save_service`` and ``delete_service`` (keyword-only ``actor``, ``obj``) on the subclass."""

    save_service: Callable[..., Any]
    delete_service: Callable[..., Any]

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool) -> None:
        type(self).save_service(actor=admin_actor(request), obj=obj)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        type(self).delete_service(actor=admin_actor(request), obj=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # One audited delete per row (a bulk DELETE would leave no trace of what was removed).
        with transaction.atomic():
            for obj in queryset:
                type(self).delete_service(actor=admin_actor(request), obj=obj)
