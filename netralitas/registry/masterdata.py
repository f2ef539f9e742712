"""Master data shipped with the code (``registry/data``) and its idempotent loader.

The data files are the source of truth: regions (from the ``idn-area-data`` package, ODbL, see
``data/NOTICE.md``), BKN regional offices, agencies, the elections (Pilkada 2020, Pemilu and Pilkada
2024) and which body holds which function when. ``load_master_data`` upserts them by natural key in one
transaction; running it twice changes nothing. Rows that disappear from the files are not deleted (cases
may point at them), except the membership of an election's regions, which is kept equal to the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from django.db import models, transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import Function, FunctionHolder
from netralitas.core.refcache import reference_tables_changed

from .models import Agency, Election, ElectionStage, Kanreg, Region

DATA_DIR = Path(__file__).resolve().parent / "data"

COORDINATE_STEP = Decimal("0.000001")

# Names the package (or an older source) writes differently from how Indonesians write them.
_NAME_ALIASES = {
    "daerah khusus ibukota jakarta": "DKI Jakarta",
    "daerah khusus ibu kota jakarta": "DKI Jakarta",
    "dki jakarta": "DKI Jakarta",
    "di yogyakarta": "Daerah Istimewa Yogyakarta",
    "d.i. yogyakarta": "Daerah Istimewa Yogyakarta",
    "kepulauan bangka belitung": "Kepulauan Bangka Belitung",
}
_LOWERCASE_WORDS = {"dan"}
_WORD_ALIASES = {"kab.": "Kabupaten", "kab": "Kabupaten", "adm.": "Administrasi"}


class Writer(Protocol):
    """Where progress lines go: a text stream or a management command's ``self.stdout``."""

    def write(self, msg: str, /) -> object: ...


class MasterDataError(ValueError):
    """The data files are inconsistent (unknown code, bad value); the message names the row."""


# --- Normalisation (also used to regenerate the CSV files from the npm package) ---------------------


def normalise_region_code(raw: str) -> str:
    """Return the Kemendagri code in our format: ``"16"`` (province) or ``"16.06"`` (kabupaten/kota).

    Accepts the dotted form the package uses (``"16.06"``) and the undotted BPS-style form (``"1606"``).
    """
    code = raw.strip()
    if "." in code:
        parts = code.split(".")
        if len(parts) != 2 or not all(part.isdigit() for part in parts):
            raise MasterDataError(_("Kode wilayah tidak dikenal: %(code)r") % {"code": raw})
        return f"{int(parts[0]):02d}.{int(parts[1]):02d}"
    if code.isdigit() and len(code) == 2:
        return code
    if code.isdigit() and len(code) == 4:
        return f"{code[:2]}.{code[2:]}"
    raise MasterDataError(_("Kode wilayah tidak dikenal: %(code)r") % {"code": raw})


def normalise_region_name(raw: str) -> str:
    """Write a region name as Indonesians do: "Kabupaten Musi Banyuasin", "DKI Jakarta".

    Names already in mixed case are trusted (the package writes "Toli-Toli", "Pangkajene dan
    Kepulauan"); all-capital names are title-cased word by word, keeping "dan" lower case.
    """
    collapsed = " ".join(raw.split())
    alias = _NAME_ALIASES.get(collapsed.lower())
    if alias is not None:
        return alias
    if not collapsed.isupper():
        return collapsed
    words = []
    for index, word in enumerate(collapsed.split(" ")):
        lower = word.lower()
        if lower in _WORD_ALIASES:
            words.append(_WORD_ALIASES[lower])
        elif index > 0 and lower in _LOWERCASE_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def regency_level(name: str) -> str:
    """Kabupaten or kota, from the name ("Kota Palembang", "Kabupaten Administrasi Kepulauan Seribu")."""
    first_word = name.split(" ", 1)[0]
    if first_word == "Kota":
        return Region.Level.CITY
    if first_word == "Kabupaten":
        return Region.Level.REGENCY
    raise MasterDataError(_("Tidak dapat menentukan kabupaten/kota dari nama %(name)r") % {"name": name})


def is_autonomous(name: str) -> bool:
    """Jakarta's "Kota/Kabupaten Administrasi" are not autonomous: no DPRD, no PPK, no Pilkada."""
    return "Administrasi" not in name.split(" ")[1:2]


# --- Reading the files ---------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _parse_bool(raw: str, where: str) -> bool:
    if raw.lower() in {"true", "1", "ya"}:
        return True
    if raw.lower() in {"false", "0", "tidak", ""}:
        return False
    raise MasterDataError(
        _("%(where)s: nilai boolean tidak dikenal %(value)r") % {"where": where, "value": raw}
    )


def _parse_date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def _parse_coordinate(raw: str) -> Decimal | None:
    return Decimal(raw).quantize(COORDINATE_STEP) if raw else None


# --- Generic upsert --------------------------------------------------------------------------------------


class _Tally:
    """Counts rows written per entity, for the command's report and the idempotency check."""

    def __init__(self, stdout: Writer | None) -> None:
        self.counts: Counter[str] = Counter()
        self.stdout = stdout

    def record(self, label: str, *, total: int, created: int, updated: int, removed: int = 0) -> None:
        self.counts[label] += total
        self.counts["created"] += created
        self.counts["updated"] += updated
        self.counts["removed"] += removed
        if self.stdout is not None:
            self.stdout.write(f"{label}: {total} (baru {created}, diubah {updated}, dihapus {removed})\n")


def _upsert(
    model: type[models.Model],
    existing: Iterable[models.Model],
    key_fields: tuple[str, ...],
    rows: Mapping[tuple[Any, ...], Mapping[str, Any]],
    tally: _Tally,
    label: str,
) -> None:
    """Create missing rows and update differing fields, in bulk; ``rows`` maps natural key -> values.

    Values use attnames for foreign keys (``province_id``) so comparing never loads related objects.
    Fields not named in the values (e.g. an admin-maintained ``ppk_name``) are never touched.
    """
    by_key = {tuple(getattr(obj, field) for field in key_fields): obj for obj in existing}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed: set[str] = set()
    for key, values in rows.items():
        obj = by_key.get(key)
        if obj is None:
            to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
            continue
        diff = [field for field, value in values.items() if getattr(obj, field) != value]
        if diff:
            for field in diff:
                setattr(obj, field, values[field])
            to_update.append(obj)
            changed.update(diff)
    manager = model._default_manager
    if to_create:
        manager.bulk_create(to_create, batch_size=500)
    if to_update:
        field_names = sorted({model._meta.get_field(attname).name for attname in changed})
        manager.bulk_update(to_update, field_names, batch_size=500)
    tally.record(label, total=len(rows), created=len(to_create), updated=len(to_update))


# --- Loaders per entity ------------------------------------------------------------------------------------


def _load_kanregs(data_dir: Path, tally: _Tally) -> dict[int, int]:
    rows = {
        (int(row["number"]),): {"name": row["name"], "city": row["city"]}
        for row in _read_csv(data_dir / "kanreg.csv")
    }
    _upsert(Kanreg, Kanreg.objects.all(), ("number",), rows, tally, "kanreg")
    return dict(Kanreg.objects.values_list("number", "id"))


def _load_provinces(data_dir: Path, kanreg_ids: Mapping[int, int], tally: _Tally) -> dict[str, Region]:
    timezones = set(Region.TimeZone.values)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in _read_csv(data_dir / "provinces.csv"):
        code = normalise_region_code(row["code"])
        where = f"provinces.csv {code}"
        if row["timezone"] not in timezones:
            raise MasterDataError(
                _("%(where)s: zona waktu tidak dikenal %(value)r")
                % {"where": where, "value": row["timezone"]}
            )
        kanreg_id = kanreg_ids.get(int(row["kanreg"])) if row["kanreg"] else None
        if kanreg_id is None:
            raise MasterDataError(
                _("%(where)s: Kanreg %(value)r tidak ada di kanreg.csv")
                % {"where": where, "value": row["kanreg"]}
            )
        rows[(code,)] = {
            "name": normalise_region_name(row["name"]),
            "level": Region.Level.PROVINCE,
            "province_id": None,
            "timezone": row["timezone"],
            "kanreg_id": kanreg_id,
            "latitude": _parse_coordinate(row["latitude"]),
            "longitude": _parse_coordinate(row["longitude"]),
        }
    _upsert(Region, Region.objects.filter(level=Region.Level.PROVINCE), ("code",), rows, tally, "provinces")
    return {region.code: region for region in Region.objects.filter(level=Region.Level.PROVINCE)}


def _load_regencies(
    data_dir: Path, provinces: Mapping[str, Region], tally: _Tally
) -> tuple[list[dict[str, str]], dict[str, int]]:
    source = _read_csv(data_dir / "regencies.csv")
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in source:
        code = normalise_region_code(row["code"])
        province = provinces.get(normalise_region_code(row["province_code"]))
        if province is None or not code.startswith(f"{province.code}."):
            raise MasterDataError(
                _("regencies.csv %(code)s: provinsi %(value)r tidak cocok")
                % {"code": code, "value": row["province_code"]}
            )
        name = normalise_region_name(row["name"])
        rows[(code,)] = {
            "name": name,
            "level": regency_level(name),
            "province_id": province.id,
            "timezone": province.timezone,
            "kanreg_id": None,
            "latitude": None,
            "longitude": None,
        }
    existing = Region.objects.exclude(level=Region.Level.PROVINCE)
    _upsert(Region, existing, ("code",), rows, tally, "regencies_and_cities")
    levels = Counter(values["level"] for values in rows.values())
    tally.counts["regencies"] += levels[Region.Level.REGENCY]
    tally.counts["cities"] += levels[Region.Level.CITY]
    return source, dict(Region.objects.values_list("code", "id"))


def _load_agencies(
    data_dir: Path,
    provinces: Mapping[str, Region],
    regency_source: list[dict[str, str]],
    region_ids: Mapping[str, int],
    tally: _Tally,
) -> dict[str, int]:
    """One agency per autonomous regional government, plus the central agencies of the CSV."""
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for code, province in sorted(provinces.items()):
        rows[(f"PROV-{code}",)] = {
            "name": f"Pemerintah Provinsi {province.name}",
            "short_name": f"Pemprov {province.name}"[:40],
            "kind": Agency.Kind.PROVINCE,
            "region_id": province.id,
            "ppk_title": f"Gubernur {province.name}",
            "is_oversight_body": False,
        }
    for row in regency_source:
        code = normalise_region_code(row["code"])
        name = normalise_region_name(row["name"])
        where = f"regencies.csv {code}"
        autonomous = _parse_bool(row["autonomous"], where) if row.get("autonomous") else is_autonomous(name)
        if not autonomous:
            continue  # its staff belong to the provincial government (Jakarta)
        level = regency_level(name)
        bare = name.split(" ", 1)[1]
        if level == Region.Level.CITY:
            kind, prefix, short, head = Agency.Kind.CITY, "KOTA", "Pemkot", "Wali Kota"
        else:
            kind, prefix, short, head = Agency.Kind.REGENCY, "KAB", "Pemkab", "Bupati"
        rows[(f"{prefix}-{code}",)] = {
            "name": f"Pemerintah {name}",
            "short_name": f"{short} {bare}"[:40],
            "kind": kind,
            "region_id": region_ids[code],
            "ppk_title": f"{head} {bare}",
            "is_oversight_body": False,
        }
    for row in _read_csv(data_dir / "central_agencies.csv"):
        where = f"central_agencies.csv {row['code']}"
        if (row["code"],) in rows:
            raise MasterDataError(_("%(where)s: kode ganda") % {"where": where})
        rows[(row["code"],)] = {
            "name": row["name"],
            "short_name": row["short_name"],
            "kind": Agency.Kind.CENTRAL,
            "region_id": None,
            "ppk_title": row["ppk_title"],
            "is_oversight_body": _parse_bool(row["is_oversight_body"], where),
        }
    _upsert(Agency, Agency.objects.all(), ("code",), rows, tally, "agencies")
    return dict(Agency.objects.values_list("code", "id"))


def _election_region_ids(spec: Mapping[str, Any] | None, region_ids: Mapping[str, int]) -> set[int]:
    """``null`` means national (no region rows); ``provinces``/``regencies`` list the regions that vote
    (an explicit list, e.g. Pilkada 2020's 270); ``provinces_except``/``regencies_except`` mean every
    region except the listed codes."""
    if spec is None:
        return set()
    explicit = "provinces" in spec or "regencies" in spec
    if explicit and ("provinces_except" in spec or "regencies_except" in spec):
        raise MasterDataError("elections.json: daftar wilayah dan daftar pengecualian tidak boleh digabung")
    if explicit:
        included = {
            normalise_region_code(code) for code in (*spec.get("provinces", ()), *spec.get("regencies", ()))
        }
        unknown = included - set(region_ids)
        if unknown:
            raise MasterDataError(
                _("elections.json: kode wilayah tidak dikenal %(codes)s") % {"codes": sorted(unknown)}
            )
        return {region_ids[code] for code in included}
    excluded = {
        normalise_region_code(code) for code in (*spec["provinces_except"], *spec["regencies_except"])
    }
    unknown = excluded - set(region_ids)
    if unknown:
        raise MasterDataError(
            _("elections.json: kode wilayah tidak dikenal %(codes)s") % {"codes": sorted(unknown)}
        )
    return {region_id for code, region_id in region_ids.items() if code not in excluded}


def _load_elections(data_dir: Path, region_ids: Mapping[str, int], tally: _Tally) -> None:
    document = json.loads((data_dir / "elections.json").read_text(encoding="utf-8"))
    elections = document["elections"]
    rows = {
        (item["code"],): {
            "name": item["name"],
            "kind": Election.Kind(item["kind"]).value,
            "voting_date": _parse_date(item["voting_date"]),
            "candidates_set_date": _parse_date(item.get("candidates_set_date")),
        }
        for item in elections
    }
    _upsert(Election, Election.objects.all(), ("code",), rows, tally, "elections")
    election_ids = dict(
        Election.objects.filter(code__in=[item["code"] for item in elections]).values_list("code", "id")
    )

    stage_rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in elections:
        for stage in item["stages"]:
            start, end = _parse_date(stage["start"]), _parse_date(stage["end"])
            if start is None or end is None or end < start:
                raise MasterDataError(
                    _("elections.json %(election)s/%(stage)s: tanggal tidak valid")
                    % {"election": item["code"], "stage": stage["code"]}
                )
            stage_rows[(election_ids[item["code"]], stage["code"])] = {
                "name": stage["name"],
                "start": start,
                "end": end,
            }
    existing_stages = ElectionStage.objects.filter(election_id__in=election_ids.values())
    _upsert(ElectionStage, existing_stages, ("election_id", "code"), stage_rows, tally, "election_stages")

    through = Election.regions.through
    added = removed = total = 0
    for item in elections:
        election_id = election_ids[item["code"]]
        wanted = _election_region_ids(item.get("regions"), region_ids)
        current = set(through.objects.filter(election_id=election_id).values_list("region_id", flat=True))
        missing, extra = wanted - current, current - wanted
        if missing:
            through.objects.bulk_create(
                [through(election_id=election_id, region_id=region_id) for region_id in sorted(missing)],
                batch_size=500,
            )
        if extra:
            through.objects.filter(election_id=election_id, region_id__in=extra).delete()
        added, removed, total = added + len(missing), removed + len(extra), total + len(wanted)
    tally.record("election_regions", total=total, created=added, updated=0, removed=removed)


def _load_function_holders(data_dir: Path, agency_ids: Mapping[str, int], tally: _Tally) -> None:
    functions = set(Function.values)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in _read_csv(data_dir / "function_holders.csv"):
        where = f"function_holders.csv {row['function']}/{row['body']}"
        if row["function"] not in functions:
            raise MasterDataError(_("%(where)s: fungsi tidak dikenal") % {"where": where})
        if row["body"] not in agency_ids:
            raise MasterDataError(_("%(where)s: instansi tidak ada") % {"where": where})
        key = (row["function"], agency_ids[row["body"]], _parse_date(row["valid_from"]))
        rows[key] = {"valid_until": _parse_date(row["valid_until"]), "legal_basis": row["legal_basis"]}
    existing = FunctionHolder.objects.all()
    _upsert(FunctionHolder, existing, ("function", "body_id", "valid_from"), rows, tally, "function_holders")


# --- Entry points ------------------------------------------------------------------------------------------


def load_master_data(*, stdout: Writer | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Upsert every master-data file in one transaction and return the counts.

    Keys: the size of each data set (``kanreg``, ``provinces``, ``regencies``, ``cities``, ``agencies``,
    ``elections``, ``election_stages``, ``election_regions``, ``function_holders``) and the rows written
    (``created``, ``updated``, ``removed``), which are all zero when the database already matches.
    """
    tally = _Tally(stdout)
    with transaction.atomic():
        kanreg_ids = _load_kanregs(data_dir, tally)
        provinces = _load_provinces(data_dir, kanreg_ids, tally)
        regency_source, region_ids = _load_regencies(data_dir, provinces, tally)
        agency_ids = _load_agencies(data_dir, provinces, regency_source, region_ids, tally)
        _load_elections(data_dir, region_ids, tally)
        _load_function_holders(data_dir, agency_ids, tally)
        reference_tables_changed()  # bulk writes send no signals; every process learns of them at commit
    del tally.counts["regencies_and_cities"]
    return dict(tally.counts)


def import_idn_area_data(package_dir: Path, *, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Regenerate ``provinces.csv`` and ``regencies.csv`` from an unpacked ``idn-area-data`` package.

    Codes and names are normalised; the curated province columns (capital, time zone, Kanreg,
    coordinates) are kept from the current ``provinces.csv`` and left blank for a new province, which
    the loader then rejects until someone fills them in.
    """
    source_dir = package_dir / "data" if (package_dir / "data").is_dir() else package_dir
    curated = {row["code"]: row for row in _read_csv(data_dir / "provinces.csv")}
    province_fields = ["code", "name", "capital", "timezone", "kanreg", "latitude", "longitude"]
    provinces = []
    for row in _read_csv(source_dir / "provinces.csv"):
        code = normalise_region_code(row["code"])
        extra = curated.get(code, {})
        provinces.append(
            {"code": code, "name": normalise_region_name(row["name"])}
            | {field: extra.get(field, "") for field in province_fields[2:]}
        )
    regencies = []
    for row in _read_csv(source_dir / "regencies.csv"):
        name = normalise_region_name(row["name"])
        regencies.append(
            {
                "code": normalise_region_code(row["code"]),
                "province_code": normalise_region_code(row["province_code"]),
                "name": name,
                "level": regency_level(name),
                "autonomous": "true" if is_autonomous(name) else "false",
            }
        )
    _write_csv(data_dir / "provinces.csv", province_fields, sorted(provinces, key=lambda row: row["code"]))
    regency_fields = ["code", "province_code", "name", "level", "autonomous"]
    _write_csv(data_dir / "regencies.csv", regency_fields, sorted(regencies, key=lambda row: row["code"]))
    return {"provinces": len(provinces), "regencies_and_cities": len(regencies)}


def _write_csv(path: Path, fields: list[str], rows: Iterable[Mapping[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
