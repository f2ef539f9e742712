"""Column layout and per-row validation of employee import files (see docs/import-format.md).

A :class:`RowValidator` turns one row of raw strings into one output *record*: a single string holding the
employee's database values, either tab-separated in PostgreSQL ``COPY`` text format or joined with the
ASCII unit separator for SQLite. A record is one Python object, which keeps the hand-over between the
parsing worker processes and the writing process cheap. Every check that is shared by many rows (dates,
enum spellings, agency codes, the date part of identifiers) is answered from a dict filled on first use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from netralitas.registry.identifiers import (
    PROVINCE_CODES,
    AsnKind,
    Sex,
    nik_problem,
    nip_nik_problem,
    nip_problem,
    normalize_digits,
)

SQLITE_SEPARATOR = "\x1f"
RECORD_COLUMNS = (
    "nip", "nik", "name", "sex", "birth_date", "kind", "unit", "position",
    "position_type", "grade", "status", "agency_id",
)  # fmt: skip
NIP_LENGTH = 18
MAX_TEXT = 200

REQUIRED_COLUMNS = (
    "NIP",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "JENIS_ASN",
    "KODE_INSTANSI",
    "JENIS_JABATAN",
)
OPTIONAL_COLUMNS = ("NIK", "UNIT_KERJA", "JABATAN", "GOLONGAN", "STATUS")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
#: Column order of the files we write (demo data, benchmark, template); files we read may use any order.
STANDARD_HEADER = (
    "NIP", "NIK", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "JENIS_ASN", "KODE_INSTANSI", "UNIT_KERJA",
    "JABATAN", "JENIS_JABATAN", "GOLONGAN", "STATUS",
)  # fmt: skip
COLUMN_ALIASES = {
    "NIP_BARU": "NIP", "NI_PPPK": "NIP", "NIP_NI_PPPK": "NIP",
    "NAMA_LENGKAP": "NAMA", "NAMA_PEGAWAI": "NAMA",
    "JK": "JENIS_KELAMIN", "KELAMIN": "JENIS_KELAMIN",
    "TGL_LAHIR": "TANGGAL_LAHIR",
    "JENIS_PEGAWAI": "JENIS_ASN", "STATUS_ASN": "JENIS_ASN",
    "KODE_INSTANSI_INDUK": "KODE_INSTANSI", "INSTANSI_KODE": "KODE_INSTANSI",
    "UNOR": "UNIT_KERJA", "UNIT_ORGANISASI": "UNIT_KERJA",
    "NAMA_JABATAN": "JABATAN",
    "GOL": "GOLONGAN", "GOL_RUANG": "GOLONGAN", "GOLONGAN_RUANG": "GOLONGAN",
    "STATUS_PEGAWAI": "STATUS", "KEDUDUKAN_HUKUM": "STATUS",
}  # fmt: skip

_SEX = {
    "L": "L",
    "P": "P",
    "1": "L",
    "2": "P",
    "LAKI-LAKI": "L",
    "PRIA": "L",
    "PEREMPUAN": "P",
    "WANITA": "P",
}
_SEX_OF_NIP = {"1": Sex.MALE, "2": Sex.FEMALE}
_SEX_ENUM = {"L": Sex.MALE, "P": Sex.FEMALE}
_KIND = {"PNS": AsnKind.PNS, "CPNS": AsnKind.PNS, "PPPK": AsnKind.PPPK}
_POSITION_TYPE = {
    "jpt": "jpt", "jabatan pimpinan tinggi": "jpt", "jpt utama": "jpt", "jpt madya": "jpt",
    "jpt pratama": "jpt", "administrator": "administrator", "jabatan administrator": "administrator",
    "pengawas": "pengawas", "jabatan pengawas": "pengawas", "fungsional": "fungsional",
    "jabatan fungsional": "fungsional", "fungsional tertentu": "fungsional", "pelaksana": "pelaksana",
    "jabatan pelaksana": "pelaksana", "fungsional umum": "pelaksana",
}  # fmt: skip
_POSITION_TYPE_MESSAGE = (
    "JENIS_JABATAN harus salah satu dari: jpt, administrator, pengawas, fungsional, pelaksana"
)
_STATUS = {
    "": "aktif", "aktif": "aktif", "pensiun": "pensiun", "diberhentikan": "diberhentikan",
    "berhenti": "diberhentikan", "meninggal": "meninggal", "meninggal dunia": "meninggal",
    "wafat": "meninggal",
}  # fmt: skip
_ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
_PNS_GRADES = {
    f"{roman}/{letter}" for roman in _ROMAN[:4] for letter in ("abcde" if roman == "IV" else "abcd")
}
_PPPK_GRADES = set(_ROMAN)
_GRADE_SHAPE = re.compile(r"^\s*([IVXivx]+)\s*(?:[/ ]\s*([a-eA-E]))?\s*$")
_DATE_SHAPES = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]00:00(?::00)?)?$"),
    re.compile(r"^(?P<d>\d{1,2})[-/](?P<m>\d{1,2})[-/](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$"),
)


class ImportFormatError(ValueError):
    """The file as a whole cannot be imported (unreadable, missing required columns)."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    value: str
    message: str


def canonical_column(header: str) -> str | None:
    key = re.sub(r"[\s\-./]+", "_", str(header or "").strip().upper()).strip("_")
    key = COLUMN_ALIASES.get(key, key)
    return key if key in ALL_COLUMNS else None


def map_header(header: Sequence[str]) -> dict[str, int]:
    """Canonical column name → index in the row; raise :class:`ImportFormatError` if incomplete."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = canonical_column(name)
        if column is None:
            continue
        if column in positions:
            raise ImportFormatError(f"kolom {column} muncul lebih dari sekali pada baris judul")
        positions[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise ImportFormatError(
            f"kolom wajib tidak ada pada baris judul: {', '.join(missing)} "
            f"(kolom yang dikenali: {', '.join(positions) or 'tidak ada'})"
        )
    return positions


def _parse_date(text: str) -> str | None:
    for shape in _DATE_SHAPES:
        match = shape.match(text)
        if match:
            year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
            try:
                dt.date(year, month, day)
            except ValueError:
                return None
            return f"{year:04d}{month:02d}{day:02d}"
    return None


def _parse_grade(text: str) -> str | None:
    match = _GRADE_SHAPE.match(text)
    if not match:
        return None
    roman, letter = match[1].upper(), match[2]
    grade = f"{roman}/{letter.lower()}" if letter else roman
    return grade if grade in _PNS_GRADES or grade in _PPPK_GRADES else None


def _clean_text(value: str) -> str:
    """Collapse whitespace and drop control characters (tabs, newlines, separators)."""
    return " ".join("".join(char if char.isprintable() else " " for char in value).split())


class RowValidator:
    """Validates rows of one file. Not thread-safe; each worker process builds its own."""

    def __init__(
        self,
        positions: Mapping[str, int],
        agency_ids: Mapping[str, int],
        *,
        postgres: bool,
        today: dt.date,
        provinces: frozenset[str] = PROVINCE_CODES,
    ) -> None:
        self.positions = dict(positions)
        self.width = max(self.positions.values()) + 1
        self.agency_ids = {code: str(pk) for code, pk in agency_ids.items()}
        self.postgres = postgres
        self.today_index = today.year * 12 + today.month - 1
        self.provinces = provinces
        self._dates: dict[str, str | None] = {}
        self._grades: dict[str, str | None] = {}
        self._nip_dates: dict[str, str] = {}

    def validate(self, row: Sequence[str], line: int, errors: list[RowError]) -> str | None:
        """Return the record for a valid row; otherwise append its errors and return ``None``."""
        if len(row) < self.width:
            row = [*row, *([""] * (self.width - len(row)))]
        pos = self.positions
        problems: list[tuple[str, str, str]] = []

        raw_kind = row[pos["JENIS_ASN"]].strip()
        kind = _KIND.get(raw_kind) or _KIND.get(raw_kind.upper())
        if kind is None:
            problems.append(("JENIS_ASN", raw_kind, "JENIS_ASN harus PNS atau PPPK"))

        raw_nip = row[pos["NIP"]]
        nip = raw_nip if len(raw_nip) == NIP_LENGTH else normalize_digits(raw_nip)
        nip_ok = False
        if kind is not None:
            problem = nip_problem(nip, kind, self.today_index)
            if problem:
                problems.append(("NIP", raw_nip, problem))
            else:
                nip_ok = True
        elif not nip:
            problems.append(("NIP", raw_nip, "NIP wajib diisi"))

        raw_sex = row[pos["JENIS_KELAMIN"]].strip()
        sex = _SEX.get(raw_sex) or _SEX.get(raw_sex.upper())
        if sex is None:
            problems.append(("JENIS_KELAMIN", raw_sex, "JENIS_KELAMIN harus L/P (atau 1/2)"))
        elif nip_ok and kind == AsnKind.PNS and sex != ("L" if nip[14] == "1" else "P"):
            problems.append(
                (
                    "JENIS_KELAMIN",
                    raw_sex,
                    f"JENIS_KELAMIN {sex} tidak cocok dengan kode jenis kelamin NIP ({nip[14]})",
                )
            )

        raw_birth = row[pos["TANGGAL_LAHIR"]].strip()
        birth = self._dates.get(raw_birth, "?")
        if birth == "?":
            birth = self._dates[raw_birth] = _parse_date(raw_birth)
        if birth is None:
            problems.append(
                (
                    "TANGGAL_LAHIR",
                    raw_birth,
                    "TANGGAL_LAHIR harus tanggal yang valid (YYYY-MM-DD atau DD-MM-YYYY)",
                )
            )
        elif nip_ok and birth != nip[:8]:
            problems.append(
                (
                    "TANGGAL_LAHIR",
                    raw_birth,
                    f"TANGGAL_LAHIR {birth[:4]}-{birth[4:6]}-{birth[6:]} tidak cocok dengan tanggal lahir "
                    f"pada NIP ({nip[:4]}-{nip[4:6]}-{nip[6:8]})",
                )
            )

        nik = ""
        if "NIK" in pos:
            raw_nik = row[pos["NIK"]]
            nik = raw_nik if len(raw_nik) == 16 else normalize_digits(raw_nik)
            if nik:
                problem = nik_problem(nik, self.provinces)
                if problem is None and nip_ok:
                    # A PNS's sex is in the NIP; a PPPK's only in the JENIS_KELAMIN column.
                    known_sex = _SEX_OF_NIP[nip[14]] if kind == AsnKind.PNS else _SEX_ENUM.get(sex or "")
                    problem = nip_nik_problem(nip, nik, known_sex)
                if problem:
                    problems.append(("NIK", raw_nik, problem))

        name = row[pos["NAMA"]].strip()
        if not name:
            problems.append(("NAMA", name, "NAMA wajib diisi"))
        elif len(name) > MAX_TEXT:
            problems.append(("NAMA", name[:40] + "…", f"NAMA paling banyak {MAX_TEXT} karakter"))
        elif not name.isprintable():
            name = _clean_text(name)

        raw_agency = row[pos["KODE_INSTANSI"]].strip()
        agency_id = self.agency_ids.get(raw_agency)
        if agency_id is None:
            message = (
                "KODE_INSTANSI wajib diisi"
                if not raw_agency
                else f"KODE_INSTANSI tidak dikenal: {raw_agency}"
            )
            problems.append(("KODE_INSTANSI", raw_agency, message))

        raw_type = row[pos["JENIS_JABATAN"]].strip()
        position_type = _POSITION_TYPE.get(raw_type) or _POSITION_TYPE.get(" ".join(raw_type.lower().split()))
        if position_type is None:
            problems.append(("JENIS_JABATAN", raw_type, _POSITION_TYPE_MESSAGE))

        unit = self._text(row, "UNIT_KERJA", problems)
        position = self._text(row, "JABATAN", problems)

        grade = ""
        if "GOLONGAN" in pos:
            raw_grade = row[pos["GOLONGAN"]].strip()
            if raw_grade:
                cached = self._grades.get(raw_grade, "?")
                if cached == "?":
                    cached = self._grades[raw_grade] = _parse_grade(raw_grade)
                if cached is None or (kind is not None and (("/" in cached) != (kind == AsnKind.PNS))):
                    expected = (
                        "I/a sampai IV/e untuk PNS" if kind != AsnKind.PPPK else "I sampai XVII untuk PPPK"
                    )
                    problems.append(
                        ("GOLONGAN", raw_grade, f"GOLONGAN tidak valid: {raw_grade} (harus {expected})")
                    )
                else:
                    grade = cached

        status = "aktif"
        if "STATUS" in pos:
            raw_status = row[pos["STATUS"]].strip()
            found = _STATUS.get(raw_status) or _STATUS.get(" ".join(raw_status.lower().split()))
            if found is None:
                problems.append(
                    (
                        "STATUS",
                        raw_status,
                        "STATUS harus salah satu dari: aktif, pensiun, diberhentikan, meninggal",
                    )
                )
            else:
                status = found

        if problems:
            errors.extend(RowError(line, column, value, message) for column, value, message in problems)
            return None
        assert kind is not None and sex is not None and agency_id is not None and position_type is not None
        birth_iso = self._nip_dates.get(nip[:8])
        if birth_iso is None:
            birth_iso = self._nip_dates[nip[:8]] = f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}"
        if self.postgres:
            if "\\" in name or "\\" in unit or "\\" in position:
                name, unit, position = (value.replace("\\", "\\\\") for value in (name, unit, position))
            pg_fields = (
                nip,
                nik or "\\N",
                name,
                sex,
                birth_iso,
                kind,
                unit,
                position,
                position_type,
                grade,
                status,
            )
            return "\t".join(pg_fields) + "\t" + agency_id + "\n"
        fields = (
            nip,
            nik,
            name,
            sex,
            birth_iso,
            kind,
            unit,
            position,
            position_type,
            grade,
            status,
            agency_id,
        )
        return SQLITE_SEPARATOR.join(fields)

    def _text(self, row: Sequence[str], column: str, problems: list[tuple[str, str, str]]) -> str:
        index = self.positions.get(column)
        if index is None:
            return ""
        value = row[index].strip()
        if len(value) > MAX_TEXT:
            problems.append((column, value[:40] + "…", f"{column} paling banyak {MAX_TEXT} karakter"))
        elif value and not value.isprintable():
            value = _clean_text(value)
        return value
