"""Letters issued at the same moment by several connections get consecutive numbers: no gap, no duplicate."""

from __future__ import annotations

import threading

from django.db import connections

from netralitas.documents.models import Document, IssuingBody, LetterKind, NumberingScheme, Signatory
from netralitas.documents.samples import SAMPLES
from netralitas.documents.seed import seed_national_bodies
from netralitas.documents.services import document_issue
from tests.races import RACE_MARKS

# PostgreSQL serialises issuers on the counter's row lock, SQLite on the write lock of BEGIN IMMEDIATE.
pytestmark = RACE_MARKS

ISSUERS = 6


def test_concurrent_issues_number_without_gaps_or_duplicates() -> None:
    seed_national_bodies(IssuingBody, Signatory, NumberingScheme)
    body = IssuingBody.objects.get(code="bkn")
    _, subject, addressee, copies, context = SAMPLES[LetterKind.WARNING]
    barrier = threading.Barrier(ISSUERS)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            document_issue(
                body=body,
                kind=LetterKind.WARNING,
                subject=subject,
                addressee=addressee,
                context=context,
                actor=None,
                copies=copies,
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    documents = Document.objects.filter(body=body, kind=LetterKind.WARNING)
    assert sorted(documents.values_list("sequence", flat=True)) == list(range(1, ISSUERS + 1))
    assert documents.values("number").distinct().count() == ISSUERS
    assert NumberingScheme.objects.get(body=body, kind=LetterKind.WARNING).counters.get().last == ISSUERS
