"""Writes of coordination meetings: record an event, its attendance and action items, close an item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.core import clock, crypto
from netralitas.registry.models import Agency, Region

from . import organiser_queries, queries
from .models import ActionItem, Attendance, Meeting
from .services import DeclarationError, DeclarationNotAllowed


def _require_manager(actor: User, meeting: Meeting) -> None:
    if not organiser_queries.may_manage_meeting(actor, meeting):
        raise DeclarationNotAllowed(_("Anda tidak berwenang mengelola rapat ini."))


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    kind: str,
    title: str,
    held_at: dt.datetime,
    region: Region,
    organiser: Agency,
    invited: Iterable[Agency] = (),
    place: str = "",
    online_url: str = "",
) -> Meeting:
    if not organiser_queries.organiser_roles_over(actor, region):
        raise DeclarationNotAllowed(_("Anda tidak berwenang mencatat rapat di wilayah ini."))
    if kind not in Meeting.Kind.values:
        raise DeclarationError(_("Jenis rapat tidak dikenal: %(kind)s") % {"kind": kind})
    if not title.strip():
        raise DeclarationError(_("Judul rapat wajib diisi."))
    if not (place.strip() or online_url.strip()):
        raise DeclarationError(_("Isi tempat rapat atau tautan rapat daring."))
    meeting = Meeting.objects.create(
        code=crypto.new_opaque_code(),
        kind=kind,
        title=title.strip(),
        held_at=held_at,
        region=region,
        organiser=organiser,
        place=place.strip(),
        online_url=online_url.strip(),
        created_by=actor,
    )
    meeting.invited.set(list(invited))
    audit_record(actor=actor, action="meeting.created", target=meeting, data={"kind": kind, "title": title})
    return meeting


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, actor: User, attendees: Iterable[tuple[Agency, str, str]]
) -> list[Attendance]:
    _require_manager(actor, meeting)
    rows = [
        Attendance(meeting=meeting, agency=agency, name=name.strip(), position=position.strip())
        for agency, name, position in attendees
        if name.strip()
    ]
    if not rows:
        raise DeclarationError(_("Isi sedikitnya satu nama peserta yang hadir."))
    Attendance.objects.bulk_create(rows)
    audit_record(actor=actor, action="meeting.attendance", target=meeting, data={"count": len(rows)})
    return rows


@transaction.atomic
def action_item_add(
    *, meeting: Meeting, actor: User, description: str, owner: Agency, due_date: dt.date
) -> ActionItem:
    _require_manager(actor, meeting)
    if not description.strip():
        raise DeclarationError(_("Uraian tindak lanjut wajib diisi."))
    if due_date < timezone.localdate(meeting.held_at):
        raise DeclarationError(_("Batas waktu tindak lanjut tidak boleh sebelum tanggal rapat."))
    item = ActionItem.objects.create(
        meeting=meeting,
        code=crypto.new_opaque_code(),
        description=description.strip(),
        owner=owner,
        due_date=due_date,
    )
    audit_record(
        actor=actor,
        action="meeting.action_item_added",
        target=item,
        data={"meeting": meeting.code, "owner": owner.code, "due": due_date},
    )
    return item


@transaction.atomic
def action_item_complete(
    *, item: ActionItem, actor: User, note: str, now: dt.datetime | None = None
) -> ActionItem:
    locked = ActionItem.objects.select_for_update().get(pk=item.pk)
    if locked.done_at is not None:
        raise DeclarationError(_("Tindak lanjut ini sudah ditandai selesai."))
    if not queries.open_action_items(actor).filter(pk=locked.pk).exists():
        raise DeclarationNotAllowed(_("Tindak lanjut ini bukan milik instansi Anda."))
    if not note.strip():
        raise DeclarationError(_("Tuliskan apa yang sudah dilakukan sebagai catatan penyelesaian."))
    locked.done_at = now or clock.now()
    locked.done_note = note.strip()
    locked.save(update_fields=["done_at", "done_note"])
    audit_record(
        actor=actor, action="meeting.action_item_done", target=locked, data={"note": locked.done_note}
    )
    return locked
