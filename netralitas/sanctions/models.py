"""Violation and sanction catalogs, recommendations, PPK decisions and control actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    ETHICS = "etik", _("Kode etik (PP 42/2004)")
    DISCIPLINE = "disiplin", _("Disiplin (PP 94/2021)")


class Level(models.TextChoices):
    MORAL = "moral", _("Sanksi moral")
    MEDIUM = "sedang", _("Hukuman disiplin sedang")
    SEVERE = "berat", _("Hukuman disiplin berat")


class ViolationType(models.Model):
    code = models.SlugField(max_length=40, unique=True, verbose_name=_("kode"))
    number = models.CharField(_("nomor"), max_length=8)
    name = models.CharField(_("nama"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    default_track = models.CharField(_("jalur bawaan"), max_length=10, choices=Track.choices)
    default_level = models.CharField(_("tingkat bawaan"), max_length=10, choices=Level.choices)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    active = models.BooleanField(default=True, verbose_name=_("aktif"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("urutan"))

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jenis pelanggaran")
        verbose_name_plural = _("jenis pelanggaran")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SanctionType(models.Model):
    class AppliesTo(models.TextChoices):
        ALL = "semua", _("PNS dan PPPK")
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("kode"))
    name = models.CharField(_("nama"), max_length=300)
    track = models.CharField(_("jalur"), max_length=10, choices=Track.choices)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    months = models.PositiveSmallIntegerField(_("lama (bulan)"), null=True, blank=True)
    severity = models.PositiveSmallIntegerField(
        _("bobot"), help_text=_("Urutan berat sanksi; lebih besar berarti lebih berat.")
    )
    applies_to = models.CharField(
        max_length=5, choices=AppliesTo.choices, default=AppliesTo.ALL, verbose_name=_("berlaku untuk")
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    active = models.BooleanField(default=True, verbose_name=_("aktif"))

    class Meta:
        ordering = ["severity"]
        verbose_name = _("jenis sanksi")
        verbose_name_plural = _("jenis sanksi")

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """Bawaslu's conclusion on a proven case, and BKN's sending of it to the PPK."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="recommendation", verbose_name=_("kasus")
    )
    violation_types = models.ManyToManyField(
        ViolationType, related_name="+", verbose_name=_("jenis pelanggaran")
    )
    track = models.CharField(_("jalur"), max_length=10, choices=Track.choices)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    sanction_type = models.ForeignKey(
        SanctionType, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis sanksi")
    )
    rationale = models.TextField(_("pertimbangan"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dikaji oleh")
    )
    reviewing_agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi pengkaji")
    )
    reviewed_at = models.DateTimeField(verbose_name=_("dikaji pada"))
    letter_number = models.CharField(_("nomor surat rekomendasi"), max_length=80, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    sending_agency = models.ForeignKey(
        "registry.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi pengirim"),
    )
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dikirim pada"))
    letter = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("surat"),
    )

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")

    def __str__(self) -> str:
        return f"{self.case} — {self.sanction_type}"


class Decision(models.Model):
    """The PPK's sanction decree."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="decision", verbose_name=_("kasus")
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=120)
    decree_date = models.DateField(_("tanggal keputusan"))
    sanction_type = models.ForeignKey(
        SanctionType, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis sanksi")
    )
    document = models.FileField(_("dokumen keputusan"), upload_to="decisions/%Y/", blank=True)
    is_lighter = models.BooleanField(_("lebih ringan dari rekomendasi"), default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(verbose_name=_("dicatat pada"))
    # The auditor's check (journey 4): the sanction counts only once the decree is accepted.
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    checked_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("keputusan PPK")
        verbose_name_plural = _("keputusan PPK")

    def __str__(self) -> str:
        return f"{self.decree_number} ({self.case})"


class ReturnedDecision(models.Model):
    """A PPK decree the auditor sent back, kept as it was submitted (the case keeps its history).

    The active decree stays the one ``Decision`` of the case (one-to-one: at most one active decree per
    case); each return moves it here, with who returned it, when and why.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="returned_decisions", verbose_name=_("kasus")
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=120)
    decree_date = models.DateField(_("tanggal keputusan"))
    sanction_type = models.ForeignKey(
        SanctionType, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis sanksi")
    )
    document = models.FileField(_("dokumen keputusan"), upload_to="decisions/%Y/", blank=True)
    is_lighter = models.BooleanField(_("lebih ringan dari rekomendasi"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(verbose_name=_("dicatat pada"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dikembalikan oleh"),
    )
    returned_at = models.DateTimeField(_("dikembalikan pada"))
    return_reason = models.TextField(_("alasan pengembalian"))

    class Meta:
        ordering = ["returned_at", "id"]
        verbose_name = _("keputusan PPK yang dikembalikan")
        verbose_name_plural = _("keputusan PPK yang dikembalikan")

    def __str__(self) -> str:
        return f"{self.decree_number} ({self.case}, dikembalikan)"


class ControlAction(models.Model):
    """One rung of the escalation ladder, a dated and audited act with its document."""

    class Kind(models.TextChoices):
        REMINDER = "pengingat", _("Pengingat kepada PPK")
        WARNING = "teguran", _("Surat peringatan kepada PPK")
        BLOCK = "blokir", _("Pemblokiran data ASN di SIASN")
        PPK_REPORT = "laporan_ppk", _("Laporan tentang PPK ke KemenPANRB/Kemendagri")
        UNBLOCK = "buka_blokir", _("Pembukaan blokir")

    class State(models.TextChoices):
        DUE = "jatuh_tempo", _("Perlu ditindaklanjuti")
        PROPOSED = "diusulkan", _("Diusulkan, menunggu persetujuan")
        DONE = "selesai", _("Dilaksanakan")
        WITHDRAWN = "dibatalkan", _("Tidak diperlukan lagi")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="control_actions", verbose_name=_("kasus")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("jenis"))
    state = models.CharField(max_length=16, choices=State.choices, verbose_name=_("keadaan"))
    number = models.CharField(_("nomor surat"), max_length=80, blank=True)
    note = models.TextField(blank=True, verbose_name=_("catatan"))
    document = models.FileField(upload_to="control/%Y/", blank=True, verbose_name=_("dokumen"))
    # The issued, signed letter of this rung (netralitas.documents); ``document`` holds files of older rows.
    letter = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("surat"),
    )
    created_at = models.DateTimeField(verbose_name=_("dibuat pada"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diusulkan oleh"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("selesai pada"))

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="one_control_action_of_a_kind_per_case"),
        ]
        verbose_name = _("tindakan pengendalian")
        verbose_name_plural = _("tindakan pengendalian")

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} ({self.get_state_display()})"


class ConflictEscalation(models.Model):
    """A case whose PPK is a candidate (konflik kepentingan PPK), escalated when its follow-up deadline
    nears: one queue item for BKN's control and one for Kemendagri, each acknowledged by its own officer.
    Never shown to the agency or its PPK (no case event: the case history is theirs to read)."""

    class Recipient(models.TextChoices):
        BKN = "bkn", _("Pengendalian BKN")
        KEMENDAGRI = "kemendagri", _("Kementerian Dalam Negeri")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="conflict_escalations", verbose_name=_("kasus")
    )
    recipient = models.CharField(_("penerima"), max_length=12, choices=Recipient.choices)
    candidate = models.ForeignKey(
        "registry.Candidate", verbose_name=_("calon"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dieskalasi pada"))
    days_left = models.SmallIntegerField(_("sisa hari kerja saat eskalasi"))
    acknowledged_at = models.DateTimeField(_("ditindaklanjuti pada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditindaklanjuti oleh"),
    )
    note = models.TextField(_("catatan tindak lanjut"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "recipient"], name="one_conflict_escalation_per_recipient"
            )
        ]
        verbose_name = _("eskalasi konflik kepentingan PPK")
        verbose_name_plural = _("eskalasi konflik kepentingan PPK")

    def __str__(self) -> str:
        return f"{self.case} → {self.get_recipient_display()}"


# Due process (issue 15) lives in its own module; imported last, it reads Track and Level from above.
from .hearing_models import Examiner, Hearing, HearingRule, Remedy, Summons  # noqa: E402

__all__ = [
    "ControlAction",
    "Decision",
    "Examiner",
    "Hearing",
    "HearingRule",
    "Level",
    "Recommendation",
    "Remedy",
    "ReturnedDecision",
    "SanctionType",
    "Summons",
    "Track",
    "ViolationType",
]
