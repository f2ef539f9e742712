"""The candidates (pasangan calon) of a Pilkada as data: CSV import, and who of them is a region's PPK.

CSV columns (``docs/import-format.md``): ``KODE_PEMILIHAN``, ``KODE_WILAYAH``, ``NOMOR_URUT``,
``POSISI`` (``kepala``/``wakil``), ``NAMA`` (required); ``PETAHANA`` (``tidak``, ``kepala_daerah``,
``wakil_kepala_daerah``), ``NIK``, ``NIP`` (optional, checked like everywhere else). Every row is checked
first (line + column + message); nothing is written unless all are right. Re-importing updates a ticket
in place (one row per election, region, number and position).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record

from .identifiers import nik_problem, nip_only_problem, normalize_digits
from .models import Agency, Candidate, Election, Employee, Region

REQUIRED = ("KODE_PEMILIHAN", "KODE_WILAYAH", "NOMOR_URUT", "POSISI", "NAMA")
_INCUMBENCY = {
    "": "",
    "tidak": "",
    "kepala_daerah": "kepala_daerah",
    "wakil_kepala_daerah": "wakil_kepala_daerah",
}
Checked = tuple[list[tuple[int, str, str]], Election | None, Region | None, str, str]


@dataclass
class CandidateImport:
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _check(
    line: int, row: Mapping[str, str], elections: dict[str, Election], regions: dict[str, Region]
) -> Checked:
    problems: list[tuple[str, str]] = []
    for column in REQUIRED:
        if not row.get(column, "").strip():
            problems.append((column, f"{column} wajib diisi."))
    election = elections.get(row.get("KODE_PEMILIHAN", "").strip())
    if row.get("KODE_PEMILIHAN", "").strip() and election is None:
        problems.append(("KODE_PEMILIHAN", "Kode pemilihan tidak dikenal (mis. pilkada-2024)."))
    region = regions.get(row.get("KODE_WILAYAH", "").strip())
    if row.get("KODE_WILAYAH", "").strip() and region is None:
        problems.append(("KODE_WILAYAH", "Kode wilayah Kemendagri tidak dikenal (mis. 16 atau 16.06)."))
    elif election is not None and region is not None and not election.regions.filter(pk=region.pk).exists():
        problems.append(("KODE_WILAYAH", f"{region.name} tidak menyelenggarakan {election.name}."))
    number = row.get("NOMOR_URUT", "").strip()
    if number and not (number.isdigit() and 0 < int(number) < 100):
        problems.append(("NOMOR_URUT", "Nomor urut harus bilangan 1 sampai 99."))
    if row.get("POSISI", "").strip() and row["POSISI"].strip().lower() not in Candidate.Position.values:
        problems.append(("POSISI", "POSISI harus kepala atau wakil."))
    if row.get("PETAHANA", "").strip().lower() not in _INCUMBENCY:
        problems.append(("PETAHANA", "PETAHANA harus tidak, kepala_daerah atau wakil_kepala_daerah."))
    nik, nip = normalize_digits(row.get("NIK", "")), normalize_digits(row.get("NIP", ""))
    if nik and (problem := nik_problem(nik)):
        problems.append(("NIK", f"NIK tidak valid: {problem}."))
    if nip and (problem := nip_only_problem(nip)):
        problems.append(("NIP", f"NIP tidak valid: {problem}."))
    return [(line, column, message) for column, message in problems], election, region, nik, nip


def candidates_import(
    *, rows: Iterable[tuple[int, Mapping[str, str]]], actor: User | None = None
) -> CandidateImport:
    report = CandidateImport()
    parsed = list(rows)
    elections = {e.code: e for e in Election.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    ready = []
    for line, row in parsed:
        errors, election, region, nik, nip = _check(line, row, elections, regions)
        report.errors.extend(errors)
        if not errors:
            ready.append((row, election, region, nik, nip))
    if not parsed:
        report.errors.append((0, "-", "Berkas tidak berisi baris data."))
    if report.errors:
        return report
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=[nip for *_, nip in ready if nip])}
    with transaction.atomic():
        for row, election, region, nik, nip in ready:
            _candidate, created = Candidate.objects.update_or_create(
                election=election,
                region=region,
                ticket_number=int(row["NOMOR_URUT"]),
                position=row["POSISI"].strip().lower(),
                defaults={
                    "name": " ".join(row["NAMA"].split()),
                    "incumbent": _INCUMBENCY[row.get("PETAHANA", "").strip().lower()],
                    "nik": nik,
                    "nip": nip,
                    "employee": employees.get(nip),
                },
            )
            report.created += int(created)
            report.updated += int(not created)
        audit_record(
            actor=actor,
            action="candidates.imported",
            data={"created": report.created, "updated": report.updated, "rows": len(ready)},
        )
    return report


def incumbent_ppk_candidate(*, election: Election | None, agency: Agency | None) -> Candidate | None:
    """The candidate of ``election`` who is the incumbent head of ``agency``'s region, i.e. the PPK who
    would sanction the case is running in it (konflik kepentingan PPK), or ``None``."""
    if election is None or agency is None or agency.region_id is None:
        return None
    return (
        Candidate.objects.filter(
            election=election, region_id=agency.region_id, incumbent=Candidate.Incumbency.HEAD
        )
        .select_related("region")
        .first()
    )
