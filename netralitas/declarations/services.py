"""Writes of declaration campaigns: create, open (target snapshot), close, sign, attendance sheets.

Signing is the hot path of a province-wide event (180,751 signatures in minutes): one indexed lookup of
the employee, then one short transaction with an insert guarded by the unique (campaign, employee)
constraint and one increment of the agency's counter. Individual signatures are not written to the
audit chain (its single head row would serialise the whole event); the signature row itself is the
time-stamped, append-only record. Organisers' acts are audited. See
docs/adr/0011-declaration-second-factor.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.core import clock, crypto, metrics
from netralitas.registry.models import Agency, Election, Employee, Region

from .models import Campaign, CampaignAgency, Signature
from .sheets import SheetRow


class DeclarationError(Exception):
    """A refused action, with a message for the user in Bahasa Indonesia."""


class DeclarationNotAllowed(DeclarationError, PermissionDenied):
    """The actor may not perform this write (role or scope): checked in the service, whatever the caller."""


MISMATCH = gettext_noop(
    "NIP, tanggal lahir, atau 4 digit terakhir NIK tidak cocok dengan data kepegawaian. "
    "Periksa kembali ketiganya."
)


def normalise_nip(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def check_campaign(
    title: str,
    text: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    agencies: Sequence[Agency],
    organiser_roles: Sequence[str],
) -> None:
    """The rules a campaign's fields obey, when it is created and while its draft is edited."""
    if not title.strip() or not text.strip():
        raise DeclarationError(_("Judul dan naskah deklarasi wajib diisi."))
    if closes_at <= opens_at:
        raise DeclarationError(_("Waktu ditutup harus sesudah waktu dibuka."))
    if not agencies:
        raise DeclarationError(_("Pilih sedikitnya satu instansi peserta."))
    if not organiser_roles:
        raise DeclarationError(_("Pilih sedikitnya satu peran penyelenggara."))


@transaction.atomic
def campaign_create(
    *,
    actor: User,
    title: str,
    text: str,
    election: Election,
    region: Region,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    agencies: Iterable[Agency],
    organiser_roles: Sequence[str],
) -> Campaign:
    agency_list = list(agencies)
    check_campaign(title, text, opens_at, closes_at, agency_list, organiser_roles)
    campaign = Campaign.objects.create(
        code=crypto.new_opaque_code(),
        title=title.strip(),
        text=text.strip(),
        election=election,
        region=region,
        opens_at=opens_at,
        closes_at=closes_at,
        organiser_roles=sorted(set(organiser_roles)),
    )
    CampaignAgency.objects.bulk_create([CampaignAgency(campaign=campaign, agency=a) for a in agency_list])
    audit_record(
        actor=actor,
        action="declaration.campaign_created",
        target=campaign,
        data={"title": campaign.title, "agencies": [a.code for a in agency_list]},
    )
    return campaign


@transaction.atomic
def campaign_open(*, campaign: Campaign, actor: User, now: dt.datetime | None = None) -> Campaign:
    """Opens signing and snapshots each agency's target: one GROUP BY over the employees, once."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.state != Campaign.State.DRAFT:
        raise DeclarationError(_("Kampanye ini sudah pernah dibuka."))
    now = now or clock.now()
    participants = {p.agency_id: p for p in locked.participants.all()}
    counts = dict(
        Employee.objects.filter(agency_id__in=list(participants), status=Employee.Status.ACTIVE)
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    for agency_id, participant in participants.items():
        participant.target = counts.get(agency_id, 0)
    CampaignAgency.objects.bulk_update(participants.values(), ["target"])
    locked.state = Campaign.State.OPEN
    locked.snapshot_at = now
    locked.save(update_fields=["state", "snapshot_at"])
    audit_record(
        actor=actor,
        action="declaration.campaign_opened",
        target=locked,
        data={"target": sum(counts.values())},
    )
    return locked


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: User) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.state != Campaign.State.OPEN:
        raise DeclarationError(_("Hanya kampanye yang sedang dibuka yang dapat ditutup."))
    locked.state = Campaign.State.CLOSED
    locked.save(update_fields=["state"])
    signed = sum(locked.participants.values_list("signed", flat=True))
    audit_record(actor=actor, action="declaration.campaign_closed", target=locked, data={"signed": signed})
    return locked


CLOSED = gettext_noop("Penandatanganan deklarasi ini belum dibuka atau sudah ditutup.")


def _accepting(campaign: Campaign, now: dt.datetime) -> None:
    if campaign.state != Campaign.State.OPEN:
        raise DeclarationError(_(CLOSED))
    if not campaign.opens_at <= now <= campaign.closes_at:
        raise DeclarationError(_("Penandatanganan hanya dapat dilakukan selama periode kampanye."))


def _second_factor_matches(employee: Employee, birth_date: dt.date, nik_last4: str) -> bool:
    if not employee.nik:
        return False
    digits_ok = hmac.compare_digest(employee.nik[-4:], nik_last4.strip())
    return digits_ok and employee.birth_date == birth_date


# Every column but the generated key, in table order.
_SIGNATURE_FIELDS = [f for f in Signature._meta.concrete_fields if not f.primary_key]


@functools.cache
def _insert_signature_sql() -> str:
    quote = connection.ops.quote_name
    meta = Signature._meta
    columns = ", ".join(quote(f.column) for f in _SIGNATURE_FIELDS)
    marks = ", ".join(["%s"] * len(_SIGNATURE_FIELDS))
    counters, campaigns = quote(CampaignAgency._meta.db_table), quote(Campaign._meta.db_table)
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT {marks} "  # noqa: S608
        f"WHERE EXISTS (SELECT 1 FROM {counters} WHERE campaign_id = %s AND agency_id = %s) "
        f"AND EXISTS (SELECT 1 FROM {campaigns} WHERE id = %s AND state = %s) "
        f"RETURNING {quote(meta.pk.column)}"
    )


def _insert_signature(signature: Signature) -> bool:
    """Writes ``signature`` only while its agency takes part and its campaign is open; False if not.

    Hand-written because the ORM has no ``INSERT … SELECT``: condition and insert are one statement, so
    no campaign closes in between. A database trigger counts the row on the agency's counter in the same
    statement (migration 0003), so coverage never rescans and never drifts."""
    values: list[Any] = [
        f.get_db_prep_save(f.pre_save(signature, True), connection) for f in _SIGNATURE_FIELDS
    ]
    campaign_id, agency_id = signature.campaign_id, signature.agency_id
    values += [campaign_id, agency_id, campaign_id, Campaign.State.OPEN]
    with connection.cursor() as cursor:
        cursor.execute(_insert_signature_sql(), values)
        row = cursor.fetchone()
    if row is None:
        return False
    signature.pk = row[0]
    signature._state.adding, signature._state.db = False, connection.alias
    return True


def _insert(campaign: Campaign, employee: Employee, now: dt.datetime, channel: str) -> tuple[Signature, bool]:
    """Insert once; a concurrent or earlier signature of the same employee is returned instead.

    The unique (campaign, employee) constraint answers "already signed?" and the statement's condition
    "is the agency participating, is the campaign still open?". A single statement is atomic on its own:
    on PostgreSQL, outside a transaction, it is one round trip in autocommit; SQLite runs it inside
    ``BEGIN IMMEDIATE`` so that it queues on the write lock (ADR 0002). Inside a caller's transaction
    (attendance sheets) it is a savepoint, so a repeat does not abort the batch.
    """
    signature = Signature(
        campaign=campaign,
        employee=employee,
        agency_id=employee.agency_id,
        code=crypto.new_opaque_code(),
        signed_at=now,
        channel=channel,
    )
    try:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            inserted = _insert_signature(signature)
        else:
            with transaction.atomic():
                inserted = _insert_signature(signature)
    except IntegrityError:
        return Signature.objects.get(campaign=campaign, employee=employee), False
    if not inserted:
        if not Campaign.objects.filter(pk=campaign.pk, state=Campaign.State.OPEN).exists():
            raise DeclarationError(_(CLOSED))
        raise DeclarationError(_("Instansi Anda tidak termasuk peserta deklarasi ini."))
    # Counted once committed (a sheet's batch may still roll back): the signature rate on /metrics.
    transaction.on_commit(metrics.SIGNATURES.labels(channel).inc)
    return signature, True


def signature_sign(
    *,
    campaign: Campaign,
    nip: str,
    birth_date: dt.date,
    nik_last4: str,
    now: dt.datetime | None = None,
) -> tuple[Signature, bool]:
    """Signs for the employee identified by NIP + birth date + last 4 NIK digits.

    Returns (signature, created); a repeat returns the existing signature (same certificate).
    """
    now = now or clock.now()
    _accepting(campaign, now)
    # What signing needs of the employee; the rest loads on first use.
    employee = (
        Employee.objects.only("nip", "nik", "birth_date", "agency", "status")
        .filter(nip=normalise_nip(nip))
        .first()
    )
    if employee is None or not _second_factor_matches(employee, birth_date, nik_last4):
        raise DeclarationError(_(MISMATCH))
    if employee.status != Employee.Status.ACTIVE:
        raise DeclarationError(_("Menurut data kepegawaian Anda tidak lagi berstatus ASN aktif."))
    return _insert(campaign, employee, now, Signature.Channel.ONLINE)


@dataclass
class SheetReport:
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    recorded: int = 0
    already: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def signature_sheet_import(
    *, campaign: Campaign, actor: User, rows: Iterable[SheetRow], now: dt.datetime | None = None
) -> SheetReport:
    """Records signatures from attendance sheets. Every row is checked first; one bad row and nothing is
    recorded, so the organiser fixes the sheet and uploads it again (repeats are harmless)."""
    now = now or clock.now()
    report = SheetReport()
    if campaign.state != Campaign.State.OPEN:
        report.errors.append((0, "-", "Lembar hadir hanya dapat diunggah selama kampanye dibuka."))
        return report
    parsed = list(rows)
    participating = set(campaign.participants.values_list("agency_id", flat=True))
    nips = {normalise_nip(r.nip) for r in parsed}
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=nips)}
    seen: dict[str, int] = {}
    valid: list[tuple[Employee, dt.datetime]] = []
    for row in parsed:
        if row.problems:
            report.errors.extend((row.line, column, message) for column, message in row.problems)
            continue
        nip = normalise_nip(row.nip)
        if len(nip) != 18:
            report.errors.append((row.line, "NIP", "NIP harus 18 angka."))
            continue
        if nip in seen:
            report.errors.append((row.line, "NIP", f"NIP {nip} sudah ada di baris {seen[nip]}."))
            continue
        seen[nip] = row.line
        employee = employees.get(nip)
        if employee is None:
            report.errors.append((row.line, "NIP", f"NIP {nip} tidak ditemukan di data kepegawaian."))
            continue
        if row.birth_date != employee.birth_date:
            report.errors.append(
                (row.line, "TANGGAL_LAHIR", "Tanggal lahir tidak cocok dengan data kepegawaian NIP ini.")
            )
            continue
        if employee.agency_id not in participating:
            report.errors.append((row.line, "NIP", "Instansi pegawai ini tidak termasuk peserta deklarasi."))
            continue
        if employee.status != Employee.Status.ACTIVE:
            report.errors.append((row.line, "NIP", "Pegawai ini tidak lagi berstatus ASN aktif."))
            continue
        valid.append((employee, row.signed_at or now))
    if not parsed and not report.errors:
        report.errors.append((0, "-", "Berkas tidak berisi baris data."))
    if report.errors:
        return report
    with transaction.atomic():
        for employee, signed_at in valid:
            _signature, created = _insert(campaign, employee, signed_at, Signature.Channel.SHEET)
            if created:
                report.recorded += 1
            else:
                report.already += 1
        audit_record(
            actor=actor,
            action="declaration.sheet_imported",
            target=campaign,
            data={"recorded": report.recorded, "already": report.already},
        )
    return report
