"""The outbox (one row per case event), webhook subscriptions and per-consumer deliveries."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.fields import ClockDateTimeField


class OutboxEvent(models.Model):
    """A case event as published to other systems, written in the same transaction as the change."""

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_code = models.CharField(max_length=24)
    case_number = models.CharField(max_length=20)
    sequence = models.PositiveIntegerField(help_text=_("Urutan peristiwa dalam satu kasus, mulai 1."))
    event_type = models.CharField(max_length=40)
    province_id = models.BigIntegerField(null=True, blank=True)
    region_id = models.BigIntegerField(null=True, blank=True)
    agency_id = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    # The id of the request (or task) that made the change; sent as X-Request-ID with every delivery.
    request_id = models.CharField(_("ID permintaan"), max_length=128, blank=True, default="")

    class Meta:
        ordering = ["id"]
        verbose_name = _("peristiwa outbox")
        verbose_name_plural = _("peristiwa outbox")
        constraints = [
            models.UniqueConstraint(fields=["case_code", "sequence"], name="outbox_case_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} #{self.sequence} {self.event_type}"


class WebhookSubscription(models.Model):
    """An agency's endpoint that receives signed case events within a scope (national, regions, agencies)."""

    name = models.CharField(_("nama"), max_length=120)
    owner = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi pemilik")
    )
    url = models.URLField(_("URL penerima"), max_length=500)
    secret = models.CharField(
        _("rahasia HMAC"), max_length=128, help_text=_("Dipakai untuk menandatangani setiap kiriman.")
    )
    event_types = models.JSONField(
        _("jenis peristiwa"), default=list, blank=True, help_text=_("Kosong berarti semua jenis peristiwa.")
    )
    national = models.BooleanField(_("cakupan nasional"), default=False)
    regions = models.ManyToManyField("registry.Region", blank=True, related_name="+")
    agencies = models.ManyToManyField("registry.Agency", blank=True, related_name="+")
    active = models.BooleanField(_("aktif"), default=True)
    created_at = ClockDateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("langganan webhook")
        verbose_name_plural = _("langganan webhook")

    def __str__(self) -> str:
        return self.name

    @property
    def consumer(self) -> str:
        return webhook_consumer(self.pk)


def webhook_consumer(subscription_id: int) -> str:
    """The ``Delivery.consumer`` name of a webhook subscription."""
    return f"webhook:{subscription_id}"


class Delivery(models.Model):
    """One event to one consumer (a webhook subscription or an adapter), with its retry state."""

    class State(models.TextChoices):
        PENDING = "menunggu", _("Menunggu dikirim")
        DELIVERED = "terkirim", _("Terkirim")
        DEAD = "gagal_permanen", _("Gagal permanen (dead letter)")

    # The unique (event, consumer) index serves look-ups by event; the subscription's index skips the
    # local and adapter deliveries, which have none (fewer index writes per case event).
    event = models.ForeignKey(
        OutboxEvent, on_delete=models.PROTECT, related_name="deliveries", db_index=False
    )
    consumer = models.CharField(max_length=40)
    subscription = models.ForeignKey(
        WebhookSubscription,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        db_index=False,
    )
    case_code = models.CharField(max_length=24)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    leased_until = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("pengiriman")
        verbose_name_plural = _("pengiriman")
        constraints = [
            models.UniqueConstraint(fields=["event", "consumer"], name="delivery_event_consumer"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["consumer", "case_code", "state"], name="delivery_case_order"),
            models.Index(
                fields=["subscription"],
                name="delivery_subscription",
                condition=models.Q(subscription__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consumer} ← {self.event_id} ({self.state})"
