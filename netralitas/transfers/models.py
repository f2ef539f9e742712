"""Transfers and appointments of officials (after BKN's I-Mut) and the UU 10/2016 Pasal 71(2) rule as data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.crypto import new_opaque_code


class TransferRule(models.Model):
    """In a region holding this election, replacing officials between window_start and window_end needs
    written approval of the Minister of Home Affairs."""

    election = models.OneToOneField(
        "registry.Election", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemilihan")
    )
    window_start = models.DateField(_("awal larangan"))
    window_end = models.DateField(_("akhir larangan (akhir masa jabatan)"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("aturan mutasi pilkada")
        verbose_name_plural = _("aturan mutasi pilkada")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="transfer_window_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election}: {self.window_start} s.d. {self.window_end}"


class TransferDecision(models.Model):
    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    employee = models.ForeignKey(
        "registry.Employee", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai ASN")
    )
    decision_number = models.CharField(_("nomor SK"), max_length=100)
    decision_date = models.DateField(_("tanggal SK"))
    deciding_agency = models.ForeignKey(
        "registry.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemerintah daerah penetap"),
    )
    # Jakarta's administrative cities and regency are not autonomous: they have no PPK of their own, and
    # the Pemprov DKI decides their transfers. The decision then names the unit it concerns.
    deciding_unit = models.ForeignKey(
        "registry.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah administrasi"),
        help_text=_(
            "Kota/kabupaten administrasi (DKI Jakarta) yang mutasinya ditetapkan pemerintah provinsi."
        ),
    )
    from_position = models.CharField(_("jabatan lama"), max_length=200, blank=True)
    from_level = models.CharField(_("tingkat lama"), max_length=40, blank=True)
    to_position = models.CharField(_("jabatan baru"), max_length=200)
    to_level = models.CharField(_("tingkat baru"), max_length=40, blank=True)
    approval_reference = models.CharField(_("persetujuan tertulis Mendagri"), max_length=200, blank=True)
    rule = models.ForeignKey(
        TransferRule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aturan"),
    )
    flagged = models.BooleanField(default=False, verbose_name=_("ditandai"))
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kasus"),
    )
    imported_at = models.DateTimeField(verbose_name=_("diimpor pada"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )

    class Meta:
        ordering = ["-decision_date", "id"]
        verbose_name = _("keputusan mutasi")
        verbose_name_plural = _("keputusan mutasi")
        constraints = [
            models.UniqueConstraint(fields=["decision_number", "employee"], name="transfer_once_per_decree"),
        ]
        indexes = [models.Index(fields=["flagged", "decision_date"], name="transfer_flagged")]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.employee_id})"
