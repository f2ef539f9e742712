"""Users, their roles and the scope each role covers.

Scope is data: a role assignment names the regions and/or agencies it covers, or is national.
Which body performs which function over time (KASN until Sep 2024, BKN after) is ``FunctionHolder`` data.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENCY_REPORTER = "pelapor_instansi", _("Pelapor instansi")
    VERIFIER = "satgas", _("Verifikator Satgas Netralitas")
    BAWASLU = "bawaslu", _("Analis Bawaslu")
    BKN = "bkn", _("Petugas BKN")
    PPK = "ppk", _("PPK / pejabat yang dikuasakan")
    SUPERIOR = "atasan", _("Atasan langsung / tim pemeriksa")
    AUDITOR = "auditor", _("Auditor Manajemen ASN")
    LEADER = "pimpinan", _("Pimpinan")
    ADMIN = "admin", _("Admin sistem")


class Function(models.TextChoices):
    """Acts of the case flow whose responsible body is configuration, not code."""

    VERIFY = "verify", _("Verifikasi laporan")
    REVIEW = "review", _("Kajian Bawaslu")
    RECOMMEND = "recommend", _("Rekomendasi ke PPK")
    SANCTION = "sanction", _("Penjatuhan sanksi")
    CONTROL = "control", _("Tindakan pengendalian (blokir)")


class User(AbstractUser):
    agency = models.ForeignKey(
        "registry.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("instansi"),
    )
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    timezone = models.CharField(_("zona waktu"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """One role held by a user, with the scope it covers.

    A national assignment sees everything; otherwise the union of the listed regions (a province covers
    its kabupaten/kota) and agencies.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("pengguna")
    )
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("peran"))
    national = models.BooleanField(_("cakupan nasional"), default=False)
    regions = models.ManyToManyField(
        "registry.Region", blank=True, related_name="+", verbose_name=_("wilayah")
    )
    agencies = models.ManyToManyField(
        "registry.Agency", blank=True, related_name="+", verbose_name=_("instansi")
    )
    valid_from = models.DateField(
        null=True, blank=True, verbose_name=_("berlaku mulai"), help_text=_("Format tahun-bulan-tanggal.")
    )
    valid_until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("berlaku sampai"),
        help_text=_("Format tahun-bulan-tanggal; kosong bila masih berlaku."),
    )

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class FunctionHolder(models.Model):
    """Which body (by agency code) carries out a function during a period."""

    function = models.CharField(max_length=20, choices=Function.choices, verbose_name=_("fungsi"))
    body = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("isi")
    )
    valid_from = models.DateField(
        null=True, blank=True, verbose_name=_("berlaku mulai"), help_text=_("Format tahun-bulan-tanggal.")
    )
    valid_until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("berlaku sampai"),
        help_text=_("Format tahun-bulan-tanggal; kosong bila masih berlaku."),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)

    class Meta:
        ordering = ["function", "valid_from"]
        verbose_name = _("pemegang fungsi")
        verbose_name_plural = _("pemegang fungsi")

    def __str__(self) -> str:
        return f"{self.get_function_display()}: {self.body}"


class DigestReceipt(models.Model):
    """One daily deadline digest sent to one user: makes the digest idempotent per day."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="digest_receipts", verbose_name=_("pengguna")
    )
    day = models.DateField(verbose_name=_("hari"))
    case_numbers = models.JSONField(default=list, verbose_name=_("nomor-nomor kasus"))
    sent_at = models.DateTimeField(verbose_name=_("dikirim pada"))

    class Meta:
        verbose_name = _("ringkasan batas waktu terkirim")
        verbose_name_plural = _("ringkasan batas waktu terkirim")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_user_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class EnrolmentToken(models.Model):
    """A one-time token an administrator issues so that a user may register their first TOTP device.

    A password alone must not let anyone register their own second factor; only the SHA-256 of the token
    is kept, with who issued it, when, until when it is valid and when it was used.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_tokens", verbose_name=_("pengguna")
    )
    token_sha256 = models.CharField(max_length=64, unique=True, verbose_name=_("SHA-256 token"))
    issued_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_enrolment_tokens",
        verbose_name=_("diterbitkan oleh"),
    )
    issued_at = models.DateTimeField(verbose_name=_("diterbitkan pada"))
    expires_at = models.DateTimeField(verbose_name=_("kedaluwarsa pada"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dipakai pada"))

    class Meta:
        verbose_name = _("token pendaftaran autentikator")
        verbose_name_plural = _("token pendaftaran autentikator")

    def __str__(self) -> str:
        return f"{self.user} {self.issued_at:%Y-%m-%d}"
