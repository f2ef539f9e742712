"""API clients in the admin; every key act goes through the audited services of ``keys``."""

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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

    # Labels and help in Bahasa Indonesia for the form (issue 13); the name must be a slug, so say so.
    form_labels = {"name": _("Nama klien (slug)"), "agency": _("Instansi"), "user": _("Akun layanan")}
    form_help_texts = {
        "name": _(
            "Hanya huruf kecil, angka, tanda hubung dan garis bawah, tanpa spasi; mis. bawaslu-sumsel. "
            "Nama ini muncul di jejak audit dan tidak dapat dipakai dua kali."
        ),
        "agency": _("Instansi pemilik sistem yang memakai kunci ini."),
        "rate_limit_per_minute": _("Permintaan per menit sebelum API menjawab 429; bawaan 600."),
    }

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs.setdefault("labels", self.form_labels)
        kwargs.setdefault("help_texts", self.form_help_texts)
        return super().get_form(request, obj, change, **kwargs)

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
