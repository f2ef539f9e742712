"""Official documents (naskah dinas): the bodies that issue them, their signatories, numbering and the issued
files. This app knows no case, sanction or declaration: callers give it the text, it gives back a numbered,
signed and verifiable PDF."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netralitas.registry.identifiers import validate_nip


def validate_signatory_nip(value: str) -> None:
    """A signatory's NIP is a PNS NIP, checked like every other (registry/identifiers.py)."""
    validate_nip(value)


class LetterKind(models.TextChoices):
    RECEIPT = "tanda_terima", _("Tanda terima aduan")
    FORWARDING = "penerusan", _("Penerusan Satgas kepada Bawaslu")
    RECOMMENDATION = "rekomendasi", _("Rekomendasi kepada PPK")
    REMINDER = "pengingat", _("Pengingat kepada PPK")
    WARNING = "peringatan", _("Surat peringatan kepada PPK")
    BLOCK_REQUEST = "permohonan_blokir", _("Permohonan pemblokiran di SIASN")
    UNBLOCK = "buka_blokir", _("Pemberitahuan pembukaan blokir")
    PPK_REPORT = "laporan_ppk", _("Laporan PPK yang tidak menindaklanjuti")
    DECLARATION = "sertifikat_deklarasi", _("Sertifikat deklarasi netralitas")
    WEEKLY = "laporan_mingguan", _("Laporan mingguan pimpinan")
    SUMMONS = "panggilan", _("Surat panggilan pemeriksaan ASN terlapor")


class IssuingBody(models.Model):
    """A body that signs letters, with its letterhead (kop surat)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama resmi"), max_length=200)
    name_lines = models.TextField(
        _("baris nama pada kop"), help_text=_("Satu baris per baris kop, dari atas ke bawah.")
    )
    short_name = models.CharField(_("singkatan"), max_length=40, help_text=_("Dipakai dalam nomor surat."))
    agency = models.OneToOneField(
        "registry.Agency",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issuing_body",
    )
    logo = models.FileField(
        _("logo"),
        upload_to="documents/logos/",
        blank=True,
        help_text=_("SVG atau PNG; kosong: lambang pengganti yang dibuat sistem."),
    )
    address = models.CharField(_("alamat"), max_length=300)
    city = models.CharField(_("kota tempat surat dibuat"), max_length=80)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.CharField(_("laman"), max_length=120, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("badan penerbit")
        verbose_name_plural = _("badan penerbit")

    def __str__(self) -> str:
        return self.name

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.name_lines.splitlines() if line.strip()]


class Signatory(models.Model):
    """Who signs for a body during a period of office (the KASN → BKN change of 22 Sep 2024 is two rows)."""

    body = models.ForeignKey(
        IssuingBody, verbose_name=_("badan penerbit"), on_delete=models.PROTECT, related_name="signatories"
    )
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=21, validators=[validate_signatory_nip])
    kinds = models.CharField(
        _("jenis surat"),
        max_length=300,
        blank=True,
        help_text=_("Kode jenis surat yang ditandatangani, dipisah koma; kosong: semua jenis."),
    )
    valid_from = models.DateField(_("menjabat sejak"))
    valid_until = models.DateField(_("menjabat sampai"), null=True, blank=True)

    class Meta:
        ordering = ["body", "-valid_from"]
        verbose_name = _("penanda tangan")
        verbose_name_plural = _("penanda tangan")

    def __str__(self) -> str:
        return f"{self.name} — {self.position}"

    def signs(self, kind: str) -> bool:
        return not self.kinds.strip() or kind in {k.strip() for k in self.kinds.split(",")}

    def in_office(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class NumberingScheme(models.Model):
    """The number pattern of one letter kind of one body, e.g. ``{code}-{seq}/{body}/{roman_month}/{year}``.

    Placeholders: ``{seq}`` (the counter, ``{seq:03d}`` to pad), ``{code}``, ``{body}``, ``{month}``,
    ``{roman_month}``, ``{year}``. The counter restarts every year."""

    body = models.ForeignKey(
        IssuingBody, verbose_name=_("badan penerbit"), on_delete=models.PROTECT, related_name="schemes"
    )
    kind = models.CharField(_("jenis surat"), max_length=20, choices=LetterKind.choices)
    code = models.CharField(_("kode klasifikasi"), max_length=40)
    pattern = models.CharField(
        _("pola nomor"), max_length=120, default="{code}-{seq}/{body}/{roman_month}/{year}"
    )

    class Meta:
        ordering = ["body", "kind"]
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="one_scheme_per_body_and_kind")]
        verbose_name = _("pola penomoran")
        verbose_name_plural = _("pola penomoran")

    def __str__(self) -> str:
        return f"{self.body.short_name} · {self.get_kind_display()}: {self.pattern}"


class Counter(models.Model):
    """The last number given in a scheme's year; locked (SELECT … FOR UPDATE) while a document is issued."""

    scheme = models.ForeignKey(
        NumberingScheme, on_delete=models.PROTECT, related_name="counters", verbose_name=_("skema")
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("tahun"))
    last = models.PositiveIntegerField(default=0, verbose_name=_("terakhir"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "year"], name="one_counter_per_scheme_year")]
        verbose_name = _("penghitung nomor")
        verbose_name_plural = _("penghitung nomor")

    def __str__(self) -> str:
        return f"{self.scheme} {self.year}: {self.last}"


class Document(models.Model):
    """One issued file. Never changed after issue: a new version is a new row that supersedes this one."""

    code = models.CharField(_("kode verifikasi"), max_length=24, unique=True)
    body = models.ForeignKey(
        IssuingBody, verbose_name=_("badan penerbit"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("jenis surat"), max_length=20, choices=LetterKind.choices)
    number = models.CharField(_("nomor"), max_length=120)
    year = models.PositiveSmallIntegerField(verbose_name=_("tahun"))
    # None when the number was given from outside (a letter numbered in the body's own agenda book).
    sequence = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("urutan"))
    issued_on = models.DateField(_("tanggal"))
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    subject = models.CharField(_("hal"), max_length=300)
    addressee = models.CharField(_("kepada"), max_length=300)
    reference = models.CharField(
        _("rujukan"), max_length=80, blank=True, help_text=_("Nomor aduan atau rujukan lain; tidak publik.")
    )
    signatory = models.ForeignKey(
        Signatory, verbose_name=_("penanda tangan"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Empty until the PDF is rendered, which happens after the issuing transaction commits (services.py):
    # the number is taken under the lock, the 1-2 s of rendering and signing are not.
    file = models.FileField(_("berkas"), upload_to="documents/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    signature = models.CharField(_("tanda tangan elektronik"), max_length=128, blank=True)
    key_id = models.CharField(_("kunci"), max_length=16, blank=True)
    certificate = models.ForeignKey(
        "SigningCertificate",
        verbose_name=_("sertifikat tanda tangan PAdES"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What rendering needs besides the columns (full addressee, copies, the letter's text context),
    # encrypted like reporter data and cleared once the file is stored.
    render_input = models.BinaryField(
        null=True, blank=True, editable=False, verbose_name=_("masukan penyusunan (terenkripsi)")
    )
    rendered_at = models.DateTimeField(_("dibuat berkasnya pada"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("menggantikan"),
    )
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_reason = models.CharField(_("alasan pencabutan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year", "sequence"], name="one_document_per_number"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="document_sequence_positive"),
            models.UniqueConstraint(
                fields=["body", "kind", "number"],
                condition=Q(supersedes__isnull=True),
                name="one_original_document_per_number",
            ),
        ]
        verbose_name = _("naskah dinas")
        verbose_name_plural = _("naskah dinas")

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    @property
    def rendered(self) -> bool:
        return bool(self.sha256)


class CertificateRole(models.TextChoices):
    CA = "ca", _("Otoritas sertifikat (CA) demo")
    SIGNER = "signer", _("Sertifikat penanda tangan badan")


class SigningCertificate(models.Model):
    """An X.509 certificate and its private key for PAdES signatures: the signer of one body (a BSrE
    certificate installed by ``manage.py documents_certificate install``, or one the demo CA issues at first
    use), or the demo CA itself (no body). The key is stored encrypted with the reporter encryption keys."""

    body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("badan penerbit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    role = models.CharField(_("peran"), max_length=10, choices=CertificateRole.choices)
    demo = models.BooleanField(_("dibuat oleh CA demo"), default=False)
    subject = models.CharField(_("subjek"), max_length=300)
    issuer = models.CharField(_("penerbit sertifikat"), max_length=300)
    fingerprint = models.CharField(_("sidik jari SHA-256"), max_length=64, unique=True)
    certificate_pem = models.TextField(_("sertifikat (PEM)"))
    chain_pem = models.TextField(_("rantai sertifikat (PEM)"), blank=True)
    key_encrypted = models.BinaryField(editable=False, verbose_name=_("kunci privat (terenkripsi)"))
    not_before = models.DateTimeField(_("berlaku sejak"))
    not_after = models.DateTimeField(_("berlaku sampai"))
    active = models.BooleanField(_("aktif"), default=True)
    installed_at = models.DateTimeField(_("dipasang pada"))

    class Meta:
        ordering = ["body", "-installed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "role"], condition=Q(active=True), name="one_active_certificate_per_body"
            ),
            models.UniqueConstraint(
                fields=["role"], condition=Q(active=True, body__isnull=True), name="one_active_demo_ca"
            ),
        ]
        verbose_name = _("sertifikat tanda tangan")
        verbose_name_plural = _("sertifikat tanda tangan")

    def __str__(self) -> str:
        return f"{self.subject} ({self.fingerprint[:12]})"
