"""Cases (laporan/kasus), their events, evidence, reporter identity and deadline rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netralitas.core.fields import ClockDateTimeField
from netralitas.core.workdays import DayUnit

from .workflow import Stage, Status


class Source(models.TextChoices):
    PUBLIC = "publik", _("Pengaduan masyarakat")
    AGENCY = "instansi", _("Laporan instansi")
    BAWASLU_FINDING = "temuan_bawaslu", _("Temuan Bawaslu")
    SYSTEM = "sistem", _("Tanda sistem")


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        from .workflow import FINAL_STATUSES

        return self.exclude(status__in=FINAL_STATUSES)


class Case(models.Model):
    number = models.CharField(_("nomor aduan"), max_length=20, unique=True)
    code = models.CharField(
        max_length=24,
        unique=True,
        editable=False,
        help_text=_("Kode acak untuk URL."),
        verbose_name=_("kode"),
    )
    source = models.CharField(_("sumber"), max_length=16, choices=Source.choices)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    version = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("versi"))

    # Foreign keys marked db_index=False are served by a composite index below that starts with them, or
    # point at a small master-data table whose rows are not deleted: one index fewer to write per intake.
    election = models.ForeignKey(
        "registry.Election",
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
        verbose_name=_("pemilihan"),
    )
    election_stage = models.ForeignKey(
        "registry.ElectionStage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
        verbose_name=_("tahapan pemilihan"),
    )
    incident_date = models.DateField(_("tanggal kejadian"))
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="cases", verbose_name=_("lokasi kejadian")
    )
    # Denormalised for scoping at scale: the province of ``region`` and the agency of the reported person.
    province = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("provinsi"),
    )
    agency = models.ForeignKey(
        "registry.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
        verbose_name=_("instansi"),
    )
    employee = models.ForeignKey(
        "registry.Employee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("pegawai ASN"),
    )
    reported_name = models.CharField(_("nama terlapor (menurut pelapor)"), max_length=200, blank=True)
    reported_position = models.CharField(_("jabatan terlapor (menurut pelapor)"), max_length=200, blank=True)
    reported_description = models.TextField(_("ciri-ciri terlapor"), blank=True)

    violation_types = models.ManyToManyField(
        "sanctions.ViolationType", blank=True, related_name="cases", verbose_name=_("jenis pelanggaran")
    )
    description = models.TextField(_("uraian kejadian"))
    links = models.JSONField(_("tautan"), default=list, blank=True)

    receipt_hash = models.CharField(
        max_length=64, blank=True, editable=False, verbose_name=_("hash kode tanda terima")
    )
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_cases",
        db_index=False,
        verbose_name=_("pengguna pelapor"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        db_index=False,
        verbose_name=_("petugas"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
        db_index=False,
        verbose_name=_("digabungkan ke"),
    )
    idempotency_key = models.CharField(
        max_length=80, null=True, blank=True, unique=True, editable=False, verbose_name=_("kunci idempotensi")
    )
    idempotency_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Sidik isi kiriman pertama dengan kunci ini; kiriman ulang berisi lain ditolak."),
        verbose_name=_("hash idempotensi"),
    )

    received_at = models.DateTimeField(_("diterima"))
    stage_started_at = models.DateTimeField(verbose_name=_("tahap dimulai pada"))
    deadline_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    deadline_rule = models.ForeignKey(
        "cases.DeadlineRule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("aturan batas waktu"),
    )
    overdue_since = models.DateTimeField(null=True, blank=True, verbose_name=_("lewat batas sejak"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ditutup pada"))
    updated_at = ClockDateTimeField(auto_now=True, verbose_name=_("diubah pada"))

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [
            # Covers the overdue and at-risk counts by province/agency without touching the table.
            models.Index(fields=["status", "deadline_at", "province", "agency"], name="case_status_deadline"),
            models.Index(fields=["province", "status"], name="case_province_status"),
            models.Index(fields=["agency", "status"], name="case_agency_status"),
            models.Index(fields=["election", "status"], name="case_election_status"),
            models.Index(fields=["updated_at"], name="case_updated"),
            # Empty on most rows when written (an anonymous report, no assignee yet, not merged): partial
            # indexes skip those, so a new case writes three index entries fewer. A look-up by value
            # (``assignee_id = …``) implies NOT NULL, so both engines still use them.
            models.Index(
                fields=["reporter_user"], name="case_reporter_user", condition=Q(reporter_user__isnull=False)
            ),
            models.Index(fields=["assignee"], name="case_assignee", condition=Q(assignee__isnull=False)),
            models.Index(
                fields=["merged_into"], name="case_merged_into", condition=Q(merged_into__isnull=False)
            ),
            # The published figures count reports not merged into another, and distinct reported ASN: these
            # cover their GROUP BYs (status; province or agency with conditional counts) without reading
            # the table (ADR 0021: 4x faster at 100,000 cases on SQLite).
            models.Index(
                fields=["status", "employee"],
                name="case_counted_status",
                condition=Q(merged_into__isnull=True),
            ),
            models.Index(
                fields=["province", "status", "employee"],
                name="case_counted_province",
                condition=Q(merged_into__isnull=True),
            ),
            models.Index(
                fields=["agency", "status", "employee"],
                name="case_counted_agency",
                condition=Q(merged_into__isnull=True),
            ),
            # The reported ASN of several statuses group the reports by (key, employee) (ADR 0022): these
            # walk each employee's reports in order, without a temporary B-tree.
            models.Index(
                fields=["employee", "status"],
                name="case_counted_employee",
                condition=Q(merged_into__isnull=True),
            ),
            models.Index(
                fields=["province", "employee", "status"],
                name="case_counted_prov_employee",
                condition=Q(merged_into__isnull=True),
            ),
            models.Index(
                fields=["agency", "employee", "status"],
                name="case_counted_agcy_employee",
                condition=Q(merged_into__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def subject_name(self) -> str:
        return (
            self.employee.name if self.employee else (self.reported_name or str(_("(belum teridentifikasi)")))
        )


class CaseNumberSequence(models.Model):
    """The last complaint number issued per year; rows are locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True, verbose_name=_("tahun"))
    last = models.PositiveIntegerField(default=0, verbose_name=_("terakhir"))

    class Meta:
        verbose_name = _("urutan nomor kasus")
        verbose_name_plural = _("urutan nomor kasus")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CaseEvent(models.Model):
    """One dated entry on a case's timeline: a transition or another act on the case."""

    # Served by the (case, at) index.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="events", db_index=False, verbose_name=_("kasus")
    )
    at = models.DateTimeField(verbose_name=_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("pelaku")
    )
    actor_label = models.CharField(max_length=200, verbose_name=_("nama pelaku"))
    actor_agency = models.ForeignKey(
        "registry.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Instansi pelaku saat itu (mis. KASN sebelum Sep 2024)."),
        verbose_name=_("instansi pelaku"),
    )
    action = models.CharField(max_length=40, verbose_name=_("tindakan"))
    from_status = models.CharField(max_length=24, blank=True, verbose_name=_("dari status"))
    to_status = models.CharField(max_length=24, blank=True, verbose_name=_("ke status"))
    note = models.TextField(_("catatan internal"), blank=True)
    public_message = models.TextField(_("pesan untuk pelapor"), blank=True)
    data = models.JSONField(default=dict, blank=True, verbose_name=_("data"))
    # A transition that leaves a stage records that stage's interval, as the case had it: the monitoring
    # of handling times reads finished stages from these rows instead of replaying every timeline.
    ended_stage = models.CharField(
        max_length=20, blank=True, editable=False, verbose_name=_("tahap yang berakhir")
    )
    stage_started_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("tahap dimulai pada")
    )
    stage_deadline_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("batas waktu tahap")
    )

    class Meta:
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("peristiwa kasus")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["case", "at"], name="caseevent_case_at"),
            # Only stage-ending events are indexed: an intake's "submitted" event writes no entry.
            models.Index(
                fields=["ended_stage", "case"],
                name="caseevent_ended_stage",
                condition=~models.Q(ended_stage=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class Evidence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("kasus"))
    file = models.FileField(upload_to="evidence/%Y/%m/", verbose_name=_("berkas"))
    original_name = models.CharField(max_length=255, verbose_name=_("nama berkas asli"))
    content_type = models.CharField(
        max_length=100,
        verbose_name=_("jenis isi (MIME)"),
        help_text=_("Jenis MIME, mis. image/jpeg atau application/pdf."),
    )
    size = models.PositiveBigIntegerField(verbose_name=_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"), help_text=_("64 digit heksadesimal."))
    uploaded_at = models.DateTimeField(verbose_name=_("diunggah pada"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("diunggah oleh"),
    )
    from_reporter = models.BooleanField(default=False, verbose_name=_("dari pelapor"))

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"


class ReporterIdentity(models.Model):
    """The reporter's identity, encrypted at rest (Fernet); read only through an audited service."""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="reporter_identity", verbose_name=_("kasus")
    )
    ciphertext = models.BinaryField(verbose_name=_("teks tersandi"))
    created_at = models.DateTimeField(verbose_name=_("dibuat pada"))

    class Meta:
        verbose_name = _("identitas pelapor")
        verbose_name_plural = _("identitas pelapor")

    def __str__(self) -> str:
        return f"identitas pelapor {self.case_id} (terenkripsi)"


class DeadlineRule(models.Model):
    """How long a stage may take; data so the 10-or-14-days question is a setting, not code."""

    stage = models.CharField(
        max_length=20, choices=[(s.value, s.value) for s in Stage], verbose_name=_("tahap")
    )
    days = models.PositiveSmallIntegerField(verbose_name=_("jumlah hari"))
    unit = models.CharField(
        max_length=16,
        choices=[(DayUnit.WORKING.value, _("hari kerja")), (DayUnit.CALENDAR.value, _("hari kalender"))],
        verbose_name=_("satuan"),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    valid_from = models.DateField(
        null=True, blank=True, verbose_name=_("berlaku mulai"), help_text=_("Format tahun-bulan-tanggal.")
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        default=2,
        help_text=_("Pengingat dikirim sekian hari kerja sebelum batas waktu."),
        verbose_name=_("pengingat (hari sebelumnya)"),
    )

    class Meta:
        ordering = ["stage", "-valid_from"]
        verbose_name = _("aturan batas waktu")
        verbose_name_plural = _("aturan batas waktu")

    def __str__(self) -> str:
        return f"{self.stage}: {self.days} {self.get_unit_display()}"


class NoticeReceipt(models.Model):
    """One next-owner e-mail that was sent, so that a retried or replayed delivery of the same event
    (cases.tasks.mail_next_owners) does not mail the same person twice."""

    event_key = models.CharField(
        max_length=64,
        help_text=_("Id peristiwa outbox yang diberitahukan."),
        verbose_name=_("kunci peristiwa"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pengguna")
    )
    sent_at = models.DateTimeField(verbose_name=_("dikirim pada"))

    class Meta:
        verbose_name = _("tanda terima pemberitahuan")
        verbose_name_plural = _("tanda terima pemberitahuan")
        constraints = [models.UniqueConstraint(fields=["event_key", "user"], name="notice_once_per_user")]

    def __str__(self) -> str:
        return f"{self.event_key} → {self.user_id}"
