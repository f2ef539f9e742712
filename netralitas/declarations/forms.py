"""Forms of the declarations app: signing, sheet upload, and the organisers' campaign and meeting forms.

Date-times of campaigns and meetings are typed in the region's own zone (WIB, WITA or WIT): the field
keeps the wall-clock value naive and ``clean()`` makes it aware once the region is known, so a Makassar
campaign opening at 09:00 is stored as 01:00 UTC, not 02:00.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netralitas.accounts.models import Role, User
from netralitas.core import clock
from netralitas.registry.models import Agency, Election, Region

from . import organiser_queries
from .models import Meeting


class SignForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=24,
        error_messages={"required": _("NIP wajib diisi (18 angka, spasi boleh).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Tanggal lahir wajib diisi."),
            "invalid": _("Tanggal lahir tidak valid; tulis seperti 13-03-1986."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    nik_last4 = forms.CharField(
        label=_("4 digit terakhir NIK (KTP)"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Isi tepat 4 angka terakhir NIK Anda."))],
        error_messages={
            "required": _("4 digit terakhir NIK wajib diisi."),
            "min_length": _("Isi tepat 4 angka terakhir NIK Anda."),
            "max_length": _("Isi tepat 4 angka terakhir NIK Anda."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{4}"}),
    )

    def clean_nip(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())
        if len(digits) != 18:
            raise forms.ValidationError(
                _("NIP harus 18 angka; Anda mengisi %(n)s angka."), params={"n": len(digits)}
            )
        return digits


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Lembar hadir (.csv atau .xlsx)"),
        error_messages={"required": _("Pilih berkas lembar hadir.")},
    )


class ActionItemDoneForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan penyelesaian"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan apa yang sudah dilakukan.")},
    )


# --- organisers: campaigns and meetings ----------------------------------------------------------------

LOCAL_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M",
)
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
INVALID_DATETIME = _("Tulis tanggal dan jam seperti 27-12-2024 09:00.")


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, left naive: Django's own field would put it in the server's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for fmt in LOCAL_DATETIME_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name if obj.province_id is None else f"— {obj.name}"


def _region_field(invalid: Any) -> RegionChoiceField:
    return RegionChoiceField(
        queryset=Region.objects.none(),
        to_field_name="code",
        label=_("Wilayah"),
        empty_label=_("— pilih wilayah —"),
        error_messages={"required": _("Pilih wilayah."), "invalid_choice": invalid},
    )


def _local_field(label: Any, required: Any) -> LocalDateTimeField:
    return LocalDateTimeField(
        label=label,
        help_text=_("Waktu setempat wilayah yang dipilih (WIB, WITA atau WIT)."),
        error_messages={"required": required, "invalid": INVALID_DATETIME},
    )


def _in_zone(value: dt.datetime | None, region: Region) -> dt.datetime | None:
    return timezone.make_aware(value, ZoneInfo(region.timezone or "Asia/Jakarta")) if value else None


def _agencies_field(label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Agency.objects.all(),
        to_field_name="code",
        required=False,
        label=label,
        error_messages={"invalid_choice": _("Instansi %(value)s tidak dikenal.")},
    )


class _RegionalForm(forms.Form):
    """A form whose agency choices depend on its region; the page swaps them (htmx) when it changes."""

    def __init__(self, *args: Any, user: User, refresh_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ModelChoiceField)
        region_field.queryset = organiser_queries.organisable_regions(user)
        if refresh_url:
            region_field.widget.attrs.update(
                {"hx-get": refresh_url, "hx-trigger": "change", "hx-target": "#agency-options"}
            )

    def selected_region(self) -> Region | None:
        code = self["region"].value()
        if not code:
            return None
        return organiser_queries.organisable_regions(self.user).filter(code=str(code)).first()

    def _chosen(self, name: str) -> set[str]:
        return {str(code) for code in self[name].value() or []}

    def _outside(self, chosen: list[Agency], allowed: Any, name: str) -> None:
        allowed_ids = set(allowed.values_list("pk", flat=True))
        outside = sorted(a.name for a in chosen if a.pk not in allowed_ids)
        if outside:
            self.add_error(
                name, _("Di luar wilayah yang dipilih: %(names)s.") % {"names": ", ".join(outside)}
            )


class CampaignForm(_RegionalForm):
    title = forms.CharField(
        label=_("Judul"),
        max_length=200,
        error_messages={
            "required": _("Judul kampanye wajib diisi."),
            "max_length": _("Judul paling panjang 200 karakter."),
        },
    )
    text = forms.CharField(
        label=_("Naskah deklarasi"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Naskah deklarasi wajib diisi.")},
    )
    election = forms.ModelChoiceField(
        queryset=Election.objects.order_by("-voting_date"),
        to_field_name="code",
        label=_("Pemilihan"),
        empty_label=_("— pilih pemilihan —"),
        error_messages={
            "required": _("Pilih pemilihan."),
            "invalid_choice": _("Pilih pemilihan dari daftar."),
        },
    )
    region = _region_field(_("Wilayah ini di luar cakupan Anda sebagai penyelenggara."))
    opens_at = _local_field(_("Dibuka"), _("Isi tanggal dan jam penandatanganan dibuka."))
    closes_at = _local_field(_("Ditutup"), _("Isi tanggal dan jam penandatanganan ditutup."))
    all_agencies = forms.BooleanField(label=_("Semua instansi di wilayah ini"), required=False)
    agencies = _agencies_field(_("Instansi peserta"))
    organiser_roles = forms.MultipleChoiceField(
        label=_("Peran penyelenggara"),
        choices=[(r.value, r.label) for r in Role if r.value in organiser_queries.ORGANISER_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Pengguna dengan peran ini yang cakupannya meliputi wilayah kampanye dapat mengubah draf, "
            "membuka dan menutup penandatanganan."
        ),
        error_messages={
            "required": _("Pilih sedikitnya satu peran penyelenggara."),
            "invalid_choice": _("Peran %(value)s tidak dapat menjadi penyelenggara."),
        },
    )

    def agency_options(self) -> list[tuple[Agency, bool]]:
        region = self.selected_region()
        if region is None:
            return []
        chosen = self._chosen("agencies")
        return [(a, a.code in chosen) for a in organiser_queries.campaign_agencies(region)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        region: Region | None = data.get("region")
        if region is None:
            return data
        opens = data["opens_at"] = _in_zone(data.get("opens_at"), region)
        closes = data["closes_at"] = _in_zone(data.get("closes_at"), region)
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Waktu ditutup harus sesudah waktu dibuka."))
        elif closes and closes <= clock.now():
            self.add_error("closes_at", _("Waktu ditutup sudah lewat."))
        election = data.get("election")
        if election is not None and not organiser_queries.election_covers(election, region):
            self.add_error("election", _("Pemilihan ini tidak diselenggarakan di wilayah tersebut."))
        self._clean_agencies(data, region)
        roles = set(data.get("organiser_roles") or [])
        mine = organiser_queries.organiser_roles_over(self.user, region)
        if roles and not roles & mine:
            labels = ", ".join(str(Role(r).label) for r in sorted(mine))
            self.add_error(
                "organiser_roles",
                _(
                    "Pilih juga peran Anda sendiri untuk wilayah ini (%(roles)s); tanpa itu Anda tidak "
                    "dapat mengelola kampanye ini."
                )
                % {"roles": labels},
            )
        return data

    def _clean_agencies(self, data: dict[str, Any], region: Region) -> None:
        allowed = organiser_queries.campaign_agencies(region)
        if data.get("all_agencies"):
            data["agencies"] = list(allowed)
            if not data["agencies"]:
                self.add_error("agencies", _("Wilayah ini belum memiliki instansi terdaftar."))
            return
        if "agencies" in self.errors:
            return
        chosen = list(data.get("agencies") or [])
        if not chosen:
            self.add_error(
                "agencies",
                _("Pilih sedikitnya satu instansi peserta, atau centang “Semua instansi di wilayah ini”."),
            )
        self._outside(chosen, allowed, "agencies")

    def service_arguments(self) -> dict[str, Any]:
        names = (
            "title",
            "text",
            "election",
            "region",
            "opens_at",
            "closes_at",
            "agencies",
            "organiser_roles",
        )
        return {name: self.cleaned_data[name] for name in names}


class MeetingForm(_RegionalForm):
    kind = forms.ChoiceField(
        label=_("Jenis rapat"),
        choices=[("", _("— pilih jenis rapat —")), *Meeting.Kind.choices],
        error_messages={
            "required": _("Pilih jenis rapat."),
            "invalid_choice": _("Pilih jenis rapat dari daftar."),
        },
    )
    title = forms.CharField(
        label=_("Judul"),
        max_length=200,
        error_messages={
            "required": _("Judul rapat wajib diisi."),
            "max_length": _("Judul paling panjang 200 karakter."),
        },
    )
    held_at = _local_field(_("Waktu rapat"), _("Isi tanggal dan jam rapat."))
    region = _region_field(_("Wilayah ini di luar cakupan Anda sebagai penyelenggara."))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Tautan rapat daring"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Tautan tidak valid; tulis lengkap, mis. https://zoom.us/j/123.")},
    )
    organiser = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        to_field_name="code",
        label=_("Instansi penyelenggara"),
        error_messages={
            "required": _("Pilih instansi penyelenggara."),
            "invalid_choice": _("Pilih instansi penyelenggara dari daftar."),
        },
    )
    all_invited = forms.BooleanField(label=_("Undang semua pemerintah daerah di wilayah ini"), required=False)
    invited = _agencies_field(_("Instansi diundang"))

    def _options(self) -> Any:
        region = self.selected_region()
        if region is None:
            return Agency.objects.none()
        return organiser_queries.meeting_agencies(region, also=(self.user.agency_id,))

    def organiser_options(self) -> list[tuple[Agency, bool]]:
        chosen = str(self["organiser"].value() or "")
        return [(a, a.code == chosen) for a in self._options()]

    def invited_options(self) -> list[tuple[Agency, bool]]:
        chosen = self._chosen("invited")
        return [(a, a.code in chosen) for a in self._options()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        where = data.get("place", "").strip() or data.get("online_url", "").strip()
        if not where and "online_url" not in self.errors:
            self.add_error("place", _("Isi tempat rapat atau tautan rapat daring."))
        region: Region | None = data.get("region")
        if region is None:
            return data
        data["held_at"] = _in_zone(data.get("held_at"), region)
        allowed = organiser_queries.meeting_agencies(region, also=(self.user.agency_id,))
        organiser = data.get("organiser")
        if organiser is not None:
            self._outside([organiser], allowed, "organiser")
        invited = list(data.get("invited") or [])
        self._outside(invited, allowed, "invited")
        if data.get("all_invited"):
            invited_ids = {a.pk for a in invited}
            invited += [a for a in organiser_queries.campaign_agencies(region) if a.pk not in invited_ids]
        data["invited"] = invited
        return data

    def service_arguments(self) -> dict[str, Any]:
        names = ("kind", "title", "held_at", "region", "organiser", "invited", "place", "online_url")
        return {name: self.cleaned_data[name] for name in names}


class AttendanceRowForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Instansi"),
        empty_label=_("— pilih instansi —"),
        error_messages={"invalid_choice": _("Pilih instansi dari daftar.")},
    )
    name = forms.CharField(label=_("Nama"), max_length=200, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("name", "").strip()
        if name and data.get("agency") is None and "agency" not in self.errors:
            self.add_error("agency", _("Pilih instansi peserta ini."))
        if not name and (data.get("agency") is not None or data.get("position", "").strip()):
            self.add_error("name", _("Nama peserta wajib diisi."))
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if not self.rows():
            raise forms.ValidationError(_("Isi sedikitnya satu nama peserta yang hadir."))

    def rows(self) -> list[tuple[Agency, str, str]]:
        return [
            (form.cleaned_data["agency"], form.cleaned_data["name"], form.cleaned_data.get("position", ""))
            for form in self.forms
            if form.cleaned_data.get("name", "").strip()
        ]


AttendanceFormSet = cast(
    type[BaseAttendanceFormSet],
    forms.formset_factory(
        AttendanceRowForm, formset=BaseAttendanceFormSet, extra=5, max_num=50, absolute_max=50
    ),
)


class ActionItemForm(forms.Form):
    description = forms.CharField(
        label=_("Uraian tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Uraian tindak lanjut wajib diisi.")},
    )
    owner = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        to_field_name="code",
        label=_("Instansi penanggung jawab"),
        empty_label=_("— pilih instansi —"),
        error_messages={
            "required": _("Pilih instansi penanggung jawab."),
            "invalid_choice": _("Pilih instansi dari daftar."),
        },
    )
    due_date = forms.DateField(
        label=_("Batas waktu"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi batas waktu."),
            "invalid": _("Tanggal tidak valid; tulis seperti 20-11-2024."),
        },
    )

    def __init__(self, *args: Any, agencies: Any, not_before: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        owner_field.queryset = agencies
        self.not_before = not_before

    def clean_due_date(self) -> dt.date:
        due: dt.date = self.cleaned_data["due_date"]
        if due < self.not_before:
            raise forms.ValidationError(_("Batas waktu tidak boleh sebelum tanggal rapat."))
        return due
