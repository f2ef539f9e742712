"""Validation of ASN identifiers: NIP PNS, NI PPPK and NIK (domain guide §5).

Pure functions: no ORM, no settings. Every rejection raises :class:`IdentifierError` whose message, in
Bahasa Indonesia, says *what* is wrong ("kode jenis kelamin pada NIP harus 1 atau 2, diterima 3").

The small per-component parsers are memoised because a national import checks millions of identifiers
that share a few thousand distinct birth dates and appointment months; ``nip_problem`` and
``nik_problem`` are the allocation-free checks the importer calls per row, the ``parse_*`` functions
build the full result for everybody else.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from netralitas.core import clock

#: The 38 province codes of Kemendagri (Permendagri 100.1.1-6117/2022): 11-19 Aceh..Kepulauan Bangka
#: Belitung, 21 Kepulauan Riau, 31-36 Jawa and Banten, 51-53 Bali/Nusa Tenggara, 61-65 Kalimantan,
#: 71-76 Sulawesi, 81-82 Maluku, 91-96 Papua (93-96: the provinces created in 2022).
PROVINCE_CODES: frozenset[str] = frozenset(
    [str(code) for code in range(11, 20)]
    + ["21"]
    + [str(code) for code in range(31, 37)]
    + ["51", "52", "53"]
    + [str(code) for code in range(61, 66)]
    + [str(code) for code in range(71, 77)]
    + ["81", "82"]
    + [str(code) for code in range(91, 97)]
)

_SEPARATORS = str.maketrans("", "", " .-\t")
_MIN_BIRTH_YEAR = 1900
_ADULT_AGE = 18


class AsnKind(enum.StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class Sex(enum.StrEnum):
    """Values match ``Employee.Sex``."""

    MALE = "L"
    FEMALE = "P"

    @property
    def label(self) -> str:
        return "laki-laki" if self is Sex.MALE else "perempuan"


class IdentifierError(ValueError):
    """An identifier is malformed; ``message`` is shown to users as is."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class ParsedNip:
    """An NIP PNS or NI PPPK. PPPK numbers carry no month, sex or serial we can rely on."""

    number: str
    kind: AsnKind
    birth_date: dt.date
    appointment_year: int
    appointment_month: int | None
    sex: Sex | None
    serial: int | None

    @property
    def appointment(self) -> dt.date:
        """First day of the appointment (TMT CPNS) month; January for PPPK."""
        return dt.date(self.appointment_year, self.appointment_month or 1, 1)


@dataclass(frozen=True, slots=True)
class ParsedNik:
    number: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: dt.date
    sex: Sex
    serial: int


def normalize_digits(value: str) -> str:
    """Strip the separators people type inside identifiers: spaces, dots and dashes."""
    return str(value).strip().translate(_SEPARATORS)


@functools.cache
def calendar_date(yyyymmdd: str) -> dt.date | None:
    """``"19860313"`` → date; ``None`` when not a real date or before 1900."""
    if len(yyyymmdd) != 8 or not (yyyymmdd.isascii() and yyyymmdd.isdigit()):
        return None
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < _MIN_BIRTH_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.cache
def _month_index(yyyymm: str) -> int | None:
    """``"201503"`` → months since year 0, or ``None`` when the month is not 01..12."""
    year, month = int(yyyymm[:4]), int(yyyymm[4:])
    if not 1 <= month <= 12 or year < _MIN_BIRTH_YEAR:
        return None
    return year * 12 + month - 1


@functools.cache
def _nik_birth(ddmmyy: str) -> tuple[str, Sex] | None:
    """NIK ``DDMMYY`` (day + 40 for women) → (``YYMMDD``, sex), or ``None`` if impossible."""
    day, month, year2 = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    sex = Sex.MALE
    if day > 40:
        day, sex = day - 40, Sex.FEMALE
    # Leap years: 2000 was one and 1900 was not, but the NIK cannot tell them apart; accept 29-02 for
    # "00" (nobody born in 1900 is in service) and let the NIP cross-check settle the century.
    try:
        dt.date(2000 + year2, month, day)
    except ValueError:
        return None
    return f"{year2:02d}{month:02d}{day:02d}", sex


def _month_index_of(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _digits_problem(label: str, value: str, length: int) -> str | None:
    if len(value) == length and value.isascii() and value.isdigit():
        return None
    if value and not (value.isascii() and value.isdigit()):
        return f"{label} harus {length} digit angka, diterima karakter bukan angka: {value!r}"
    return f"{label} harus {length} digit angka, diterima {len(value)} digit"


def nip_problem(number: str, kind: AsnKind | str, today_month_index: int) -> str | None:
    """Why ``number`` (already normalised) is not a valid NIP / NI PPPK, or ``None``.

    ``today_month_index`` is ``year * 12 + month - 1`` of the reference date: appointments after it are
    in the future.
    """
    label = "NIP" if kind == AsnKind.PNS else "NI PPPK"
    if len(number) != 18 or not (number.isascii() and number.isdigit()):
        return _digits_problem(label, number, 18)
    birth = calendar_date(number[:8])
    if birth is None:
        return f"tanggal lahir pada {label} tidak valid: {number[:8]}"
    if _month_index_of(birth) > today_month_index:
        return f"tanggal lahir pada {label} di masa depan: {number[:8]}"
    if kind == AsnKind.PPPK:
        year = int(number[8:12])
        if year < birth.year + _ADULT_AGE or year * 12 > today_month_index:
            return (
                f"tahun pengangkatan pada NI PPPK tidak masuk akal: {year} "
                f"(lahir {birth.year}, harus antara {birth.year + _ADULT_AGE} dan {today_month_index // 12})"
            )
        return None
    appointed = _month_index(number[8:14])
    if appointed is None:
        return f"bulan/tahun pengangkatan CPNS pada NIP tidak valid: {number[8:14]}"
    if appointed > today_month_index:
        return f"TMT CPNS pada NIP di masa depan: {number[8:12]}-{number[12:14]}"
    if appointed < _month_index_of(birth) + _ADULT_AGE * 12:
        return (
            f"TMT CPNS pada NIP ({number[8:12]}-{number[12:14]}) sebelum usia 18 tahun (lahir {birth:%Y-%m})"
        )
    if number[14] not in "12":
        return f"kode jenis kelamin pada NIP harus 1 atau 2, diterima {number[14]}"
    if number[15:] == "000":
        return "nomor urut pada NIP harus 001 sampai 999, diterima 000"
    return None


def nik_problem(number: str, provinces: Collection[str] = PROVINCE_CODES) -> str | None:
    """Why ``number`` (already normalised) is not a valid NIK, or ``None``."""
    if len(number) != 16 or not (number.isascii() and number.isdigit()):
        return _digits_problem("NIK", number, 16)
    if number[:2] not in provinces:
        return f"kode provinsi pada NIK tidak dikenal: {number[:2]}"
    if number[2:4] == "00":
        return "kode kabupaten/kota pada NIK tidak boleh 00"
    if number[4:6] == "00":
        return "kode kecamatan pada NIK tidak boleh 00"
    if _nik_birth(number[6:12]) is None:
        return f"tanggal lahir pada NIK tidak valid: {number[6:12]} (DDMMYY, tanggal +40 untuk perempuan)"
    if number[12:] == "0000":
        return "nomor urut pada NIK harus 0001 sampai 9999, diterima 0000"
    return None


def nik_birth_and_sex(number: str) -> tuple[str, Sex]:
    """``YYMMDD`` and sex encoded in a *valid* NIK."""
    facts = _nik_birth(number[6:12])
    assert facts is not None, "call nik_problem() first"
    return facts


def nip_nik_problem(nip: str, nik: str, nip_sex: Sex | None) -> str | None:
    """Why a valid NIP and a valid NIK cannot belong to one person, or ``None``.

    The NIK only has a two-digit year, compared with the last two digits of the NIP year.
    """
    yymmdd, nik_sex = nik_birth_and_sex(nik)
    if yymmdd != nip[2:8]:
        nik_date = f"{yymmdd[4:]}-{yymmdd[2:4]}-{nip[:2]}{yymmdd[:2]}"
        return (
            f"NIK: tanggal lahir tidak cocok dengan NIP (NIK {nik_date}, NIP {nip[:4]}-{nip[4:6]}-{nip[6:8]})"
        )
    if nip_sex is not None and nik_sex is not nip_sex:
        return f"NIK: jenis kelamin tidak cocok dengan NIP (NIK {nik_sex.label}, NIP {nip_sex.label})"
    return None


def reporter_nip_nik_problem(nip: str, nik: str, *, today: dt.date | None = None) -> str | None:
    """Why a reporter's NIP and NIK, each valid on its own, cannot be one person's (birth date; sex
    where the NIP carries it, i.e. an NIP PNS), or ``None``. One message for every interface."""
    nip, nik = normalize_digits(nip), normalize_digits(nik)
    sex = None
    if nip_problem(nip, AsnKind.PNS, _today_index(today)) is None:
        sex = Sex.MALE if nip[14] == "1" else Sex.FEMALE
    return nip_nik_problem(nip, nik, sex)


def asn_identifier_problem(value: str, *, today: dt.date | None = None) -> str | None:
    """Why ``value`` is neither a valid NIP (PNS or PPPK, 18 digits) nor a valid NIK (16 digits), in
    the importer's words, or ``None``. Separators are ignored (``19860926 201505 1 001``). Checked
    before any look-up, so that a mistyped number is explained rather than "not found"."""
    number = normalize_digits(value)
    wrong = sorted({ch for ch in number if not (ch.isascii() and ch.isdigit())})
    if wrong:
        shown = " ".join(repr(ch) for ch in wrong)
        return f"NIP/NIK hanya boleh berisi angka; hapus karakter bukan angka: {shown}"
    if len(number) == 16:
        return nik_problem(number)
    if len(number) != 18:
        return f"NIP terdiri dari 18 angka dan NIK 16 angka; diterima {len(number)} angka"
    index = _today_index(today)
    problem = nip_problem(number, AsnKind.PNS, index)
    if problem and nip_problem(number, AsnKind.PPPK, index) is None:
        return None
    return problem


def nip_only_problem(value: str, *, today: dt.date | None = None) -> str | None:
    """Like :func:`asn_identifier_problem` for a field that takes an NIP (PNS or PPPK) only."""
    number = normalize_digits(value)
    if len(number) == 16 and number.isascii() and number.isdigit():
        return "NIP harus 18 digit angka, diterima 16 digit (NIK?)"
    return asn_identifier_problem(number, today=today)


def _today_index(today: dt.date | None) -> int:
    return _month_index_of(today or clock.localdate())


def parse_nip(value: str, *, kind: AsnKind | str = AsnKind.PNS, today: dt.date | None = None) -> ParsedNip:
    """Parse an NIP PNS (or, with ``kind="PPPK"``, an NI PPPK); raise :class:`IdentifierError`."""
    kind = AsnKind(kind)
    number = normalize_digits(value)
    problem = nip_problem(number, kind, _today_index(today))
    if problem:
        raise IdentifierError(problem, code="invalid_nip")
    birth = calendar_date(number[:8])
    assert birth is not None
    if kind == AsnKind.PPPK:
        return ParsedNip(number, kind, birth, int(number[8:12]), None, None, None)
    sex = Sex.MALE if number[14] == "1" else Sex.FEMALE
    return ParsedNip(number, kind, birth, int(number[8:12]), int(number[12:14]), sex, int(number[15:]))


def parse_ni_pppk(value: str, *, today: dt.date | None = None) -> ParsedNip:
    return parse_nip(value, kind=AsnKind.PPPK, today=today)


def parse_nik(value: str, *, provinces: Collection[str] = PROVINCE_CODES) -> ParsedNik:
    """Parse a NIK; raise :class:`IdentifierError`.

    The century is not in the NIK: a two-digit year not later than this year is taken as 20xx.
    """
    number = normalize_digits(value)
    problem = nik_problem(number, provinces)
    if problem:
        raise IdentifierError(problem, code="invalid_nik")
    yymmdd, sex = nik_birth_and_sex(number)
    year2 = int(yymmdd[:2])
    year = 2000 + year2 if 2000 + year2 <= clock.localdate().year else 1900 + year2
    try:
        birth = dt.date(year, int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:  # 29 Feb of a non-leap 19xx year
        raise IdentifierError(f"tanggal lahir pada NIK tidak valid: {number[6:12]}", "invalid_nik") from None
    return ParsedNik(number, number[:2], number[2:4], number[4:6], birth, sex, int(number[12:]))


def check_nip_nik(
    nip: str,
    nik: str,
    *,
    kind: AsnKind | str = AsnKind.PNS,
    sex: Sex | str | None = None,
    today: dt.date | None = None,
    provinces: Collection[str] = PROVINCE_CODES,
) -> tuple[ParsedNip, ParsedNik]:
    """Parse both numbers and check they describe one person (birth date; sex from the NIP, or ``sex``
    for a PPPK whose number carries none)."""
    parsed_nip = parse_nip(nip, kind=kind, today=today)
    parsed_nik = parse_nik(nik, provinces=provinces)
    known_sex = parsed_nip.sex or (Sex(sex) if sex else None)
    problem = nip_nik_problem(parsed_nip.number, parsed_nik.number, known_sex)
    if problem:
        raise IdentifierError(problem, code="nip_nik_mismatch")
    return parsed_nip, parsed_nik


# --- Django form-field validators -----------------------------------------------------------------


def _django_validator(parse: Callable[[str], object]) -> Callable[[str], None]:
    def validator(value: str) -> None:
        try:
            parse(value)
        except IdentifierError as error:
            raise ValidationError(error.message, code=error.code) from None

    validator.__name__ = f"validate_{parse.__name__.removeprefix('parse_')}"
    return validator


validate_nip = _django_validator(parse_nip)
validate_ni_pppk = _django_validator(parse_ni_pppk)
validate_nik = _django_validator(parse_nik)


def validate_asn_number(value: str) -> None:
    """Accept either an NIP PNS or an NI PPPK (for forms where the kind is not known)."""
    try:
        parse_nip(value)
    except IdentifierError as pns_error:
        try:
            parse_ni_pppk(value)
        except IdentifierError:
            raise ValidationError(pns_error.message, code=pns_error.code) from None
