"""API clients (one per agency system). A submission's Idempotency-Key is kept on the case it filed
(``Case.idempotency_key`` and ``idempotency_hash``), from which a retry's answer is rebuilt."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.fields import ClockDateTimeField


class ApiClient(models.Model):
    """A machine client of one agency. It acts as ``user``, a service account whose role assignments give it
    exactly the scope the agency's staff have in the UI, so the same queries and service guards apply."""

    name = models.SlugField(
        _("nama"),
        max_length=60,
        unique=True,
        help_text=_("Hanya huruf kecil, angka, tanda hubung dan garis bawah, tanpa spasi; mis. siasn-bkn."),
    )
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        help_text=_("Akun layanan; peran dan cakupannya menentukan data yang dapat diakses klien."),
        verbose_name=_("pengguna"),
    )
    can_read = models.BooleanField(_("boleh membaca"), default=True)
    can_write = models.BooleanField(_("boleh menulis"), default=False)
    key_prefix = models.CharField(max_length=12, unique=True, editable=False, verbose_name=_("awalan kunci"))
    key_hash = models.CharField(max_length=64, editable=False, verbose_name=_("hash kunci"))
    rate_limit_per_minute = models.PositiveIntegerField(_("batas permintaan per menit"), default=600)
    created_at = ClockDateTimeField(auto_now_add=True, verbose_name=_("dibuat pada"))
    rotated_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("diganti pada"))
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("dicabut pada"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("klien API")
        verbose_name_plural = _("klien API")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user.is_active

    @property
    def actor_label(self) -> str:
        return f"api:{self.name}"
