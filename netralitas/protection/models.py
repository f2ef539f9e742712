"""Protection of ASN reporters (ADR 0026): the protected-disclosure marking and the alerts it raises.

A report whose identified reporter is an ASN (the NIK or NIP given matches an employee) gets a
``ProtectedDisclosure``. It names the reporter only by a keyed hash of the employee's NIP (a blind index),
so an adverse personnel act on any employee can be matched by hashing that employee's NIP, without
decrypting any reporter identity. Nothing here is ever shown to the agency or its PPK: only BKN auditors
read alerts, and an alert names the employee (and the reporter) only through the audited identity access.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.crypto import new_opaque_code


class ProtectedDisclosure(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("kasus")
    )
    reporter_key = models.CharField(
        max_length=64, help_text=_("HMAC NIP pelapor (indeks buta)."), verbose_name=_("kunci pelapor (hash)")
    )
    marked_at = models.DateTimeField(_("ditandai"))
    protected_until = models.DateTimeField(_("dilindungi sampai"))

    class Meta:
        verbose_name = _("pelaporan terlindungi")
        verbose_name_plural = _("pelaporan terlindungi")
        constraints = [models.UniqueConstraint(fields=["case", "reporter_key"], name="disclosure_once")]
        indexes = [models.Index(fields=["reporter_key", "protected_until"], name="disclosure_key")]

    def __str__(self) -> str:
        return f"pelaporan terlindungi {self.case_id}"


class ProtectedAlert(models.Model):
    class Kind(models.TextChoices):
        TRANSFER = "mutasi", _("Mutasi")
        DEMOTION = "penurunan", _("Penurunan jabatan/tingkat")
        SANCTION = "sanksi", _("Hukuman disiplin")
        BLOCK = "blokir", _("Pemblokiran SIASN")
        CLAIM = "aduan_pelapor", _("Aduan pembalasan dari pelapor")

    class State(models.TextChoices):
        OPEN = "baru", _("Baru")
        ACKNOWLEDGED = "ditangani", _("Sedang ditangani")
        CLOSED = "ditutup", _("Ditutup")

    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("kasus")
    )
    disclosure = models.ForeignKey(
        ProtectedDisclosure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
        verbose_name=_("pengungkapan terlindungi"),
    )
    kind = models.CharField(_("jenis tindakan"), max_length=16, choices=Kind.choices)
    act_key = models.CharField(
        max_length=80,
        editable=False,
        help_text=_("Kunci tindakan (sekali per alarm)."),
        verbose_name=_("kunci tindakan"),
    )
    act_reference = models.CharField(_("rujukan tindakan"), max_length=300, blank=True)
    act_date = models.DateField(_("tanggal tindakan"), null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dilakukan oleh"),
    )
    acted_by_label = models.CharField(_("dicatat oleh"), max_length=200, blank=True)
    # Employee name/NIP, positions and the reporter's own message: encrypted, read through the audited access.
    sealed = models.BinaryField(default=b"", blank=True, verbose_name=_("data tersegel (terenkripsi)"))
    province = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("provinsi")
    )
    raised_at = models.DateTimeField(_("dimunculkan"))
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("alarm perlindungan pelapor")
        verbose_name_plural = _("alarm perlindungan pelapor")
        constraints = [models.UniqueConstraint(fields=["case", "act_key"], name="alert_once_per_act")]
        indexes = [models.Index(fields=["province", "state"], name="alert_province_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"


class AlertEntry(models.Model):
    """One act of an auditor on an alert: acknowledged, a note, closed, the identity opened."""

    class Action(models.TextChoices):
        ACKNOWLEDGED = "ditangani", _("Mulai ditangani")
        NOTE = "catatan", _("Catatan")
        CLOSED = "ditutup", _("Ditutup")
        IDENTITY = "identitas", _("Identitas dibuka")

    alert = models.ForeignKey(
        ProtectedAlert, on_delete=models.PROTECT, related_name="entries", verbose_name=_("peringatan")
    )
    at = models.DateTimeField(verbose_name=_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("pelaku")
    )
    action = models.CharField(max_length=12, choices=Action.choices, verbose_name=_("tindakan"))
    text = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("catatan alarm")
        verbose_name_plural = _("catatan alarm")

    def __str__(self) -> str:
        return f"{self.alert_id} {self.action}"
