"""The outbox (one row per case event), webhook subscriptions and per-consumer deliveries."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.fields import ClockDateTimeField


class OutboxEvent(models.Model):
    """A case event as published to other systems, written in the same transaction as the change."""

    event_id = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=_("ID peristiwa")
    )
    case_code = models.CharField(max_length=24, verbose_name=_("kode kasus"))
    case_number = models.CharField(max_length=20, verbose_name=_("nomor kasus"))
    sequence = models.PositiveIntegerField(
        help_text=_("Urutan peristiwa dalam satu kasus, mulai 1."), verbose_name=_("urutan")
    )
    event_type = models.CharField(max_length=40, verbose_name=_("jenis peristiwa"))
    province_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("ID provinsi"))
    region_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("ID wilayah"))
    agency_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("ID instansi"))
    payload = models.JSONField(verbose_name=_("muatan"))
    created_at = models.DateTimeField(verbose_name=_("dibuat pada"))
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
    regions = models.ManyToManyField(
        "registry.Region", blank=True, related_name="+", verbose_name=_("wilayah")
    )
    agencies = models.ManyToManyField(
        "registry.Agency", blank=True, related_name="+", verbose_name=_("instansi")
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = ClockDateTimeField(auto_now_add=True, verbose_name=_("dibuat pada"))

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
        OutboxEvent,
        on_delete=models.PROTECT,
        related_name="deliveries",
        db_index=False,
        verbose_name=_("peristiwa"),
    )
    consumer = models.CharField(max_length=40, verbose_name=_("konsumen"))
    subscription = models.ForeignKey(
        WebhookSubscription,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        db_index=False,
        verbose_name=_("langganan"),
    )
    case_code = models.CharField(max_length=24, verbose_name=_("kode kasus"))
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.PENDING, verbose_name=_("keadaan")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("jumlah percobaan"))
    next_attempt_at = models.DateTimeField(verbose_name=_("percobaan berikutnya pada"))
    leased_until = models.DateTimeField(null=True, blank=True, verbose_name=_("dipinjam sampai"))
    last_status = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("status terakhir"))
    last_error = models.TextField(blank=True, verbose_name=_("galat terakhir"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dikirim pada"))

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
