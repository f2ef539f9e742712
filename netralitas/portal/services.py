"""Writes of the public portal: drafts of reports, their files, and the final submission."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from netralitas.audit.services import audit_record
from netralitas.cases.evidence import EvidenceError, clean_upload, evidence_add
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_submit
from netralitas.core import clock
from netralitas.protection.services import disclosure_mark
from netralitas.registry.models import Agency, Election, Employee, Region

from .models import Draft, DraftFile


def draft_start() -> Draft:
    draft = Draft(token=secrets.token_urlsafe(24))
    draft.answers = {}
    draft.save()
    return draft


def draft_save_answers(*, draft: Draft, step: str, values: dict[str, Any]) -> Draft:
    """Keeps what was typed in one step (valid or not) so that back, refresh and errors lose nothing."""
    answers = draft.answers
    answers[step] = values
    draft.answers = answers
    draft.save(update_fields=["payload", "updated_at"])
    return draft


def draft_add_files(*, draft: Draft, uploads: Sequence[IO[bytes]]) -> list[str]:
    """Checks and keeps uploaded files; returns one message per refused file (the others are kept)."""
    problems: list[str] = []
    limit = int(settings.PORTAL_MAX_FILES)
    for upload in uploads:
        name = getattr(upload, "name", "") or "berkas"
        if draft.files.count() >= limit:
            problems.append(f"Berkas {name} tidak disimpan: paling banyak {limit} berkas per laporan.")
            continue
        try:
            clean = clean_upload(upload, name)
        except EvidenceError as error:
            problems.append(str(error))
            continue
        row = DraftFile(
            draft=draft,
            code=secrets.token_urlsafe(12),
            original_name=clean.name,
            content_type=clean.content_type,
            size=len(clean.content),
            sha256=clean.sha256,
        )
        row.file.save(
            f"{secrets.token_urlsafe(18)}.{clean.extension}", ContentFile(clean.content), save=False
        )
        row.save()
    return problems


def draft_remove_file(*, draft: Draft, code: str) -> bool:
    row = draft.files.filter(code=code).first()
    if row is None:
        return False
    row.file.delete(save=False)
    row.delete()
    return True


@dataclass(frozen=True)
class Submission:
    """What the final step hands over: the case, its receipt code (None on a replay) and files kept."""

    case: Case
    receipt: str | None
    created: bool


@dataclass(frozen=True)
class ReportInput:
    election: Election
    region: Region
    incident_date: dt.date
    description: str
    violation_type_ids: list[int]
    links: list[str]
    employee: Employee | None
    reported_name: str
    reported_position: str
    reported_agency: Agency | None
    reported_description: str
    reporter_identity: dict[str, str] | None


def draft_submit(*, draft: Draft, report: ReportInput) -> Submission:
    """Files the report through case_submit with the draft's token as idempotency key, attaches the draft's
    files as evidence, and marks the draft submitted; a second call returns the same case."""
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        case, receipt, created = case_submit(
            source=Source.PUBLIC,
            election=report.election,
            region=report.region,
            incident_date=report.incident_date,
            description=report.description,
            employee=report.employee,
            reported_name=report.reported_name,
            reported_position=report.reported_position,
            reported_agency=report.reported_agency,
            reported_description=report.reported_description,
            violation_type_ids=report.violation_type_ids,
            links=report.links,
            reporter_identity=report.reporter_identity,
            idempotency_key=f"portal:{locked.token}",
        )
        if created:
            disclosure_mark(case=case, identity=report.reporter_identity)
            for row in locked.files.all():
                with row.file.open("rb") as handle:
                    evidence_add(case=case, upload=handle, from_reporter=True, name=row.original_name)
        locked.case_number = case.number
        locked.answers = {}  # the answers now live in the case; nothing personal stays in the draft
        locked.save(update_fields=["case_number", "payload", "updated_at"])
    if created:
        for row in list(locked.files.all()):
            row.file.delete(save=False)
            row.delete()
    return Submission(case=case, receipt=receipt, created=created)


def drafts_purge(*, older_than: dt.timedelta | None = None, now: dt.datetime | None = None) -> int:
    """Deletes drafts (and their files) created before now - older_than; returns how many."""
    now = now or clock.now()
    cutoff = now - (older_than or dt.timedelta(hours=int(settings.PORTAL_DRAFT_MAX_AGE_HOURS)))
    count = 0
    for draft in Draft.objects.filter(created_at__lt=cutoff).prefetch_related("files"):
        for row in draft.files.all():
            row.file.delete(save=False)
        draft.delete()
        count += 1
    if count:
        with transaction.atomic():
            audit_record(
                actor=None, action="portal.drafts_purged", data={"count": count, "cutoff": cutoff.isoformat()}
            )
    return count
