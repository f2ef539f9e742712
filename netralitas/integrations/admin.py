from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from netralitas.accounts.models import User

from .delivery import delivery_replay
from .models import Delivery, OutboxEvent, WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "url", "national", "active")
    list_filter = ("active", "national")
    filter_horizontal = ("regions", "agencies")


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ("case_number", "sequence", "event_type", "created_at")
    search_fields = ("case_number", "case_code", "event_id")
    readonly_fields = [f.name for f in OutboxEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "consumer", "state", "attempts", "next_attempt_at", "last_status")
    list_filter = ("state", "consumer")
    search_fields = ("case_code",)
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["replay"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Kirim ulang (replay) pengiriman terpilih")
    def replay(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        count = delivery_replay(deliveries=list(queryset), actor=actor)
        self.message_user(request, f"{count} pengiriman dijadwalkan ulang.", messages.SUCCESS)
