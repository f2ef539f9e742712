"""Notes on a case: an internal note for officers, or a message the reporter reads on the status page."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.core import clock

from . import queries
from .models import Case, CaseEvent
from .services import CaseError, NotAllowed, _record_event, lock_case

NOTE_MAX = 4000
# Who may write to the reporter: the bodies that handle the report, not the PPK or the leadership.
MESSAGE_ROLES = frozenset({Role.VERIFIER, Role.BAWASLU, Role.BKN})


@transaction.atomic
def case_note_add(*, case: Case, actor: User, text: str, to_reporter: bool = False) -> CaseEvent:
    text = text.strip()
    if not text:
        raise CaseError(_("Tulis isi catatan terlebih dahulu."))
    if len(text) > NOTE_MAX:
        raise CaseError(_("Catatan terlalu panjang: paling banyak %(n)d karakter.") % {"n": NOTE_MAX})
    locked = lock_case(case)
    covering = queries.covering_roles(actor, locked)
    if not covering - {Role.LEADER}:
        raise NotAllowed(_("Anda tidak berwenang menambah catatan pada kasus ini."))
    if to_reporter and covering.isdisjoint(MESSAGE_ROLES):
        raise NotAllowed(_("Pesan untuk pelapor hanya dapat ditulis oleh Satgas, Bawaslu atau BKN."))
    return _record_event(
        locked,
        actor=actor,
        action="message" if to_reporter else "note",
        at=clock.now(),
        note="" if to_reporter else text,
        public_message=text if to_reporter else "",
    )
