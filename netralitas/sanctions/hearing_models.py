"""Due process of the reported ASN (issue 15, the right to be heard): the catalogue of who examines and
within which limits, the examination of each case (summonses, attendance, the BAP) and the administrative
remedies after the decision (keberatan, banding administratif).

Imported by ``models.py`` so that Django sees the models; kept apart to keep each module short."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Level, Track


class Examiner(models.TextChoices):
    SUPERIOR = "atasan_langsung", _("Atasan langsung")
    TEAM = "tim_pemeriksa", _("Tim pemeriksa (atasan langsung, unsur pengawasan dan unsur kepegawaian)")
    ETHICS_BOARD = "majelis_kode_etik", _("Majelis Kode Etik")


class HearingRule(models.Model):
    """Who examines a case of a track and level, and the time limits, with their legal basis (data)."""

    track = models.CharField(_("jalur"), max_length=10, choices=Track.choices)
    level = models.CharField(
        _("tingkat"), max_length=10, choices=Level.choices, blank=True, help_text=_("Kosong: semua tingkat.")
    )
    examiner = models.CharField(_("pemeriksa"), max_length=20, choices=Examiner.choices)
    notice_working_days = models.PositiveSmallIntegerField(
        _("jarak surat panggilan ke tanggal pemeriksaan (hari kerja)"),
        help_text=_("Tanggal pemeriksaan paling cepat sekian hari kerja setelah tanggal surat panggilan."),
    )
    second_summons_working_days = models.PositiveSmallIntegerField(
        _("batas panggilan kedua (hari kerja)"),
        help_text=_(
            "Panggilan kedua dikirim paling lambat sekian hari kerja setelah tanggal pemeriksaan "
            "yang tidak dihadiri."
        ),
    )
    objection_working_days = models.PositiveSmallIntegerField(
        _("batas pengajuan keberatan (hari kerja)"), null=True, blank=True
    )
    appeal_working_days = models.PositiveSmallIntegerField(
        _("batas pengajuan banding administratif (hari kerja)"), null=True, blank=True
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=400)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["track", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "level"], condition=Q(active=True), name="one_active_hearing_rule_per_level"
            )
        ]
        verbose_name = _("aturan pemeriksaan")
        verbose_name_plural = _("aturan pemeriksaan")

    def __str__(self) -> str:
        level = self.get_level_display() if self.level else _("semua tingkat")
        return f"{self.get_track_display()} · {level}: {self.get_examiner_display()}"


class Hearing(models.Model):
    """The examination of one case before the PPK decides (discipline) or the Majelis recommends (ethics)."""

    class State(models.TextChoices):
        SUMMONED = "dipanggil", _("Dipanggil untuk pemeriksaan")
        ABSENT_ONCE = "tidak_hadir_1", _("Tidak hadir pada panggilan pertama")
        SUMMONED_AGAIN = "dipanggil_2", _("Dipanggil kedua kali")
        ATTENDED = "hadir", _("Hadir dan diperiksa; menunggu berita acara")
        EXAMINED = "diperiksa", _("Diperiksa; berita acara pemeriksaan tercatat")
        DEFAULTED = "tidak_hadir_2", _("Tidak hadir pada panggilan kedua; diputus berdasarkan bukti")

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="hearing", verbose_name=_("kasus")
    )
    rule = models.ForeignKey(
        HearingRule, verbose_name=_("aturan"), on_delete=models.PROTECT, related_name="+"
    )
    track = models.CharField(_("jalur"), max_length=10, choices=Track.choices)
    examiner = models.CharField(_("pemeriksa"), max_length=20, choices=Examiner.choices)
    examiner_names = models.CharField(_("nama dan jabatan pemeriksa"), max_length=400)
    state = models.CharField(_("tahap"), max_length=16, choices=State.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dimulai oleh")
    )
    started_at = models.DateTimeField(_("dimulai pada"))
    examined_on = models.DateField(_("tanggal pemeriksaan"), null=True, blank=True)
    minutes = models.FileField(_("berita acara pemeriksaan"), upload_to="hearings/%Y/", blank=True)
    minutes_sha256 = models.CharField(_("SHA-256 berita acara"), max_length=64, blank=True)
    minutes_name = models.CharField(_("nama berkas berita acara"), max_length=255, blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("BAP diunggah oleh"),
    )
    minutes_at = models.DateTimeField(_("berita acara diunggah pada"), null=True, blank=True)
    # Ethics track: the Majelis Kode Etik's recommendation to the PPK.
    board_recommendation = models.TextField(_("rekomendasi Majelis Kode Etik"), blank=True)

    class Meta:
        verbose_name = _("pemeriksaan terlapor")
        verbose_name_plural = _("pemeriksaan terlapor")

    def __str__(self) -> str:
        return f"{self.case} — {self.get_state_display()}"

    @property
    def complete(self) -> bool:
        """The PPK may decide: the examination is recorded, or the ASN stayed away twice."""
        return self.state in (self.State.EXAMINED, self.State.DEFAULTED)


class Summons(models.Model):
    """One written summons (surat panggilan) and whether the ASN appeared."""

    hearing = models.ForeignKey(
        Hearing, on_delete=models.PROTECT, related_name="summonses", verbose_name=_("pemeriksaan")
    )
    ordinal = models.PositiveSmallIntegerField(_("panggilan ke"))
    letter = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("surat")
    )
    examination_at = models.DateTimeField(_("waktu pemeriksaan"))
    place = models.CharField(_("tempat pemeriksaan"), max_length=300)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    attended = models.BooleanField(_("hadir"), null=True, blank=True)
    attendance_note = models.TextField(_("keterangan kehadiran"), blank=True)
    attendance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kehadiran dicatat oleh"),
    )
    attendance_at = models.DateTimeField(null=True, blank=True, verbose_name=_("kehadiran dicatat pada"))

    class Meta:
        ordering = ["hearing", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "ordinal"], name="one_summons_per_ordinal"),
            models.CheckConstraint(condition=Q(ordinal__in=[1, 2]), name="summons_first_or_second"),
        ]
        verbose_name = _("surat panggilan")
        verbose_name_plural = _("surat panggilan")

    def __str__(self) -> str:
        return f"{self.hearing.case} — {_('panggilan')} {self.ordinal}"


class Remedy(models.Model):
    """The ASN's keberatan or banding administratif against the decision, its deadline and its outcome."""

    class Kind(models.TextChoices):
        OBJECTION = "keberatan", _("Keberatan")
        APPEAL = "banding", _("Banding administratif")

    class Outcome(models.TextChoices):
        PENDING = "diproses", _("Sedang diproses")
        UPHELD = "dikabulkan", _("Dikabulkan: hukuman dibatalkan")
        REJECTED = "ditolak", _("Ditolak: hukuman tetap")
        CHANGED = "diubah", _("Hukuman diubah")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="remedies", verbose_name=_("kasus")
    )
    kind = models.CharField(_("jenis upaya"), max_length=10, choices=Kind.choices)
    filed_on = models.DateField(_("tanggal diajukan"))
    deadline = models.DateField(_("batas pengajuan"))
    decided_by_body = models.CharField(_("pejabat/badan yang memutus"), max_length=300)
    grounds = models.TextField(_("ringkasan alasan"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(verbose_name=_("dicatat pada"))
    outcome = models.CharField(_("hasil"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    new_sanction_type = models.ForeignKey(
        "sanctions.SanctionType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("jenis sanksi baru"),
    )
    decided_on = models.DateField(_("tanggal putusan"), null=True, blank=True)
    outcome_note = models.TextField(_("pertimbangan putusan"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("putusan dicatat oleh"),
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(outcome="diproses"), name="one_pending_remedy_per_case"
            )
        ]
        verbose_name = _("upaya administratif")
        verbose_name_plural = _("upaya administratif")

    def __str__(self) -> str:
        return f"{self.case} — {self.get_kind_display()} ({self.get_outcome_display()})"
