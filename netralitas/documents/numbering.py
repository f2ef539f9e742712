"""Letter numbers: one counter row per scheme and year, locked in the transaction that writes the document.

The counter and the document commit or roll back together, so a number is never skipped (no gaps) and
never given twice (no duplicates): a second issuer waits on the counter's row lock (PostgreSQL) or on the
write lock of the project's ``BEGIN IMMEDIATE`` transactions (SQLite)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction

from .models import Counter, IssuingBody, LetterKind, NumberingScheme

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# The classification code a scheme starts with when an administrator has not set one.
DEFAULT_CODES: dict[str, str] = {
    LetterKind.RECEIPT: "TT",
    LetterKind.FORWARDING: "PN",
    LetterKind.RECOMMENDATION: "R",
    LetterKind.REMINDER: "PG",
    LetterKind.WARNING: "SP",
    LetterKind.BLOCK_REQUEST: "BL",
    LetterKind.UNBLOCK: "BB",
    LetterKind.PPK_REPORT: "LP",
    LetterKind.DECLARATION: "SD",
    LetterKind.WEEKLY: "LM",
    LetterKind.SUMMONS: "PGL",
}
DEFAULT_PATTERN = "{code}-{seq}/{body}/{roman_month}/{year}"


class NumberingError(ValueError):
    pass


def format_number(pattern: str, *, seq: int, code: str, body: str, day: dt.date) -> str:
    try:
        return pattern.format(
            seq=seq,
            code=code,
            body=body,
            month=f"{day.month:02d}",
            roman_month=ROMAN_MONTHS[day.month - 1],
            year=day.year,
        )
    except (KeyError, IndexError, ValueError) as error:
        raise NumberingError(f"Pola nomor tidak valid: {pattern!r} ({error}).") from None


def scheme_for(body: IssuingBody, kind: str) -> NumberingScheme:
    scheme, _created = NumberingScheme.objects.get_or_create(
        body=body, kind=kind, defaults={"code": DEFAULT_CODES.get(kind, "ND"), "pattern": DEFAULT_PATTERN}
    )
    return scheme


def take_number(scheme: NumberingScheme, day: dt.date) -> tuple[int, str]:
    """The next sequence of the scheme's year and its formatted number. Must run inside the transaction that
    saves the document."""
    if not connection.in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that saves the document")
    counter = Counter.objects.select_for_update().filter(scheme=scheme, year=day.year).first()
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(scheme=scheme, year=day.year)
        except IntegrityError:
            pass  # another issuer created it first; the lock below waits for it
        counter = Counter.objects.select_for_update().get(scheme=scheme, year=day.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    number = format_number(
        scheme.pattern, seq=counter.last, code=scheme.code, body=scheme.body.short_name, day=day
    )
    return counter.last, number
