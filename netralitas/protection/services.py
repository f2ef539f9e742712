"""Writes of the reporter protection (ADR 0026): marking a report, raising alerts, auditors handling them.

The marking is written in the intake's own transaction and never touches the case, its events or the
outbox, so nothing the agency or its PPK can read (case page, timeline, API, webhooks) changes. The
adverse-act hooks are called from the services that record those acts (transfers, sanctions, control).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.cases.models import Case, ReporterIdentity
from netralitas.cases.services import CaseError, actor_label
from netralitas.core import clock, crypto
from netralitas.registry.models import Employee

from .models import AlertEntry, ProtectedAlert, ProtectedDisclosure

Kind = ProtectedAlert.Kind


def reporter_key(nip: str) -> str:
    """Blind index of an ASN by NIP: HMAC-SHA256 under a key derived from SECRET_KEY (like receipts)."""
    key = hashlib.sha256(("protected-reporter:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, nip.encode(), hashlib.sha256).hexdigest()


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _matching_employees(identity: Mapping[str, str]) -> list[Employee]:
    nip, nik = (identity.get("nip") or "").strip(), (identity.get("nik") or "").strip()
    if nip:
        found = list(Employee.objects.filter(nip=nip))
        if found:
            return found
    if nik:
        return list(Employee.objects.filter(nik=nik))
    return []


def disclosure_mark(
    *, case: Case, identity: Mapping[str, str] | None, now: dt.datetime | None = None
) -> list[ProtectedDisclosure]:
    """Marks a report as a protected disclosure when its identified reporter is an ASN; else nothing."""
    if not identity:
        return []
    employees = _matching_employees(identity)
    if not employees:
        return []
    now = now or clock.now()
    until = add_months(now, int(settings.PROTECTION_MONTHS))
    marked: list[ProtectedDisclosure] = []
    with transaction.atomic():
        for employee in employees:
            disclosure, created = ProtectedDisclosure.objects.get_or_create(
                case=case,
                reporter_key=reporter_key(employee.nip),
                defaults={"marked_at": now, "protected_until": until},
            )
            if created:
                marked.append(disclosure)
        if marked:
            audit_record(
                actor=None,
                action="protection.marked",
                target=case,
                data={"number": case.number, "until": until.isoformat()},
            )
    return marked


def _raise(
    *,
    case: Case,
    disclosure: ProtectedDisclosure | None,
    kind: str,
    act_key: str,
    reference: str,
    act_date: dt.date | None,
    actor: User | None,
    sealed: dict[str, Any],
    now: dt.datetime,
) -> ProtectedAlert | None:
    if ProtectedAlert.objects.filter(case=case, act_key=act_key).exists():
        return None
    alert = ProtectedAlert.objects.create(
        case=case,
        disclosure=disclosure,
        kind=kind,
        act_key=act_key[:80],
        act_reference=reference[:300],
        act_date=act_date,
        acted_by=actor,
        acted_by_label=actor_label(actor) if actor else "",
        sealed=crypto.encrypt_json(sealed),
        province=case.province,
        raised_at=now,
    )
    audit_record(
        actor=actor,
        action="protection.alert_raised",
        target=alert,
        data={"kind": kind, "act": act_key[:80]},
    )
    return alert


def adverse_act_record(
    *,
    employee: Employee,
    kind: str,
    act_key: str,
    reference: str,
    act_date: dt.date | None,
    actor: User | None,
    details: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> list[ProtectedAlert]:
    """Called by the service recording an adverse personnel act for ``employee``, in its transaction.

    Raises one alert per protected disclosure of that employee still in its period; none otherwise. The
    caller's response and events are the same either way: the agency cannot tell."""
    if kind not in Kind.values or kind == Kind.CLAIM:
        raise ValueError(kind)
    now = now or clock.now()
    disclosures = ProtectedDisclosure.objects.filter(
        reporter_key=reporter_key(employee.nip), protected_until__gte=now
    ).select_related("case", "case__province")
    raised: list[ProtectedAlert] = []
    for disclosure in disclosures:
        if disclosure.marked_at > now:
            continue
        sealed = {"employee_nip": employee.nip, "employee_name": employee.name, **(details or {})}
        alert = _raise(
            case=disclosure.case,
            disclosure=disclosure,
            kind=kind,
            act_key=act_key,
            reference=reference,
            act_date=act_date,
            actor=actor,
            sealed=sealed,
            now=now,
        )
        if alert is not None:
            raised.append(alert)
    return raised


def retaliation_claim(*, case: Case, message: str, now: dt.datetime | None = None) -> ProtectedAlert:
    """The reporter says on the status page that they are being retaliated against."""
    text = message.strip()
    if len(text) < 10:
        raise CaseError(_("Ceritakan apa yang terjadi (minimal 10 karakter)."))
    now = now or clock.now()
    with transaction.atomic():
        disclosure = ProtectedDisclosure.objects.filter(case=case).order_by("pk").first()
        alert = _raise(
            case=case,
            disclosure=disclosure,
            kind=Kind.CLAIM,
            act_key=f"claim:{crypto.new_opaque_code()}",
            reference="",
            act_date=clock.localdate(),
            actor=None,
            sealed={"message": text[:5000]},
            now=now,
        )
    assert alert is not None
    return alert


# --- auditors handling alerts ---------------------------------------------------------------------


def _entry(alert: ProtectedAlert, *, actor: User, action: str, text: str, now: dt.datetime) -> None:
    AlertEntry.objects.create(alert=alert, at=now, actor=actor, action=action, text=text)
    audit_record(
        actor=actor,
        action=f"protection.alert_{action}",
        target=alert,
        actor_label=actor_label(actor),
        data={"kind": alert.kind, "state": alert.state},
    )


def alert_handle(*, alert: ProtectedAlert, actor: User, action: str, note: str = "") -> ProtectedAlert:
    """acknowledge, note or close one alert (the caller checked access with ``get_alert_for_user``)."""
    text = note.strip()
    now = clock.now()
    with transaction.atomic():
        locked = ProtectedAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.state == ProtectedAlert.State.CLOSED:
            raise CaseError(_("Alarm ini sudah ditutup."))
        if action == AlertEntry.Action.ACKNOWLEDGED:
            if locked.state != ProtectedAlert.State.OPEN:
                raise CaseError(_("Alarm ini sudah ditangani."))
            locked.state = ProtectedAlert.State.ACKNOWLEDGED
        elif action == AlertEntry.Action.NOTE:
            if not text:
                raise CaseError(_("Tulis catatannya."))
        elif action == AlertEntry.Action.CLOSED:
            if len(text) < 10:
                raise CaseError(_("Tuliskan hasil penanganan sebelum menutup (minimal 10 karakter)."))
            locked.state, locked.closed_at = ProtectedAlert.State.CLOSED, now
        else:
            raise CaseError(_("Tindakan tidak dikenal."))
        locked.save(update_fields=["state", "closed_at"])
        _entry(locked, actor=actor, action=action, text=text, now=now)
    return locked


def alert_identity_read(*, alert: ProtectedAlert, actor: User, reason: str) -> dict[str, Any]:
    """The reporter's identity and the act's sealed details, with a reason, audited as an identity read."""
    reason = reason.strip()
    if len(reason) < 10:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="reporter.identity_refused",
                target=alert.case,
                reason=reason,
                actor_label=actor_label(actor),
                data={"number": alert.case.number, "refusal": "reason", "alert": alert.code},
            )
        raise CaseError(_("Tuliskan alasan membuka identitas pelapor (minimal 10 karakter)."))
    with transaction.atomic():
        identity = ReporterIdentity.objects.filter(case=alert.case).first()
        audit_record(
            actor=actor,
            action="reporter.identity_read",
            target=alert.case,
            reason=reason,
            actor_label=actor_label(actor),
            data={"number": alert.case.number, "anonymous": identity is None, "alert": alert.code},
        )
        _entry(alert, actor=actor, action=AlertEntry.Action.IDENTITY, text=reason, now=clock.now())
    return {
        "reporter": crypto.decrypt_json(identity.ciphertext) if identity else None,
        "act": crypto.decrypt_json(alert.sealed) if alert.sealed else {},
    }
