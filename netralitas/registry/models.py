"""Master data: regions, BKN regional offices, agencies (instansi), employees (ASN), elections,
election stages and the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.fields import ClockDateTimeField

from .identifiers import validate_nik, validate_nip


class Kanreg(models.Model):
    """A BKN regional office (Kantor Regional); it covers a set of provinces."""

    number = models.PositiveSmallIntegerField(unique=True, verbose_name=_("nomor"))
    name = models.CharField(max_length=120, verbose_name=_("nama"))
    city = models.CharField(max_length=80, verbose_name=_("kota"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("Kantor Regional BKN")
        verbose_name_plural = _("Kantor Regional BKN")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A province or a kabupaten/kota, keyed by its Kemendagri code ("16", "16.06")."""

    class Level(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB"
        WITA = "Asia/Makassar", "WITA"
        WIT = "Asia/Jayapura", "WIT"

    code = models.CharField(max_length=5, unique=True, verbose_name=_("kode"))
    name = models.CharField(max_length=120, verbose_name=_("nama"))
    level = models.CharField(max_length=10, choices=Level.choices, verbose_name=_("tingkat"))
    province = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("provinsi"),
    )
    timezone = models.CharField(
        max_length=20,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
        verbose_name=_("zona waktu"),
        help_text=_("Nama zona IANA: Asia/Jakarta, Asia/Makassar atau Asia/Jayapura."),
    )
    kanreg = models.ForeignKey(
        Kanreg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provinces",
        verbose_name=_("kantor Regional BKN"),
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        verbose_name=_("lintang"),
        help_text=_("Derajat desimal, mis. -2.9761 (selatan negatif)."),
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        verbose_name=_("bujur"),
        help_text=_("Derajat desimal, mis. 104.7754."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]


class Agency(models.Model):
    """An instansi whose PPK sanctions its staff: a central agency or a regional government."""

    class Kind(models.TextChoices):
        CENTRAL = "pusat", _("Instansi pusat")
        PROVINCE = "provinsi", _("Pemerintah provinsi")
        REGENCY = "kabupaten", _("Pemerintah kabupaten")
        CITY = "kota", _("Pemerintah kota")

    code = models.CharField(max_length=16, unique=True, verbose_name=_("kode"))
    name = models.CharField(max_length=200, verbose_name=_("nama"))
    short_name = models.CharField(max_length=40, blank=True, verbose_name=_("nama singkat"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("jenis"))
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("Wilayah pemerintah daerah; kosong untuk instansi pusat."),
        verbose_name=_("wilayah"),
    )
    ppk_title = models.CharField(_("jabatan PPK"), max_length=200)
    ppk_name = models.CharField(_("nama PPK"), max_length=200, blank=True)
    is_oversight_body = models.BooleanField(
        default=False,
        help_text=_("Anggota Satgas Netralitas (BKN, KemenPANRB, Kemendagri, Bawaslu, KASN)."),
        verbose_name=_("lembaga pengawas"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    """A civil servant (ASN) from the personnel master data (SIASN)."""

    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class Kind(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    class PositionType(models.TextChoices):
        JPT = "jpt", _("Jabatan Pimpinan Tinggi")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        RETIRED = "pensiun", _("Pensiun")
        DISMISSED = "diberhentikan", _("Diberhentikan")
        DECEASED = "meninggal", _("Meninggal dunia")

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    nik = models.CharField(_("NIK"), max_length=16, null=True, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    kind = models.CharField(_("jenis ASN"), max_length=4, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="employees", db_index=False, verbose_name=_("instansi")
    )
    unit = models.CharField(_("unit kerja"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_type = models.CharField(_("jenis jabatan"), max_length=16, choices=PositionType.choices)
    grade = models.CharField(_("golongan"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    siasn_blocked = models.BooleanField(_("diblokir di SIASN"), default=False)
    updated_at = ClockDateTimeField(auto_now=True, verbose_name=_("diubah pada"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")
        indexes = [
            # Serves "employees of agency X" and the reporter's search by name within an agency.
            models.Index(fields=["agency", "name"], name="employee_agency_name"),
            models.Index(fields=["nik"], name="employee_nik", condition=models.Q(nik__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class Election(models.Model):
    """An election (Pemilu or Pilkada) to which every case is tied."""

    class Kind(models.TextChoices):
        PEMILU = "pemilu", _("Pemilihan Umum")
        PILKADA = "pilkada", _("Pemilihan Kepala Daerah")

    code = models.SlugField(max_length=40, unique=True, verbose_name=_("kode"))
    name = models.CharField(max_length=200, verbose_name=_("nama"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("jenis"))
    voting_date = models.DateField(
        verbose_name=_("tanggal pemungutan suara"), help_text=_("Format tahun-bulan-tanggal.")
    )
    candidates_set_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("tanggal penetapan calon"),
        help_text=_("Format tahun-bulan-tanggal."),
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="elections",
        help_text=_("Wilayah penyelenggara (Pilkada). Kosong berarti nasional."),
        verbose_name=_("wilayah"),
    )

    class Meta:
        ordering = ["-voting_date"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self) -> str:
        return self.name

    def stage_on(self, day: dt.date) -> ElectionStage | None:
        return self.stages.filter(start__lte=day, end__gte=day).order_by("start").first()


class ElectionStage(models.Model):
    """A stage (tahapan) of an election, e.g. campaign or quiet period."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="stages", verbose_name=_("pemilihan")
    )
    code = models.SlugField(max_length=40, verbose_name=_("kode"))
    name = models.CharField(max_length=200, verbose_name=_("nama"))
    start = models.DateField(verbose_name=_("mulai"))
    end = models.DateField(verbose_name=_("selesai"))

    class Meta:
        ordering = ["election", "start"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="stage_code_per_election"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="stage_end_after_start"
            ),
        ]
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")

    def __str__(self) -> str:
        return f"{self.election.name}: {self.name}"


class Holiday(models.Model):
    """A non-working day besides weekends: national holiday, cuti bersama, election day or decreed day."""

    class Kind(models.TextChoices):
        PUBLIC = "libur_nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        ELECTION = "pemungutan_suara", _("Hari pemungutan suara")
        DECREED = "ditetapkan", _("Ditetapkan (keputusan lain)")

    class Source(models.TextChoices):
        PACKAGE = "holidays", _("Paket holidays")
        ADMIN = "admin", _("Admin")

    date = models.DateField(unique=True, verbose_name=_("tanggal"))
    year = models.PositiveSmallIntegerField(db_index=True, editable=False, verbose_name=_("tahun"))
    name = models.CharField(max_length=200, verbose_name=_("nama"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("jenis"))
    source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.ADMIN, verbose_name=_("sumber")
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.year = self.date.year
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Candidate(models.Model):
    """One person on a ticket (pasangan calon) of a Pilkada contest: the contest's region, the ticket's
    number, head or deputy, and whether they hold that region's office now (petahana). Where the candidate
    is an ASN or the incumbent, NIK/NIP tie them to the employee and to the agency whose PPK they are."""

    class Position(models.TextChoices):
        HEAD = "kepala", _("Calon kepala daerah")
        DEPUTY = "wakil", _("Calon wakil kepala daerah")

    class Incumbency(models.TextChoices):
        NONE = "", _("Bukan petahana")
        HEAD = "kepala_daerah", _("Petahana kepala daerah (PPK daerah itu)")
        DEPUTY = "wakil_kepala_daerah", _("Petahana wakil kepala daerah")

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="candidates", verbose_name=_("pemilihan")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="candidates", verbose_name=_("wilayah")
    )
    ticket_number = models.PositiveSmallIntegerField(_("nomor urut"))
    position = models.CharField(_("posisi"), max_length=10, choices=Position.choices)
    name = models.CharField(_("nama"), max_length=200)
    incumbent = models.CharField(_("petahana"), max_length=20, choices=Incumbency.choices, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    employee = models.ForeignKey(
        Employee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("pegawai ASN"),
    )

    class Meta:
        ordering = ["election", "region__code", "ticket_number", "position"]
        verbose_name = _("calon")
        verbose_name_plural = _("calon")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "region", "ticket_number", "position"], name="candidate_once_per_ticket"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_number}. {self.name} ({self.region.name})"


def validate_holder_nip(value: str) -> None:
    """An acting PPK who is a civil servant (a Sekda as Plt) is named by a valid NIP."""
    validate_nip(value)


def validate_holder_nik(value: str) -> None:
    validate_nik(value)


class PpkHolder(models.Model):
    """Who holds the PPK office of an agency during a period: the definitive head (definitif), or the
    acting official (Plt, for an absence such as an incumbent's campaign leave; Plh, for a short one).
    On a day the acting official in office is the PPK; otherwise the definitive one. The letters and
    reminders of the case flow are addressed to whoever holds it on their day."""

    class Kind(models.TextChoices):
        DEFINITIVE = "definitif", _("Definitif")
        ACTING = "plt", _("Pelaksana Tugas (Plt.)")
        DAILY = "plh", _("Pelaksana Harian (Plh.)")

    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="ppk_holders"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.DEFINITIVE)
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(
        _("jabatan asal"),
        max_length=200,
        blank=True,
        help_text=_("Jabatan orang itu sendiri, mis. Sekretaris Daerah; kosong untuk kepala daerah."),
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_holder_nip])
    nik = models.CharField(_("NIK"), max_length=16, blank=True, validators=[validate_holder_nik])
    email = models.EmailField(
        _("surel"), blank=True, help_text=_("Pengingat dikirim juga ke alamat ini selama menjabat.")
    )
    valid_from = models.DateField(_("menjabat sejak"))
    valid_until = models.DateField(_("menjabat sampai"), null=True, blank=True)
    legal_basis = models.CharField(
        _("dasar penunjukan"), max_length=300, blank=True, help_text=_("Nomor dan tanggal keputusan.")
    )

    class Meta:
        ordering = ["agency", "-valid_from"]
        verbose_name = _("pemegang jabatan PPK")
        verbose_name_plural = _("pemegang jabatan PPK")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="ppk_holder_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.name}"

    @property
    def prefix(self) -> str:
        return {self.Kind.ACTING: "Plt. ", self.Kind.DAILY: "Plh. "}.get(self.Kind(self.kind), "")

    @property
    def title(self) -> str:
        """The office as a letter names it: "Plt. Bupati Muara Enim"."""
        return f"{self.prefix}{self.agency.ppk_title}"

    def in_office(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
