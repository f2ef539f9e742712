"""Neutrality declaration campaigns, their participating agencies (target and live counter), signatures,
and the coordination meetings (rakor, socialisation) with attendance and action items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.crypto import new_opaque_code
from netralitas.core.fields import ClockDateTimeField


class Campaign(models.Model):
    """A declaration event: one text, one election, a signing period and the participating agencies."""

    class State(models.TextChoices):
        DRAFT = "draf", _("Draf")
        OPEN = "dibuka", _("Dibuka")
        CLOSED = "ditutup", _("Ditutup")

    code = models.CharField(
        max_length=24,
        unique=True,
        editable=False,
        default=new_opaque_code,
        help_text=_("Kode acak untuk URL."),
        verbose_name=_("kode"),
    )
    title = models.CharField(_("judul"), max_length=200)
    text = models.TextField(_("naskah deklarasi"))
    election = models.ForeignKey(
        "registry.Election", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemilihan")
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah penyelenggara"),
    )
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    organiser_roles = models.JSONField(
        _("peran penyelenggara"),
        default=list,
        help_text=_("Peran (mis. satgas, bkn, admin) yang boleh mengelola bila cakupannya meliputi wilayah."),
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.DRAFT, verbose_name=_("keadaan")
    )
    snapshot_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("diambil pada"))
    created_at = ClockDateTimeField(auto_now_add=True, verbose_name=_("dibuat pada"))

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("kampanye deklarasi")
        verbose_name_plural = _("kampanye deklarasi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="campaign_closes_after_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CampaignAgency(models.Model):
    """A participating agency: its target population (snapshot when the campaign opens) and the live
    number of signatures, incremented with F() in the signing transaction so coverage never rescans."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="participants", verbose_name=_("kampanye deklarasi")
    )
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    target = models.PositiveIntegerField(default=0, verbose_name=_("sasaran"))
    signed = models.PositiveIntegerField(default=0, verbose_name=_("ditandatangani"))

    class Meta:
        verbose_name = _("instansi peserta kampanye")
        verbose_name_plural = _("instansi peserta kampanye")
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agency"], name="campaign_agency_once"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.agency_id}: {self.signed}/{self.target}"


class Signature(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "daring", _("Daring (ponsel)")
        SHEET = "lembar", _("Lembar hadir")

    # Served by the unique (campaign, employee) index: one index fewer to write per signature.
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="signatures",
        db_index=False,
        verbose_name=_("kampanye deklarasi"),
    )
    employee = models.ForeignKey(
        "registry.Employee", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai ASN")
    )
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    signed_at = models.DateTimeField(verbose_name=_("ditandatangani pada"))
    channel = models.CharField(
        max_length=8, choices=Channel.choices, default=Channel.ONLINE, verbose_name=_("saluran")
    )

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("tanda tangan deklarasi")
        verbose_name_plural = _("tanda tangan deklarasi")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "employee"], name="signature_once_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.employee_id} {self.signed_at:%Y-%m-%d %H:%M}"


class Meeting(models.Model):
    """A coordination meeting or socialisation event."""

    class Kind(models.TextChoices):
        RAKOR = "rakor", _("Rakor Pengawasan dan Pengendalian")
        PRE_RAKOR = "pra_rakor", _("Pra-rakor provinsi")
        OPD_HEADS = "rapat_opd", _("Rapat kepala OPD")
        SOCIALISATION = "sosialisasi", _("Sosialisasi")

    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    held_at = models.DateTimeField(_("waktu"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    organiser = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("penyelenggara")
    )
    invited = models.ManyToManyField(
        "registry.Agency", blank=True, related_name="+", verbose_name=_("instansi diundang")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("rapat")
    )
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")

    def __str__(self) -> str:
        return self.name


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("rapat")
    )
    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    description = models.TextField(_("tindak lanjut"))
    owner = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("penanggung jawab")
    )
    due_date = models.DateField(_("batas waktu"))
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("selesai pada"))
    done_note = models.TextField(_("catatan penyelesaian"), blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "done_at"], name="actionitem_owner_open")]
        verbose_name = _("tindak lanjut rakor")
        verbose_name_plural = _("tindak lanjut rakor")

    def __str__(self) -> str:
        return self.description[:60]
