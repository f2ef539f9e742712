"""API clients in the admin; every key act goes through the audited services of ``keys``."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from netralitas.accounts.models import User

from .keys import api_client_change, api_client_issue_key, api_client_revoke
from .models import ApiClient


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "agency",
        "user",
        "can_read",
        "can_write",
        "rate_limit_per_minute",
        "key_prefix",
        "rotated_at",
        "revoked_at",
    )
    list_filter = ("can_write", "agency")
    readonly_fields = ("key_prefix", "created_at", "rotated_at", "revoked_at")
    actions = ["rotate_key", "revoke_key"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # A client is revoked, never deleted: the record of who held which key stays (and is audited).
        return False

    def save_model(self, request: HttpRequest, obj: ApiClient, form: ModelForm, change: bool) -> None:
        if change:
            api_client_change(client=obj, actor=_actor(request))
            return
        key = api_client_issue_key(client=obj, actor=_actor(request))
        self.message_user(
            request,
            f"Kunci API untuk {obj.name} (ditampilkan sekali ini saja, simpan sekarang): {key}",
            messages.WARNING,
        )

    @admin.action(description="Putar kunci (kunci lama langsung tidak berlaku)")
    def rotate_key(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        with transaction.atomic():
            for client in queryset:
                key = api_client_issue_key(client=client, actor=_actor(request))
                self.message_user(
                    request, f"Kunci baru {client.name} (sekali tampil): {key}", messages.WARNING
                )

    @admin.action(description="Cabut kunci")
    def revoke_key(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        with transaction.atomic():
            for client in queryset:
                api_client_revoke(client=client, actor=_actor(request))
        self.message_user(request, f"{queryset.count()} kunci dicabut.", messages.SUCCESS)
