"""Recording transfer decisions and flagging those that break UU 10/2016 Pasal 71(2).

A decision is flagged when its deciding regional government's region holds a Pilkada with a rule row,
the decision date is inside the rule's window, and no Mendagri approval is referenced. A flag opens one
case (source: system flag) about the head of region's act; see docs/adr/0012-transfer-flags.md.
Re-importing the same decree for the same official changes nothing (unique decree + official, and the
case's idempotency key).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.cases.models import Source
from netralitas.cases.services import case_submit
from netralitas.core import clock
from netralitas.protection.models import ProtectedAlert
from netralitas.protection.services import adverse_act_record
from netralitas.registry.models import Agency, Election, Employee, Region

from .models import TransferDecision, TransferRule

LEGAL_BASIS = (
    "UU 10/2016 Pasal 71 ayat (2): gubernur/bupati/walikota dilarang melakukan penggantian pejabat "
    "6 bulan sebelum penetapan pasangan calon sampai akhir masa jabatan kecuali mendapat persetujuan "
    "tertulis Menteri Dalam Negeri; sanksi Pasal 190."
)


class TransferError(Exception):
    """A refused record, with a message for the user in Bahasa Indonesia."""


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def transfer_rule_derive(
    *, election: Election, actor: User | None = None, window_end: dt.date | None = None
) -> TransferRule:
    """The election's rule row: from 6 months before candidates are set to the end of the term."""
    existing = TransferRule.objects.filter(election=election).first()
    if existing is not None:
        return existing
    if election.candidates_set_date is None:
        raise TransferError(
            _("%(election)s belum memiliki tanggal penetapan pasangan calon.") % {"election": election.name}
        )
    rule = TransferRule.objects.create(
        election=election,
        window_start=months_before(election.candidates_set_date, settings.TRANSFER_WINDOW_MONTHS_BEFORE),
        window_end=window_end or settings.TRANSFER_WINDOW_END_DEFAULT,
        legal_basis=LEGAL_BASIS,
    )
    audit_record(
        actor=actor,
        action="transfer.rule_created",
        target=rule,
        data={"start": rule.window_start, "end": rule.window_end},
    )
    return rule


def applicable_rule(agency: Agency, day: dt.date) -> TransferRule | None:
    if agency.region_id is None:
        return None
    return (
        TransferRule.objects.filter(
            election__regions=agency.region_id, window_start__lte=day, window_end__gte=day
        )
        .select_related("election")
        .order_by("window_start")
        .first()
    )


def deciding_body(code: str) -> tuple[Agency | None, Region | None]:
    """The deciding government for a code of the import: an agency's code (``KAB-16.06``), or the code
    of a non-autonomous kabupaten/kota (``KOTA-31.71``, ``31.71``: Jakarta's administrative cities and
    regency, which have no agency of their own), which resolves to its province's government and names
    the unit. ``(None, None)`` when nothing matches."""
    code = code.strip()
    agency = Agency.objects.filter(code=code).select_related("region").first()
    if agency is not None:
        return agency, None
    region_code = code.split("-", 1)[1] if code.startswith(("KOTA-", "KAB-")) else code
    unit = Region.objects.filter(code=region_code, province__isnull=False).select_related("province").first()
    if unit is None or Agency.objects.filter(region=unit).exists():
        return None, None
    return Agency.objects.filter(region=unit.province).select_related("region").first(), unit


def _open_case(decision: TransferDecision, rule: TransferRule, actor: User | None) -> None:
    agency = decision.deciding_agency
    unit = decision.deciding_unit
    region = unit or agency.region
    assert region is not None
    decided_by = f"{agency.name} untuk {unit.name}" if unit else agency.name
    employee = decision.employee
    description = (
        f"Penggantian pejabat tanpa persetujuan tertulis Mendagri dalam masa larangan "
        f"{rule.window_start:%d-%m-%Y} s.d. {rule.window_end:%d-%m-%Y}: SK {decision.decision_number} "
        f"tanggal {decision.decision_date:%d-%m-%Y} oleh {decided_by} memindahkan {employee.name} "
        f"(NIP {employee.nip}) dari {decision.from_position or '-'} {decision.from_level} ke "
        f"{decision.to_position} {decision.to_level}. Dasar: {rule.legal_basis}"
    )
    case, _receipt, _created = case_submit(
        source=Source.SYSTEM,
        election=rule.election,
        region=region,
        incident_date=decision.decision_date,
        description=description,
        reported_name=f"Kepala daerah {region.name}",
        reported_position=agency.ppk_title,
        reported_agency=agency,
        reporter_user=None,
        idempotency_key=f"mutasi-71-2:{decision.employee.nip}:{decision.decision_number}"[:80],
    )
    decision.case = case
    decision.save(update_fields=["case"])
    audit_record(
        actor=actor,
        action="transfer.flagged",
        target=decision,
        data={"case": case.number, "rule": rule.pk},
    )


@transaction.atomic
def transfer_record(
    *,
    employee: Employee,
    decision_number: str,
    decision_date: dt.date,
    deciding_agency: Agency,
    to_position: str,
    deciding_unit: Region | None = None,
    from_position: str = "",
    from_level: str = "",
    to_level: str = "",
    approval_reference: str = "",
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> tuple[TransferDecision, bool]:
    """Records one decision (idempotent per decree + official) and flags it when it breaks the rule."""
    number = decision_number.strip()
    if not number:
        raise TransferError(_("Nomor SK wajib diisi."))
    if not to_position.strip():
        raise TransferError(_("Jabatan baru wajib diisi."))
    if deciding_agency.region_id is None:
        raise TransferError(_("Penetap harus pemerintah daerah (instansi dengan wilayah)."))
    if deciding_unit is not None and deciding_unit.province_id != deciding_agency.region_id:
        raise TransferError(
            _(
                "%(unit)s tidak berada di wilayah %(agency)s: wilayah administrasi hanya dapat "
                "ditetapkan oleh pemerintah provinsinya."
            )
            % {"unit": deciding_unit.name, "agency": deciding_agency.name}
        )
    existing = TransferDecision.objects.filter(decision_number=number, employee=employee).first()
    if existing is not None:
        return existing, False
    rule = applicable_rule(deciding_agency, decision_date)
    approval = approval_reference.strip()
    decision = TransferDecision.objects.create(
        employee=employee,
        decision_number=number,
        decision_date=decision_date,
        deciding_agency=deciding_agency,
        deciding_unit=deciding_unit,
        from_position=from_position.strip(),
        from_level=from_level.strip(),
        to_position=to_position.strip(),
        to_level=to_level.strip(),
        approval_reference=approval,
        rule=rule,
        flagged=rule is not None and not approval,
        imported_at=now or clock.now(),
        imported_by=actor,
    )
    audit_record(
        actor=actor,
        action="transfer.recorded",
        target=decision,
        data={"number": number, "nip": employee.nip, "flagged": decision.flagged},
    )
    if decision.flagged:
        assert rule is not None
        _open_case(decision, rule, actor)
    adverse_act_record(
        employee=employee,
        kind=ProtectedAlert.Kind.DEMOTION
        if lowers_level(from_level, to_level)
        else ProtectedAlert.Kind.TRANSFER,
        act_key=f"mutasi:{decision.pk}",
        reference=f"SK {number} ({deciding_agency.name})",
        act_date=decision_date,
        actor=actor,
        details={
            "from": f"{decision.from_position} {decision.from_level}".strip(),
            "to": f"{decision.to_position} {decision.to_level}".strip(),
        },
        now=now,
    )
    return decision, True


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _level_rank(level: str) -> tuple[int, str] | None:
    """A comparable rank for an echelon ("eselon III.a": higher number, lower rank) or a grade
    ("III/c", "IV/a": higher, higher rank); None when the text is neither."""
    text = level.strip().upper().replace("GOLONGAN", "").replace("GOL.", "").strip()
    echelon = text.startswith("ESELON")
    text = text.removeprefix("ESELON").strip()
    head, _sep, tail = text.replace(".", "/").partition("/")
    number = _ROMAN.get(head.strip()) or (int(head) if head.strip().isdigit() else None)
    if number is None:
        return None
    letter = tail.strip()[:1].lower()
    if echelon:
        return (-number, chr(ord("z") - (ord(letter) - ord("a"))) if letter else "z")
    return (number, letter or "a")


def lowers_level(from_level: str, to_level: str) -> bool:
    """A move to a lower echelon or grade: a demotion, watched for protected reporters (ADR 0026)."""
    before, after = _level_rank(from_level), _level_rank(to_level)
    return before is not None and after is not None and after < before


@dataclass
class ImportReport:
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    created: int = 0
    existing: int = 0
    flagged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def transfer_import_rows(
    *, rows: Iterable[tuple[int, Mapping[str, str]]], actor: User | None = None
) -> ImportReport:
    """Checks every row (line + column + message); records all of them only when none is wrong."""
    report = ImportReport()
    parsed = list(rows)
    nips = {"".join(c for c in r.get("NIP", "") if c.isdigit()) for _line, r in parsed}
    codes = {r.get("KODE_INSTANSI_PENETAP", "").strip() for _line, r in parsed}
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=nips)}
    bodies = {code: deciding_body(code) for code in codes if code}
    ready: list[dict[str, object]] = []
    for line, row in parsed:
        problems: list[tuple[str, str]] = []
        nip = "".join(c for c in row.get("NIP", "") if c.isdigit())
        employee = employees.get(nip)
        if len(nip) != 18:
            problems.append(("NIP", "NIP harus 18 angka."))
        elif employee is None:
            problems.append(("NIP", f"NIP {nip} tidak ditemukan di data kepegawaian."))
        if not row.get("NOMOR_SK", "").strip():
            problems.append(("NOMOR_SK", "Nomor SK wajib diisi."))
        date = _parse_date(row.get("TANGGAL_SK", "").strip())
        if date is None:
            problems.append(("TANGGAL_SK", "Tanggal SK wajib diisi seperti 15-04-2024."))
        agency, unit = bodies.get(row.get("KODE_INSTANSI_PENETAP", "").strip(), (None, None))
        if agency is None:
            problems.append(
                (
                    "KODE_INSTANSI_PENETAP",
                    "Kode instansi tidak dikenal; pakai kode master data (mis. KAB-16.06), atau kode "
                    "kota/kabupaten administrasi DKI (mis. KOTA-31.71) yang ditetapkan Pemprov DKI.",
                )
            )
        elif agency.region_id is None:
            problems.append(
                ("KODE_INSTANSI_PENETAP", "Penetap harus pemerintah daerah, bukan instansi pusat.")
            )
        if not row.get("JABATAN_BARU", "").strip():
            problems.append(("JABATAN_BARU", "Jabatan baru wajib diisi."))
        if problems:
            report.errors.extend((line, column, message) for column, message in problems)
            continue
        ready.append(
            {
                "employee": employee,
                "decision_number": row["NOMOR_SK"],
                "decision_date": date,
                "deciding_agency": agency,
                "deciding_unit": unit,
                "from_position": row.get("JABATAN_LAMA", ""),
                "from_level": row.get("TINGKAT_LAMA", ""),
                "to_position": row["JABATAN_BARU"],
                "to_level": row.get("TINGKAT_BARU", ""),
                "approval_reference": row.get("PERSETUJUAN_MENDAGRI", ""),
            }
        )
    if not parsed:
        report.errors.append((0, "-", "Berkas tidak berisi baris data."))
    if report.errors:
        return report
    with transaction.atomic():
        for values in ready:
            decision, created = transfer_record(actor=actor, **values)  # type: ignore[arg-type]
            if created:
                report.created += 1
                report.flagged += int(decision.flagged)
            else:
                report.existing += 1
    return report
