"""Deterministic demo / benchmark employees (ASN) over the agencies in the database.

Profiles: ``small`` (3,000 employees: a few central agencies, Pemprov Sumatera Selatan and its
kabupaten/kota, two other provinces), ``season`` (every agency staffed by its kind, ~14,500 in all: the
demo season's reported ASN are drawn from them) and ``national`` (4.3 million over every agency: 89% PNS,
11% PPPK, 78% in regional agencies; domain guide §8). The same seed and the same agencies give the same
rows, so a second run changes nothing (upsert by NIP through the importer's writer). Every row is passed
through the importer's validator, so demo data is valid by construction.

Names come from Faker ``id_ID`` once, into pools of first and last names; the millions of rows are then
drawn from the pools with a seeded ``random.Random`` (calling Faker per row would take an hour).
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from faker import Faker

from netralitas.registry.identifiers import PROVINCE_CODES
from netralitas.registry.import_rows import STANDARD_HEADER, RowError, RowValidator
from netralitas.registry.import_writers import WriteCounts, employee_writer
from netralitas.registry.models import Agency

#: Ages and appointment dates are computed against this date, not the clock, so output never drifts.
REFERENCE_DATE = dt.date(2025, 1, 1)
PROFILES = {"small": 3_000, "season": 0, "national": 4_300_000}  # season: the sum of SEASON_STAFF
#: Staff per agency in the ``season`` profile (low, high), by kind; the large ministries get the most.
SEASON_STAFF = {"pusat": (12, 24), "provinsi": (36, 48), "kabupaten": (16, 28), "kota": (14, 24)}
#: Fixed sizes: the large ministries, and the demo logins' agencies (the season's rungs sit there).
SEASON_FIXED_STAFF = {"KEMENAG": 160, "KEMENDIKDASMEN": 60, "KEMENKES": 40, "KEMENKEU": 40, "POLRI": 30,
                      "KAB-16.06": 120, "KOTA-16.71": 120, "KOTA-73.71": 120, "KAB-73.06": 120}  # fmt: skip
SMALL_HOME_PROVINCE = "16"  # Sumatera Selatan
#: Pemprov Sumatera Selatan, Kota Palembang, Musi Banyuasin, Banyuasin, Ogan Komering Ilir, Kota Prabumulih.
SMALL_HOME_REGIONS = ("16", "16.71", "16.06", "16.07", "16.02", "16.72")
SMALL_OTHER_PROVINCES = ("31", "73")  # DKI Jakarta, Sulawesi Selatan

_POSITION_TYPES = (
    ("fungsional", 0.52),
    ("pelaksana", 0.36),
    ("pengawas", 0.07),
    ("administrator", 0.04),
    ("jpt", 0.01),
)
_STATUSES = (("aktif", 0.9955), ("pensiun", 0.003), ("diberhentikan", 0.001), ("meninggal", 0.0005))
_POSITIONS = {
    "fungsional": (
        "Guru Ahli Pertama",
        "Guru Ahli Muda",
        "Perawat Terampil",
        "Bidan Ahli Pertama",
        "Dokter Ahli Muda",
        "Analis Kebijakan Ahli Muda",
        "Pranata Komputer Ahli Pertama",
        "Auditor Ahli Muda",
        "Penyuluh Pertanian",
    ),
    "pelaksana": (
        "Pengadministrasi Perkantoran",
        "Pengelola Keuangan",
        "Operator Layanan Operasional",
        "Penata Layanan Operasional",
        "Pengolah Data dan Informasi",
    ),
    "pengawas": (
        "Kepala Subbagian Umum dan Kepegawaian",
        "Kepala Seksi Pelayanan",
        "Kepala Subbagian Keuangan",
    ),
    "administrator": ("Kepala Bagian Umum", "Sekretaris Dinas", "Kepala Bidang Pembinaan"),
    "jpt": ("Kepala Dinas", "Kepala Badan", "Direktur", "Sekretaris Daerah", "Inspektur"),
}
_REGIONAL_UNITS = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "RSUD",
    "Sekretariat Daerah",
    "Badan Kepegawaian Daerah",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Inspektorat",
    "Badan Pendapatan Daerah",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Satuan Polisi Pamong Praja",
    "Kecamatan",
)
_CENTRAL_UNITS = (
    "Sekretariat Jenderal",
    "Inspektorat Jenderal",
    "Direktorat Jenderal",
    "Badan Pengembangan SDM",
    "Kantor Wilayah",
    "Biro Umum",
    "Pusat Data dan Informasi",
)
_PNS_GRADES = (
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
_PPPK_GRADES = ("V", "VII", "IX", "X", "XI")


@dataclass(frozen=True)
class _Target:
    code: str
    kind: str
    province: str | None  # two-digit province code of a regional agency
    regency: str | None  # two-digit kabupaten/kota code


def _targets(agencies: Sequence[Agency]) -> list[_Target]:
    targets = []
    for agency in agencies:
        code = agency.region.code if agency.region else ""
        province, _, regency = code.partition(".")
        targets.append(_Target(agency.code, agency.kind, province or None, regency or None))
    return targets


def choose_agencies(profile: str, *, using: str = DEFAULT_DB_ALIAS) -> list[Agency]:
    """The agencies a profile spreads employees over, ordered by code (part of determinism)."""
    agencies = list(Agency.objects.using(using).select_related("region").order_by("code"))
    if profile in ("national", "season") or not agencies:
        return agencies

    def province_of(agency: Agency) -> str:
        return agency.region.code.split(".")[0] if agency.region else ""

    central = [agency for agency in agencies if agency.kind == Agency.Kind.CENTRAL]
    central = sorted(central, key=lambda agency: (not agency.is_oversight_body, agency.code))[:5]
    home_codes = {
        agency.region.code: agency
        for agency in agencies
        if agency.region and province_of(agency) == SMALL_HOME_PROVINCE
    }
    home = [home_codes[code] for code in SMALL_HOME_REGIONS if code in home_codes]
    others = [
        agency
        for province in SMALL_OTHER_PROVINCES
        for agency in [a for a in agencies if province_of(a) == province][:2]
    ]
    chosen = {agency.code: agency for agency in [*central, *home, *others]}
    return sorted(chosen.values(), key=lambda agency: agency.code) if chosen else agencies[:10]


class EmployeeGenerator:
    """Yields rows in ``STANDARD_HEADER`` order."""

    def __init__(self, agencies: Sequence[Agency], *, seed: int, regional_share: float = 0.78) -> None:
        if not agencies:
            raise ValueError("tidak ada instansi di basis data: muat data induk dulu (load_master_data)")
        self.random = random.Random(seed)
        faker = Faker("id_ID")
        faker.seed_instance(seed)
        self.male = sorted({faker.first_name_male() for _ in range(3000)})
        self.female = sorted({faker.first_name_female() for _ in range(3000)})
        self.last_male = sorted({faker.last_name_male() for _ in range(3000)})
        self.last_female = sorted({faker.last_name_female() for _ in range(3000)})
        self.targets = _targets(agencies)
        central = [t for t in self.targets if t.province is None]
        regional = [t for t in self.targets if t.province is not None]
        if not central or not regional:
            regional_share = 0.0 if not regional else 1.0
        weights = [
            (1 - regional_share) / len(central)
            if t.province is None
            else regional_share * _regional_weight(t) / sum(_regional_weight(r) for r in regional)
            for t in self.targets
        ]
        self.agency_cumulative = list(itertools.accumulate(weights))
        self.type_cumulative = list(itertools.accumulate(share for _, share in _POSITION_TYPES))
        self.status_cumulative = list(itertools.accumulate(share for _, share in _STATUSES))
        self.seen: set[str] = set()

    def _pick(self, cumulative: list[float]) -> int:
        return min(bisect.bisect(cumulative, self.random.random() * cumulative[-1]), len(cumulative) - 1)

    def rows(self, count: int) -> Iterator[list[str]]:
        for _ in range(count):
            yield self._row(self.targets[self._pick(self.agency_cumulative)])

    def rows_per_agency(self, sizes: Sequence[int]) -> Iterator[list[str]]:
        """``sizes[i]`` rows for the i-th agency, in agency order (the ``season`` profile)."""
        for target, size in zip(self.targets, sizes, strict=True):
            for _ in range(size):
                yield self._row(target)

    def _row(self, target: _Target) -> list[str]:
        rnd = self.random
        pns = rnd.random() < 0.89
        male = rnd.random() < 0.52
        age_days = rnd.randint(21 * 365, 57 * 365)
        birth = REFERENCE_DATE - dt.timedelta(days=age_days)
        first = rnd.choice(self.male if male else self.female)
        last = rnd.choice(self.last_male if male else self.last_female)
        name = f"{first} {last}" if rnd.random() < 0.85 else first
        nip = self._number(birth, male, pns)
        position_type = _POSITION_TYPES[self._pick(self.type_cumulative)][0]
        status = _STATUSES[self._pick(self.status_cumulative)][0]
        units = _CENTRAL_UNITS if target.province is None else _REGIONAL_UNITS
        grade = rnd.choice(_PNS_GRADES if pns else _PPPK_GRADES)
        return [
            nip,
            self._nik(target, birth, male),
            name,
            "L" if male else "P",
            birth.isoformat(),
            "PNS" if pns else "PPPK",
            target.code,
            rnd.choice(units),
            rnd.choice(_POSITIONS[position_type]),
            position_type,
            grade,
            status,
        ]

    def _number(self, birth: dt.date, male: bool, pns: bool) -> str:
        rnd = self.random
        earliest = birth.year + 22
        while True:
            if pns:
                year = rnd.randint(
                    min(earliest, REFERENCE_DATE.year - 1), min(birth.year + 35, REFERENCE_DATE.year - 1)
                )
                month, serial = rnd.randint(1, 12), rnd.randint(1, 999)
                nip = f"{birth:%Y%m%d}{year:04d}{month:02d}{1 if male else 2}{serial:03d}"
            else:
                year = rnd.randint(max(2019, birth.year + 19), REFERENCE_DATE.year - 1)
                nip = f"{birth:%Y%m%d}{year:04d}1{1 if male else 2}{rnd.randint(1, 9999):04d}"
            if nip not in self.seen:
                self.seen.add(nip)
                return nip

    def _nik(self, target: _Target, birth: dt.date, male: bool) -> str:
        rnd = self.random
        # Where the person first registered: the agency's province (and kabupaten/kota) when regional.
        province = target.province or rnd.choice(_PROVINCES)
        regency = target.regency or f"{rnd.randint(1, 20):02d}"
        day = birth.day if male else birth.day + 40
        return f"{province}{regency}{rnd.randint(1, 30):02d}{day:02d}{birth:%m%y}{rnd.randint(1, 9999):04d}"


_PROVINCES = sorted(PROVINCE_CODES)


def _regional_weight(target: _Target) -> float:
    return {"provinsi": 2.0, "kabupaten": 1.0, "kota": 0.8}.get(target.kind, 1.0)


def season_sizes(agencies: Sequence[Agency], seed: int) -> list[int]:
    """Staff per agency of the ``season`` profile: by kind, deterministic for a seed."""
    rnd = random.Random(f"{seed}:season-sizes")
    sizes = []
    for agency in agencies:
        low, high = SEASON_STAFF.get(agency.kind, (12, 24))
        sizes.append(SEASON_FIXED_STAFF.get(agency.code) or rnd.randint(low, high))
    return sizes


def count_for(profile: str) -> int:
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(f"profil tidak dikenal: {profile} (pilih: {', '.join(PROFILES)})") from None


def write_csv(path: Path, rows: Iterator[list[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STANDARD_HEADER)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def generate_employees(
    profile: str = "small",
    *,
    seed: int = 2024,
    count: int | None = None,
    csv_path: Path | None = None,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = 200_000,
) -> WriteCounts:
    """Generate employees; write them to ``csv_path`` if given, otherwise upsert them into the database."""
    agencies = choose_agencies(profile, using=using)
    generator = EmployeeGenerator(agencies, seed=seed)
    if profile == "season" and count is None:
        rows = generator.rows_per_agency(season_sizes(agencies, seed))
    else:
        rows = generator.rows(count if count is not None else count_for(profile))
    if csv_path is not None:
        return WriteCounts(written=write_csv(csv_path, rows))
    validator = RowValidator(
        {column: index for index, column in enumerate(STANDARD_HEADER)},
        {agency.code: agency.pk for agency in agencies},
        postgres=connections[using].vendor == "postgresql",
        today=REFERENCE_DATE,
    )
    errors: list[RowError] = []
    with employee_writer(using=using) as writer:
        batch: list[str] = []
        for line, row in enumerate(rows, start=2):
            record = validator.validate(row, line, errors)
            if record is None:
                raise AssertionError(f"generator produced an invalid row {row}: {errors}")
            batch.append(record)
            if len(batch) >= batch_size:
                writer.write(batch)
                batch = []
        if batch:
            writer.write(batch)
    return writer.counts
