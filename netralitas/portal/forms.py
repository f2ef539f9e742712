"""The three steps of the public report form. Field checks only; the submission is services.draft_submit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netralitas.cases.intake_rules import description_problem, incident_date_problem
from netralitas.registry import queries as registry
from netralitas.registry.identifiers import (
    asn_identifier_problem,
    nip_only_problem,
    normalize_digits,
    reporter_nip_nik_problem,
    validate_nik,
)
from netralitas.registry.models import Agency, Election, Employee, Region
from netralitas.sanctions.models import ViolationType

from .proof import ProofOfWorkField

EMPLOYEE_SALT = "portal.employee"
MAX_LINKS = 5


def employee_token(employee: Employee) -> str:
    """An opaque, signed reference to an employee for the browser (no NIP, no sequential id in the page)."""
    return signing.dumps(employee.pk, salt=EMPLOYEE_SALT)


def employee_from_token(token: str) -> Employee | None:
    try:
        pk = signing.loads(token, salt=EMPLOYEE_SALT, max_age=dt.timedelta(days=2))
    except signing.BadSignature:
        return None
    return Employee.objects.filter(pk=pk, status=Employee.Status.ACTIVE).select_related("agency").first()


def _agency_choices() -> list[tuple[str, Any]]:
    return [("", _("— pilih instansi —"))] + [(a.code, a.name) for a in registry.agencies_for_search()]


def _province_choices() -> list[tuple[str, Any]]:
    return [("", _("— pilih provinsi —"))] + [(r.code, r.name) for r in registry.provinces()]


class WhoForm(forms.Form):
    optional_fields = frozenset({"reported_position", "reported_agency", "reported_description"})
    MODES = [
        ("nip", _("Ya, saya tahu NIP atau NIK-nya")),
        ("cari", _("Tidak, cari berdasarkan nama dan instansi")),
        ("uraikan", _("Tidak ketemu / tidak tahu: saya uraikan orangnya")),
    ]
    mode = forms.ChoiceField(
        label=_("Apakah Anda mengetahui NIP atau NIK terlapor?"),
        choices=MODES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih salah satu cara menyebutkan terlapor.")},
    )
    identifier = forms.CharField(label=_("NIP (18 angka) atau NIK (16 angka)"), required=False, max_length=40)
    search_name = forms.CharField(label=_("Nama (minimal 3 huruf)"), required=False, max_length=100)
    search_agency = forms.ChoiceField(
        label=_("Instansi"), required=False, widget=forms.Select(attrs={"data-autocomplete": ""})
    )
    search_region = forms.ChoiceField(label=_("Provinsi (wajib bila instansi tidak dipilih)"), required=False)
    employee = forms.CharField(required=False, widget=forms.HiddenInput)
    reported_name = forms.CharField(
        label=_("Nama terlapor (sepengetahuan Anda)"), required=False, max_length=200
    )
    reported_position = forms.CharField(label=_("Jabatan"), required=False, max_length=200)
    reported_agency = forms.ChoiceField(
        label=_("Instansi"), required=False, widget=forms.Select(attrs={"data-autocomplete": ""})
    )
    reported_description = forms.CharField(
        label=_("Ciri-ciri atau keterangan lain"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = _agency_choices()
        self.fields["search_agency"].choices = agencies  # type: ignore[attr-defined]
        self.fields["reported_agency"].choices = agencies  # type: ignore[attr-defined]
        self.fields["search_region"].choices = _province_choices()  # type: ignore[attr-defined]
        self.chosen_employee: Employee | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("mode")
        if mode == "nip":
            number = normalize_digits(data.get("identifier", ""))
            if not number:
                self.add_error("identifier", _("Tulis NIP (18 angka) atau NIK (16 angka) terlapor."))
            elif problem := asn_identifier_problem(number):
                # The importer's precise wording (birth date, sex digit, serial, TMT, length, letters).
                self.add_error("identifier", problem)
            else:
                self.chosen_employee = registry.employee_by_identifier(number)
                if self.chosen_employee is None:
                    self.add_error(
                        "identifier",
                        _(
                            "NIP/NIK ini tidak ditemukan pada data ASN aktif. Periksa angkanya, atau pilih "
                            "“Tidak” untuk mencari nama atau menguraikan terlapor."
                        ),
                    )
        elif mode == "cari":
            self.chosen_employee = employee_from_token(data.get("employee", ""))
            if self.chosen_employee is None:
                self.add_error(
                    "employee",
                    _(
                        "Pilih satu nama dari hasil pencarian. Bila tidak ada yang cocok, pilih "
                        "“saya uraikan orangnya”."
                    ),
                )
        elif mode == "uraikan" and not data.get("reported_name", "").strip():
            self.add_error(
                "reported_name", _("Tulis nama terlapor sepengetahuan Anda (boleh nama panggilan).")
            )
        return data

    def reported_agency_obj(self) -> Agency | None:
        code = self.cleaned_data.get("reported_agency") or ""
        return Agency.objects.filter(code=code).first() if code else None


class WhatForm(forms.Form):
    optional_fields = frozenset({"region", "links"})
    violation_types = forms.ModelMultipleChoiceField(
        label=_("Jenis pelanggaran (boleh lebih dari satu)"),
        queryset=ViolationType.objects.filter(active=True),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu jenis pelanggaran.")},
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal kejadian."),
            "invalid": _("Tanggal kejadian tidak dikenali; gunakan format tahun-bulan-tanggal."),
        },
    )
    province = forms.ChoiceField(
        label=_("Provinsi tempat kejadian"), error_messages={"required": _("Pilih provinsi tempat kejadian.")}
    )
    region = forms.ChoiceField(
        label=_("Kabupaten/kota (bila tahu)"),
        required=False,
        widget=forms.Select(attrs={"data-autocomplete": ""}),  # type-ahead (static/portal/autocomplete.js)
    )
    election = forms.ModelChoiceField(
        label=_("Pemilihan"),
        queryset=Election.objects.order_by("-voting_date"),
        to_field_name="code",
        empty_label=_("— pilih pemilihan —"),
        error_messages={"required": _("Pilih pemilihan yang berkaitan dengan kejadian.")},
    )
    description = forms.CharField(
        label=_("Uraian kejadian"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Ceritakan kejadiannya: siapa, berbuat apa, kapan dan di mana.")},
    )
    links = forms.CharField(
        label=_("Tautan (mis. unggahan media sosial), satu per baris, paling banyak 5"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _province_choices()  # type: ignore[attr-defined]
        self.fields["province"].widget.attrs.update(
            {"hx-get": reverse("portal:regions"), "hx-target": "select[name=region]", "hx-trigger": "change"}
        )
        province = self.data.get("province") if self.is_bound else self.initial.get("province")
        regions = registry.regions_of_province(province) if province else Region.objects.none()
        self.fields["region"].choices = [("", _("— tidak tahu / seluruh provinsi —"))] + [  # type: ignore[attr-defined]
            (r.code, r.name) for r in regions
        ]

    def clean_incident_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["incident_date"]
        problem = incident_date_problem(day, None)
        if problem:
            raise ValidationError(str(problem))
        return day

    def clean_description(self) -> str:
        problem = description_problem(self.cleaned_data["description"])
        if problem:
            raise ValidationError(str(problem))
        return self.cleaned_data["description"].strip()

    def clean_links(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_("Paling banyak %(max)s tautan; hapus sebagian.") % {"max": MAX_LINKS})
        check = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(url)s” bukan alamat web yang sah; salin alamat lengkap yang diawali https://.")
                    % {"url": line[:80]}
                ) from None
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        province = Region.objects.filter(code=data.get("province") or "", level=Region.Level.PROVINCE).first()
        region = None
        if data.get("region"):
            region = Region.objects.filter(code=data["region"], province=province).first()
        self.place: Region | None = region or province
        election: Election | None = data.get("election")
        day: dt.date | None = data.get("incident_date")
        problem = incident_date_problem(day, election) if election and day else None
        if problem:
            self.add_error("incident_date", str(problem))
        if (
            election
            and province
            and election.regions.exists()
            and not election.regions.filter(pk=province.pk).exists()
        ):
            self.add_error(
                "election",
                _("%(e)s tidak diselenggarakan di %(p)s; pilih pemilihan lain.")
                % {"e": election.name, "p": province.name},
            )
        return data


class ReporterForm(forms.Form):
    IDENTITY = [
        ("anonim", _("Anonim: identitas saya tidak dicatat")),
        ("identitas", _("Dengan identitas: saya ingin dihubungi (identitas dienkripsi)")),
    ]
    identity = forms.ChoiceField(
        label=_("Bagaimana Anda ingin melapor?"),
        choices=IDENTITY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih anonim atau dengan identitas.")},
    )
    name = forms.CharField(label=_("Nama lengkap"), required=False, max_length=200)
    nik = forms.CharField(label=_("NIK (16 angka)"), required=False, max_length=24)
    nip = forms.CharField(
        label=_("NIP Anda, bila Anda ASN (18 angka, boleh dikosongkan)"), required=False, max_length=40
    )
    phone = forms.CharField(label=_("Nomor telepon/WhatsApp"), required=False, max_length=20)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Alamat e-mail tidak sah; periksa ejaannya.")},
    )
    consent = forms.BooleanField(
        label=_(
            "Saya menyatakan laporan ini benar menurut pengetahuan saya dan setuju data laporan "
            "diproses oleh Satgas Netralitas ASN sesuai UU 27/2022 tentang Pelindungan Data Pribadi."
        ),
        error_messages={"required": _("Centang pernyataan persetujuan untuk dapat mengirim laporan.")},
    )
    altcha = ProofOfWorkField()
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_nik(self) -> str:
        nik = normalize_digits(self.cleaned_data.get("nik", ""))
        if nik:
            validate_nik(nik)
        return nik

    def clean_nip(self) -> str:
        nip = normalize_digits(self.cleaned_data.get("nip", ""))
        if nip and (problem := nip_only_problem(nip)):
            raise ValidationError(problem)
        return nip

    def clean_phone(self) -> str:
        phone = "".join(ch for ch in self.cleaned_data.get("phone", "") if ch.isdigit() or ch == "+")
        if phone and not (8 <= len(phone.lstrip("+")) <= 15):
            raise ValidationError(_("Nomor telepon terdiri dari 8 sampai 15 angka, mis. 081234567890."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("identity") == "identitas":
            if not data.get("name", "").strip():
                self.add_error("name", _("Tulis nama Anda, atau pilih “Anonim”."))
            if not data.get("nik") and "nik" not in self.errors:
                self.add_error("nik", _("Tulis NIK Anda (16 angka), atau pilih “Anonim”."))
            if not data.get("phone") and not data.get("email") and "email" not in self.errors:
                self.add_error("phone", _("Isi nomor telepon atau e-mail agar kami dapat mengabari Anda."))
            # Both given and each valid: they must describe one person (birth date, sex).
            if (
                data.get("nip")
                and data.get("nik")
                and (problem := reporter_nip_nik_problem(data["nip"], data["nik"]))
            ):
                self.add_error("nip", problem)
        return data

    def identity_payload(self) -> dict[str, str] | None:
        data = self.cleaned_data
        if data.get("identity") != "identitas":
            return None
        return {k: data[k] for k in ("name", "nik", "nip", "phone", "email") if data.get(k)}


class StatusForm(forms.Form):
    number = forms.CharField(
        label=_("Nomor aduan"),
        max_length=24,
        widget=forms.TextInput(attrs={"placeholder": "SBT-2024-000123", "autocomplete": "off"}),
        error_messages={"required": _("Tulis nomor aduan, mis. SBT-2024-000123.")},
    )
    code = forms.CharField(
        label=_("Kode rahasia"),
        max_length=24,
        widget=forms.TextInput(attrs={"placeholder": "XXXX-XXXX-XXXX", "autocomplete": "off"}),
        error_messages={"required": _("Tulis kode rahasia dari tanda terima.")},
    )


class StatusProofForm(StatusForm):
    """Asked after PORTAL_STATUS_PROOF_AFTER failed checks from one address: the same self-solving proof."""

    altcha = ProofOfWorkField()


class AddInformationForm(forms.Form):
    optional_fields = frozenset({"text"})
    text = forms.CharField(
        label=_("Keterangan tambahan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class RetaliationForm(forms.Form):
    """The reporter says they are being retaliated against (ADR 0026): it reaches BKN auditors only."""

    message = forms.CharField(
        label=_("Apa yang terjadi pada Anda sejak melapor?"),
        help_text=_(
            "Mis. mutasi, penurunan jabatan, hukuman atau tekanan dari atasan. Pesan ini hanya dibaca "
            "auditor BKN; instansi Anda dan PPK-nya tidak melihatnya."
        ),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Ceritakan apa yang terjadi (minimal 10 karakter)."),
            "min_length": _("Ceritakan apa yang terjadi (minimal 10 karakter)."),
        },
    )
    altcha = ProofOfWorkField()
