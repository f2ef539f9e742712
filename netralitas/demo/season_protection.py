"""Journey 11 in the demo: an ASN of a Sumatera Selatan regency reported with her NIP; weeks later a transfer
decree moves her, and the auditor (auditor_kanreg7) finds a protected alert; she also reported the
retaliation on the status page. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import transaction

from netralitas.cases.models import Case, ReporterIdentity, Source
from netralitas.core import clock, crypto
from netralitas.protection.models import ProtectedDisclosure
from netralitas.protection.services import disclosure_mark, retaliation_claim
from netralitas.registry.models import Employee
from netralitas.transfers.services import transfer_record

from .season import KEY_PREFIX


def load_protection_demo(*, say: Callable[[str], object] = lambda _m: None) -> int:
    if ProtectedDisclosure.objects.exists():
        say("protected reporters: already loaded")
        return 0
    case = (
        Case.objects.filter(
            idempotency_key__startswith=f"{KEY_PREFIX}-",
            province__code="16",
            source=Source.PUBLIC,
            agency__region__isnull=False,
            reporter_identity__isnull=True,
            election__code="pilkada-2024",
        )
        .select_related("agency")
        .order_by("number")
        .first()
    )
    if case is None or case.agency is None:
        say("protected reporters: no Sumatera Selatan season case to attach to; skipped")
        return 0
    reported = Case.objects.filter(agency=case.agency, employee__isnull=False).values("employee_id")
    reporter = (
        Employee.objects.filter(agency=case.agency, status=Employee.Status.ACTIVE, siasn_blocked=False)
        .exclude(pk__in=reported)
        .order_by("nip")
        .first()
    )
    if reporter is None:
        say("protected reporters: no colleague to report; skipped")
        return 0
    started = time.monotonic()
    now = clock.now()
    identity = {"name": reporter.name, "nip": reporter.nip, "phone": "081234500011"}
    with transaction.atomic():
        ReporterIdentity.objects.create(
            case=case, ciphertext=crypto.encrypt_json(identity), created_at=case.received_at
        )
        disclosure_mark(case=case, identity=identity, now=case.received_at)
        transfer_record(
            employee=reporter,
            decision_number=f"821/{reporter.nip[-4:]}/BKPSDM/2024",
            decision_date=clock.localdate() - dt.timedelta(days=9),
            deciding_agency=case.agency,
            from_position=reporter.position or "Pelaksana",
            to_position="Pelaksana pada kecamatan terjauh",
            approval_reference="Persetujuan Mendagri 100.2.2.6/4521/OTDA",
            now=now - dt.timedelta(days=8),
        )
        retaliation_claim(
            case=case,
            message="Sejak saya melapor, saya dipindahkan ke kecamatan terjauh tanpa alasan.",
            now=now - dt.timedelta(days=2),
        )
    say(
        f"protected reporters: 1 report ({case.number}), 2 alerts for the Kanreg VII auditor "
        f"({time.monotonic() - started:.2f}s)"
    )
    return 2
